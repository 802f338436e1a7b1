//! Matching keys. Nothing here ever reaches the output: the output keeps the input's bytes.
//!
//! Two derived forms of a line:
//! - the **match view**: look-alike code points unified (`ⓒ © (C)` → `(c)`, `〈＜` → `<`, curly quotes →
//!   straight, dash look-alikes → `-`, exotic spaces → space, zero-width marks dropped, `…` → `...`,
//!   NFKC compatibility forms folded) with a byte map back to the original line, so that a rule that
//!   matches the view cuts exact bytes of the input. Case is kept; rules match case-insensitively.
//! - the **dup key**: lower-cased letters and digits only, so copies that differ in spacing, quotes or
//!   punctuation share a key (Korean copies often differ only in spacing).

use icu_normalizer::ComposingNormalizerBorrowed;
use std::borrow::Cow;

/// A line as rules see it, with a map back to the original bytes.
#[derive(Debug, Clone)]
pub struct MatchView<'a> {
    pub text: Cow<'a, str>,
    /// For each byte of `text`, the byte offset in the source where the producing char starts.
    /// `None` when `text` is the source itself.
    map: Option<Vec<u32>>,
    source: &'a str,
}

impl<'a> MatchView<'a> {
    pub fn new(source: &'a str) -> Self {
        if source.chars().all(is_plain) {
            return MatchView {
                text: Cow::Borrowed(source),
                map: None,
                source,
            };
        }
        let mut text = String::with_capacity(source.len() + 8);
        let mut map = Vec::with_capacity(source.len() + 8);
        let mut chars = source.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            let before = text.len();
            if is_combining(c) {
                // A base followed by combining marks or conjoining jamo: normalize the unit as a whole.
                let mut end = at + c.len_utf8();
                while let Some(&(next_at, next)) = chars.peek() {
                    if !is_combining(next) {
                        break;
                    }
                    end = next_at + next.len_utf8();
                    chars.next();
                }
                text.push_str(&nfkc().normalize(&source[at..end]));
            } else {
                fold_char(c, &mut text);
            }
            map.extend(std::iter::repeat_n(at as u32, text.len() - before));
        }
        MatchView {
            text: Cow::Owned(text),
            map: Some(map),
            source,
        }
    }

    /// Maps a byte range of the view back to a byte range of the source line.
    pub fn source_range(&self, start: usize, end: usize) -> (usize, usize) {
        match &self.map {
            None => (start, end),
            Some(map) => {
                let s = map.get(start).map_or(self.source.len(), |&at| at as usize);
                if end <= start {
                    return (s, s);
                }
                if end >= map.len() {
                    // A span that ends the view also takes any dropped zero-width chars after it.
                    return (s, self.source.len());
                }
                let last = map[end - 1] as usize;
                let len = self.source[last..].chars().next().map_or(0, char::len_utf8);
                (s, (last + len).max(s))
            }
        }
    }
}

fn nfkc() -> ComposingNormalizerBorrowed<'static> {
    ComposingNormalizerBorrowed::new_nfkc()
}

/// Chars that the view keeps as they are: the fast path for most lines.
#[inline]
fn is_plain(c: char) -> bool {
    let u = c as u32;
    (0x20..0x7f).contains(&u)
        || (0xAC00..=0xD7A3).contains(&u) // Hangul syllables
        || (0x4E00..=0x9FFF).contains(&u) // CJK ideographs
        || (0x3041..=0x30FF).contains(&u) && u != 0x30FB // kana
        || (0x3131..=0x318C).contains(&u) // compatibility jamo: kept, NFKC would break them
        || (0xC0..=0x24F).contains(&u) && u != 0xD7 && u != 0xF7 // Latin letters with accents
        || (0x0400..=0x04FF).contains(&u) // Cyrillic
        || "·•▶▷▲△◆◇■□○●◎※☞★☆━─│┃═~".contains(c)
}

#[inline]
fn is_combining(c: char) -> bool {
    let u = c as u32;
    (0x0300..=0x036F).contains(&u)
        || (0x1100..=0x11FF).contains(&u)
        || (0xD7B0..=0xD7FF).contains(&u)
}

/// Appends the view form of one char.
fn fold_char(c: char, out: &mut String) {
    let mapped: &str = match c {
        // `⏎` (U+23CE) marks line ends in some news archives' text.
        '\t' | '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' | '⏎' => {
            " "
        }
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{fe0e}'
        | '\u{fe0f}' | '\u{ad}' => "",
        'ⓒ' | 'Ⓒ' | '©' => "(c)",
        '〈' | '《' | '‹' => "<",
        '〉' | '》' | '›' => ">",
        '【' | '〔' | '〖' => "[",
        '】' | '〕' | '〗' => "]",
        '“' | '”' | '„' | '‟' | '″' | '«' | '»' => "\"",
        '‘' | '’' | '‚' | '‛' | '′' | '`' | '´' => "'",
        '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => "-",
        '…' => "...",
        '｜' | '¦' => "|",
        // HANGUL LETTER ARAEA, typed as a middle dot in Korean web text (`반도체ㆍ2차전지`).
        'ㆍ' => "·",
        _ => {
            let u = c as u32;
            if (0xFF01..=0xFF5E).contains(&u) {
                // Full-width ASCII.
                out.push(char::from_u32(u - 0xFEE0).unwrap_or(c));
                return;
            }
            if is_plain(c) || c.is_ascii() {
                out.push(c);
                return;
            }
            let mut buf = [0u8; 4];
            let s: &str = c.encode_utf8(&mut buf);
            let n = nfkc();
            if n.is_normalized(s) {
                out.push(c);
            } else {
                out.push_str(&n.normalize(s));
            }
            return;
        }
    };
    out.push_str(mapped);
}

/// The duplicate key of a piece of text: lower-cased letters and digits, everything else dropped.
pub fn dup_key(text: &str) -> Vec<char> {
    let view = MatchView::new(text);
    let mut key = Vec::with_capacity(text.len() / 2);
    for c in view.text.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                key.push(c.to_ascii_lowercase());
            }
        } else if is_caseless_letter(c) {
            key.push(c);
        } else if c.is_alphanumeric() {
            key.extend(c.to_lowercase());
        }
    }
    key
}

/// Hangul syllables, CJK ideographs and kana: letters without case, by far the most common
/// non-ASCII chars here, answered without the Unicode tables (measured ~5% of all work).
#[inline]
fn is_caseless_letter(c: char) -> bool {
    matches!(c as u32, 0xAC00..=0xD7A3 | 0x4E00..=0x9FFF | 0x3041..=0x3096 | 0x30A1..=0x30FA)
}

/// Whether a char counts as whitespace when cut spans are widened or lines tested for emptiness.
#[inline]
pub fn is_space(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '⏎'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caseless_fast_path_agrees_with_the_unicode_tables() {
        for u in (0xAC00..=0xD7A3u32)
            .chain(0x4E00..=0x9FFF)
            .chain(0x3041..=0x3096)
            .chain(0x30A1..=0x30FA)
        {
            let c = char::from_u32(u).unwrap();
            assert!(c.is_alphanumeric() && c.to_lowercase().eq([c]), "{c:?}");
        }
    }

    #[test]
    fn plain_korean_line_is_borrowed() {
        let v = MatchView::new("SKT는 지난 12일 밝혔다.");
        assert!(matches!(v.text, Cow::Borrowed(_)));
        assert_eq!(v.source_range(0, 3), (0, 3));
    }

    #[test]
    fn look_alikes_are_unified_and_mapped_back() {
        let src = "〈저작권자ⓒ 연합뉴스〉";
        let v = MatchView::new(src);
        assert_eq!(v.text, "<저작권자(c) 연합뉴스>");
        let at = v.text.find("(c)").unwrap();
        let (s, e) = v.source_range(at, at + 3);
        assert_eq!(&src[s..e], "ⓒ");
        let (s, e) = v.source_range(0, v.text.len());
        assert_eq!(&src[s..e], src);
    }

    #[test]
    fn spaces_quotes_and_fullwidth_fold() {
        let v = MatchView::new("“Ａ\u{3000}B”\u{200b}…");
        assert_eq!(v.text, "\"A B\"...");
    }

    #[test]
    fn compatibility_jamo_survive() {
        let v = MatchView::new("ㅋㅋ 대박 ㅣ 취재기자");
        assert_eq!(v.text, "ㅋㅋ 대박 ㅣ 취재기자");
    }

    #[test]
    fn decomposed_hangul_is_composed() {
        let v = MatchView::new("\u{1112}\u{1161}\u{11ab}국");
        assert_eq!(v.text, "한국");
    }

    #[test]
    fn dup_key_ignores_spacing_quotes_and_case() {
        assert_eq!(
            dup_key("“AI, 혼자선 안돼” 동맹"),
            dup_key("\"ai,혼자선  안돼\"동맹")
        );
    }
}
