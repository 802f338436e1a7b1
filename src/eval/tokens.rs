//! The tokens and paragraphs of `../shared/realgold/common.py`, so that `paraclean eval` and `score.py`
//! count the same bags.
//!
//! `tokenize`: NFKC, lower case, then `re.findall("[CJK]|[^\W_CJK]+")`: each CJK ideograph, kana or
//! Hangul code point is a token of its own (whatever its category: `ー`, `・` and conjoining jamo
//! too), everything else is a run of Python letters/digits ([`super::alnum`]). Punctuation, marks,
//! symbols, `_` and spaces separate tokens and are dropped.

use icu_normalizer::ComposingNormalizerBorrowed;
use rustc_hash::FxHashMap;

/// `common._CJK`: the code points that are one token each.
const CJK: [(u32, u32); 10] = [
    (0x1100, 0x11FF), // Hangul jamo
    (0x3040, 0x30FF), // hiragana, katakana
    (0x3130, 0x318F), // Hangul compatibility jamo
    (0x31F0, 0x31FF), // katakana phonetic extensions
    (0x3400, 0x4DBF), // CJK extension A
    (0x4E00, 0x9FFF), // CJK unified ideographs
    (0xA960, 0xA97F), // Hangul jamo extended-A
    (0xAC00, 0xD7AF), // Hangul syllables
    (0xD7B0, 0xD7FF), // Hangul jamo extended-B
    (0xF900, 0xFAFF), // CJK compatibility ideographs
];

fn in_ranges(ranges: &[(u32, u32)], c: char) -> bool {
    let c = c as u32;
    ranges
        .binary_search_by(|&(lo, hi)| {
            if hi < c {
                std::cmp::Ordering::Less
            } else if lo > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

fn is_cjk(c: char) -> bool {
    (c as u32) >= 0x1100 && in_ranges(&CJK, c)
}

/// Python's `str.isalnum()` for one code point.
fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        in_ranges(super::alnum::ALNUM, c)
    }
}

/// `common.tokenize`.
pub fn tokenize(text: &str) -> Vec<String> {
    let folded = ComposingNormalizerBorrowed::new_nfkc()
        .normalize(text)
        .to_lowercase();
    let mut tokens = Vec::new();
    let mut run = String::new();
    for c in folded.chars() {
        if is_cjk(c) {
            if !run.is_empty() {
                tokens.push(std::mem::take(&mut run));
            }
            tokens.push(c.to_string());
        } else if is_alnum(c) {
            run.push(c);
        } else if !run.is_empty() {
            tokens.push(std::mem::take(&mut run));
        }
    }
    if !run.is_empty() {
        tokens.push(run);
    }
    tokens
}

/// A multiset of tokens (`collections.Counter`). Counts are never zero.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Bag {
    counts: FxHashMap<String, u64>,
    size: u64,
}

impl Bag {
    pub fn of(text: &str) -> Bag {
        Bag::from_tokens(tokenize(text))
    }

    pub fn from_tokens(tokens: impl IntoIterator<Item = String>) -> Bag {
        let mut bag = Bag::default();
        for t in tokens {
            *bag.counts.entry(t).or_insert(0) += 1;
            bag.size += 1;
        }
        bag
    }

    /// `bag_size`: tokens counted with their multiplicity.
    pub fn size(&self) -> u64 {
        self.size
    }

    pub fn count(&self, token: &str) -> u64 {
        self.counts.get(token).copied().unwrap_or(0)
    }

    fn from_counts(counts: FxHashMap<String, u64>) -> Bag {
        let size = counts.values().sum();
        Bag { counts, size }
    }

    /// `self - other`: what is left after taking `other` away, never below zero.
    pub fn minus(&self, other: &Bag) -> Bag {
        Bag::from_counts(
            self.counts
                .iter()
                .filter_map(|(t, &n)| {
                    let left = n.saturating_sub(other.count(t));
                    (left > 0).then(|| (t.clone(), left))
                })
                .collect(),
        )
    }

    /// `self & other`: the smaller count of each token.
    pub fn and(&self, other: &Bag) -> Bag {
        Bag::from_counts(
            self.counts
                .iter()
                .filter_map(|(t, &n)| {
                    let both = n.min(other.count(t));
                    (both > 0).then(|| (t.clone(), both))
                })
                .collect(),
        )
    }

    /// `bag_size(self & other)` without building the bag.
    pub fn overlap(&self, other: &Bag) -> u64 {
        let (small, large) = if self.counts.len() <= other.counts.len() {
            (self, other)
        } else {
            (other, self)
        };
        small
            .counts
            .iter()
            .map(|(t, &n)| n.min(large.count(t)))
            .sum()
    }

    /// Takes one `token` out if there is one; says whether there was.
    pub fn take(&mut self, token: &str) -> bool {
        match self.counts.get_mut(token) {
            Some(n) => {
                *n -= 1;
                if *n == 0 {
                    self.counts.remove(token);
                }
                self.size -= 1;
                true
            }
            None => false,
        }
    }
}

/// `common._WS_RE`: the spaces a paragraph collapses (U+200B and U+FEFF too, not `\n`).
fn is_collapsed_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{0c}' | '\u{0b}' | '\r' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200b}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202f}'
                | '\u{205f}'
                | '\u{3000}'
                | '\u{feff}'
    )
}

/// Python's `str.isspace()`, which `str.strip()` trims: unlike `char::is_whitespace` it takes the
/// information separators U+001C–U+001F.
fn is_python_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// `common.paragraphs`: the non-empty lines, runs of spaces collapsed to one, ends trimmed.
pub fn paragraphs(text: &str) -> Vec<String> {
    text.split('\n')
        .filter_map(|line| {
            let mut out = String::with_capacity(line.len());
            let mut in_space = false;
            for c in line.chars() {
                if is_collapsed_space(c) {
                    if !in_space {
                        out.push(' ');
                    }
                    in_space = true;
                } else {
                    out.push(c);
                    in_space = false;
                }
            }
            let trimmed = out.trim_matches(is_python_space);
            (!trimmed.is_empty()).then(|| trimmed.to_string())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<String> {
        tokenize(s)
    }

    #[test]
    fn ranges_are_sorted_and_disjoint() {
        for table in [&CJK[..], super::super::alnum::ALNUM] {
            for w in table.windows(2) {
                assert!(w[0].0 <= w[0].1 && w[0].1 < w[1].0, "{w:?}");
            }
        }
    }

    #[test]
    fn bag_operations_follow_counter() {
        let r = Bag::from_tokens(["a", "a", "b", "c"].map(String::from));
        let g = Bag::from_tokens(["a", "b", "b", "d"].map(String::from));
        let n = r.minus(&g);
        assert_eq!(
            (n.count("a"), n.count("b"), n.count("c"), n.size()),
            (1, 0, 1, 2)
        );
        assert_eq!(r.and(&g).size(), 2);
        assert_eq!(r.overlap(&g), 2);
        let mut n = n;
        assert!(n.take("a") && !n.take("a") && n.size() == 1);
    }

    #[test]
    fn paragraphs_collapse_spaces_like_python() {
        assert_eq!(
            paragraphs(" a \u{200b} b\u{3000}\r\n\n\u{1c}c\u{1f}\n \u{85}"),
            ["a b", "c"]
        );
    }

    #[test]
    fn lone_hangul_is_not_a_word() {
        assert_eq!(toks("ㄱ"), ["ᄀ"]);
        assert!(toks("").is_empty());
    }
}
