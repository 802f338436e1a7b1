//! Is a candidate pair really a copy, and of which kind? Each check is cheap before it is exact:
//! lengths and figures are compared before any edit distance is computed.

use super::levenshtein;
use super::shape::Block;
use super::{DupConfig, DupKind, DupWork};
use crate::normalize::dup_key;

/// A verified pair. `shorter` names the block that is a truncated or reduced form of the other
/// (teasers, dropped sentences); `None` when the two are the same text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Verified {
    pub kind: DupKind,
    pub score: f64,
    pub shorter: Option<usize>,
}

/// A `…` teaser this long (key chars) is checked against the start of a longer block char for
/// char; from `teaser_min_chars` on, edit distance forgives small differences too.
const SHORT_TEASER_MIN_CHARS: usize = 12;
/// Close to its longer form (at most one block between), a teaser or a dropped-sentence copy
/// counts from this many key chars.
const CLOSE_TEASER_MIN_CHARS: usize = 8;
const CLOSE_CONTAINED_MIN_CHARS: usize = 15;

/// Sentence keys per block, split on first use.
pub struct Sentences(Vec<Option<Vec<Vec<char>>>>);

impl Sentences {
    pub fn new(n: usize) -> Self {
        Sentences(vec![None; n])
    }

    fn of(&mut self, blocks: &[Block], i: usize) -> &[Vec<char>] {
        self.0[i].get_or_insert_with(|| sentence_keys(blocks[i].text))
    }
}

/// Checks blocks `a < b`. `overlap` is their shared share of sampled 4-grams (the fallback
/// similarity for blocks too long for edit distance); `close` says at most one block stands between
/// them, which lets shorter teasers and dropped-sentence copies count.
#[allow(clippy::too_many_arguments)]
pub fn verify(
    blocks: &[Block],
    a: usize,
    b: usize,
    overlap: f64,
    close: bool,
    cfg: &DupConfig,
    sentences: &mut Sentences,
    work: &mut DupWork,
) -> Option<Verified> {
    work.verifications += 1;
    let (short, long) = if blocks[a].key.len() <= blocks[b].key.len() {
        (a, b)
    } else {
        (b, a)
    };
    let (ks, kl) = (blocks[short].key, blocks[long].key);

    if blocks[short].teaser && ks.len() < kl.len() {
        let exact_min = if close {
            CLOSE_TEASER_MIN_CHARS
        } else {
            SHORT_TEASER_MIN_CHARS
        };
        let prefix = &kl[..ks.len()];
        let score = if ks.len() >= exact_min && prefix == ks {
            1.0
        } else if ks.len() >= cfg.teaser_min_chars && ks.len() <= cfg.verify_max_chars {
            work.edit_distance_cells += ks.len() * ks.len().div_ceil(64);
            levenshtein::similarity(ks, prefix)
        } else {
            0.0
        };
        if score >= cfg.near_similarity {
            return Some(Verified {
                kind: DupKind::Teaser,
                score,
                shorter: Some(short),
            });
        }
    }
    if blocks[short].list_like || blocks[long].list_like {
        return None;
    }
    let long_enough = ks.len() >= cfg.min_chars;
    if !(long_enough || close && ks.len() >= CLOSE_CONTAINED_MIN_CHARS) {
        return None;
    }
    let ratio = ks.len() as f64 / kl.len() as f64;
    // Copies made by scrapers differ in spacing, quotes or a typo, not in their figures: blocks
    // that differ in a number (templated live-blog updates, results) are different facts. The
    // figures are compared first: they are cheap and rule out most templated lines.
    if long_enough && ratio >= cfg.near_similarity - 0.1 && same_numbers(ks, kl) {
        let score = if kl.len() <= cfg.verify_max_chars {
            work.edit_distance_cells += kl.len() * ks.len().div_ceil(64);
            levenshtein::similarity(ks, kl)
        } else {
            overlap
        };
        if score >= cfg.near_similarity {
            return Some(Verified {
                kind: DupKind::Near,
                score,
                shorter: None,
            });
        }
    }
    // One copy lacks a sentence (or more) of the other: every sentence of the shorter is in the longer.
    if kl.len() <= cfg.verify_max_chars * 4 {
        let short_sentences = sentences.of(blocks, short).to_vec();
        if !short_sentences.is_empty() {
            let long_sentences = sentences.of(blocks, long);
            if short_sentences.len() < long_sentences.len()
                && short_sentences.iter().all(|s| long_sentences.contains(s))
            {
                return Some(Verified {
                    kind: DupKind::Contained,
                    score: ratio,
                    shorter: Some(short),
                });
            }
        }
    }
    None
}

/// Whether two close blocks can be a teaser and its text, or a copy with a sentence dropped and its
/// text: the shorter has to be long enough to count and shorter than the other.
pub fn worth_comparing_close(blocks: &[Block], a: usize, b: usize) -> bool {
    let (short, long) = if blocks[a].key.len() <= blocks[b].key.len() {
        (&blocks[a], &blocks[b])
    } else {
        (&blocks[b], &blocks[a])
    };
    if short.key.len() >= long.key.len() {
        return false;
    }
    if short.teaser && short.key.len() >= CLOSE_TEASER_MIN_CHARS {
        return true;
    }
    // A copy with a sentence dropped starts and ends with text of the longer block: checked on
    // the keys before any sentence is split.
    let edge = short.key.len().min(EDGE_CHARS);
    short.key.len() >= CLOSE_CONTAINED_MIN_CHARS
        && contains(long.key, &short.key[..edge])
        && contains(long.key, &short.key[short.key.len() - edge..])
}

/// Key chars at each end of a shorter block that the longer one must hold.
const EDGE_CHARS: usize = 8;

fn contains(haystack: &[char], needle: &[char]) -> bool {
    // The first char is compared before the whole window (a call to `memcmp` per window).
    needle.is_empty()
        || haystack
            .windows(needle.len())
            .any(|w| w[0] == needle[0] && w == needle)
}

/// Whether two keys hold the same digit runs, in order.
fn same_numbers(a: &[char], b: &[char]) -> bool {
    fn runs(k: &[char]) -> impl Iterator<Item = &[char]> {
        k.split(|c| !c.is_ascii_digit())
            .filter(|run| !run.is_empty())
    }
    runs(a).eq(runs(b))
}

fn sentence_keys(text: &str) -> Vec<Vec<char>> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (i, &(at, c)) in chars.iter().enumerate() {
        let next = chars.get(i + 1).map(|&(_, n)| n);
        let ends = matches!(c, '.' | '!' | '?' | '。' | '！' | '？')
            && !next.is_some_and(|n| n.is_ascii_digit() || n == '.' || n.is_ascii_lowercase());
        if ends || i + 1 == chars.len() {
            let end = at + c.len_utf8();
            let key = dup_key(&text[start..end]);
            if key.len() >= 5 {
                out.push(key);
            }
            start = end;
        }
    }
    out
}
