//! What `learn` counts for each block: an exact **key** (the block's letters and digits, as the
//! duplicate detector sees them) and, when the block has variable parts, a **shape** with those parts
//! masked, so that `- <headline> | 중앙일보` or `윤정민 기자 <email>` count as one template line.
//!
//! Masks (applied to the match view, lower-cased):
//! - URLs → `<url>`, e-mail addresses → `<email>`, numbers (`1,204`, `2024.03.05`) → `0`;
//! - a title line `A | B` / `A - B` / `A :: B` whose short side has at most [`SHORT_SIDE`] chars: the
//!   long side (a headline) → `<t>`;
//! - a list item `▶ text` / `0. text` whose text is headline-like (short, not a sentence) → `<t>`;
//! - a contact line (contains `<email>` or `<url>`, at most [`CONTACT_TOKENS`] words): every word → `w`,
//!   so the reporter's name does not matter.
//!
//! Nothing here is tied to one language: the masks look at digits, punctuation and word boundaries.
//! Hashes are xxh3-64, stable across machines and versions of this crate with the same
//! [`FINGERPRINT_VERSION`], so tables made on different machines merge.

use crate::normalize::{dup_key, MatchView};
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;
use xxhash_rust::xxh3::xxh3_64;

/// Bumped whenever keys or shapes are computed differently; tables of other versions are refused.
pub const FINGERPRINT_VERSION: u32 = 1;
/// Blocks longer than this (in chars) are article paragraphs, not template lines: never counted.
pub const MAX_BLOCK_CHARS: usize = 400;
/// The short side of a title line (the publisher or section name) has at most this many chars.
const SHORT_SIDE: usize = 24;
/// A list item's text has at most this many chars to be masked as a headline.
const ITEM_CHARS: usize = 120;
/// A line with an e-mail or URL and at most this many words is a contact line.
const CONTACT_TOKENS: usize = 8;

/// Which fingerprint of a block a count belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// The exact block (letters and digits).
    Key,
    /// The block with its variable parts masked (or a slot of words at one end).
    Shape,
    /// A list item with its text masked (`▶ <t>`): counts only where items stand in a run.
    List,
}

/// The fingerprints of one block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    pub key: u64,
    /// Masked forms, most specific first; empty when no mask applied.
    pub shapes: Vec<(Kind, u64)>,
}

static URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:https?://|www\.)[^\s<>()\[\]]+").expect("url pattern"));
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+").expect("email pattern")
});
static DIGITS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[0-9]+(?:[.,][0-9]+)*").expect("digits pattern"));
static TITLE_SEPARATOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s+(?:\||-|::|·|/|ㅣ)\s+").expect("separator pattern"));
/// A list marker: symbols (`▶`, `-`, `·`, `■`; not a quote or bracket that opens the headline) or a
/// number with `.`/`)` or a space.
static ITEM_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^(?:[^\p{L}\p{N}\s<'"(\[]{1,3}\s*|0[.)]\s*|0\s+)"#).expect("item marker pattern")
});
static WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\p{L}+").expect("word pattern"));

/// The fingerprints of a block, or `None` for blocks that are never counted (no letters or digits,
/// or longer than [`MAX_BLOCK_CHARS`]).
pub fn fingerprint(block: &str) -> Option<Fingerprint> {
    let block = block.trim();
    if block.is_empty() || block.chars().nth(MAX_BLOCK_CHARS).is_some() {
        return None;
    }
    let key: String = dup_key(block).into_iter().collect();
    if key.is_empty() {
        return None;
    }
    Some(Fingerprint {
        key: xxh3_64(key.as_bytes()),
        shapes: shapes(block)
            .into_iter()
            .map(|(kind, s)| (kind, xxh3_64(s.as_bytes())))
            .collect(),
    })
}

/// The masked form of a block, when any mask applied.
pub fn shape(block: &str) -> Option<String> {
    shapes(block).into_iter().next().map(|(_, s)| s)
}

/// Every masked form of a block: the shape (digits, links, headline masked) and, for template-like
/// lines (with a link, an e-mail or a separator), the shape with a slot of 1–3 words masked at the
/// start or the end — where a name usually stands (`By <name> | …`, `<name> covers … Email <email>`).
pub fn shapes(block: &str) -> Vec<(Kind, String)> {
    let m = masked(block);
    let mut out = Vec::new();
    if m.templated {
        let words: Vec<&str> = m.text.split_whitespace().collect();
        if (SLOT_MIN_WORDS..=SLOT_MAX_WORDS).contains(&words.len()) {
            for n in 1..=3.min(words.len() - SLOT_KEEP_WORDS) {
                out.push((Kind::Shape, format!("<s> {}", words[n..].join(" "))));
                out.push((
                    Kind::Shape,
                    format!("{} <s>", words[..words.len() - n].join(" ")),
                ));
            }
        }
    }
    if m.shaped {
        out.insert(0, (m.kind, m.text));
    }
    out
}

/// Slots are tried on lines of at least this many words …
const SLOT_MIN_WORDS: usize = 6;
/// … and keep at least this many unmasked.
const SLOT_KEEP_WORDS: usize = 4;
/// … and longer lines are prose, not template lines.
const SLOT_MAX_WORDS: usize = 40;

fn masked(block: &str) -> Masked {
    let view = MatchView::new(block.trim());
    let lower = view.text.to_lowercase();
    let mut text = URL.replace_all(&lower, "<url>").into_owned();
    text = EMAIL.replace_all(&text, "<email>").into_owned();
    text = DIGITS.replace_all(&text, "0").into_owned();
    let contact = text.contains("<email>") || text.contains("<url>");
    let mut kind = Kind::Shape;
    let templated = contact || TITLE_SEPARATOR.is_match(&text);
    if contact && WORD.find_iter(&text).count() <= CONTACT_TOKENS + 2 {
        text = WORD
            .replace_all(&text, |m: &regex::Captures| {
                let word = &m[0];
                if matches!(word, "url" | "email") {
                    word.to_string()
                } else {
                    "w".to_string()
                }
            })
            .into_owned();
    } else if let Some(masked) = mask_title(&text) {
        text = masked;
    } else if let Some(masked) = mask_item(&text) {
        text = masked;
        kind = Kind::List;
    }
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let shaped = text != lower.split_whitespace().collect::<Vec<_>>().join(" ");
    Masked {
        kind,
        text,
        shaped,
        templated,
    }
}

/// A block after masking.
struct Masked {
    kind: Kind,
    /// Lower-cased, masks applied, whitespace collapsed.
    text: String,
    /// Whether any mask applied.
    shaped: bool,
    /// Whether the line has a link, an e-mail or a separator (slots are tried only then).
    templated: bool,
}

/// `headline | 중앙일보` → `<t> | 중앙일보` (the long side masked, the short side kept).
fn mask_title(text: &str) -> Option<String> {
    let sep = TITLE_SEPARATOR.find_iter(text).last()?;
    let (left, right) = (&text[..sep.start()], &text[sep.end()..]);
    let (l, r) = (left.chars().count(), right.chars().count());
    if l == 0 || r == 0 {
        return None;
    }
    let (marker, _) = split_marker(left);
    if r <= SHORT_SIDE && l > r {
        Some(format!("{marker}<t>{}{right}", sep.as_str()))
    } else if l <= SHORT_SIDE && r > l && marker.is_empty() {
        Some(format!("{left}{}<t>", sep.as_str()))
    } else {
        None
    }
}

/// `▶ headline` / `0. headline` → `▶ <t>` when the text is headline-like.
fn mask_item(text: &str) -> Option<String> {
    let (marker, rest) = split_marker(text);
    let rest = rest.trim();
    if marker.is_empty()
        || rest.is_empty()
        || rest.chars().nth(ITEM_CHARS).is_some()
        || ends_like_sentence(rest)
        || !rest.chars().any(char::is_alphanumeric)
    {
        return None;
    }
    Some(format!("{}<t>", marker.trim_end()))
}

fn split_marker(text: &str) -> (&str, &str) {
    match ITEM_MARKER.find(text) {
        Some(m) if m.end() < text.len() => (&text[..m.end()], &text[m.end()..]),
        _ => ("", text),
    }
}

/// Ends with sentence punctuation (any script): `.`, `!`, `?`, `。`, `！`, `？`, optionally followed by a
/// closing quote or bracket.
pub fn ends_like_sentence(text: &str) -> bool {
    let t = text
        .trim_end()
        .trim_end_matches(['"', '\'', '”', '’', '」', '』', ')', '）']);
    t.ends_with(['.', '!', '?', '。', '！', '？'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn related_headlines_of_one_publisher_share_a_shape() {
        let a = shape("- 코스피, 외국인 매수에 2,560선 회복 | 중앙일보").unwrap();
        let b = shape("- \"전세사기 피해자 지원 확대\" 특별법 통과 | 중앙일보").unwrap();
        assert_eq!(a, b);
        assert_eq!(a, "- <t> | 중앙일보");
        assert_ne!(shape("- 다른 기사 | 한겨레"), Some(a));
    }

    #[test]
    fn signatures_share_a_shape_whatever_the_name() {
        let a = shape("윤정민 기자 yunjm@joongang.co.kr").unwrap();
        let b = shape("김철수 기자 cskim@joongang.co.kr").unwrap();
        assert_eq!(a, b);
        assert_eq!(a, "w w <email>");
    }

    #[test]
    fn counters_and_dates_share_a_shape() {
        assert_eq!(shape("조회수 1,204"), shape("조회수 87"));
        assert_eq!(
            shape("입력 2024.03.05 14:32"),
            shape("입력 2023.11.30 09:01")
        );
        assert_eq!(shape("1. 시의회 예산 통과"), shape("2. 폭설에 도로 통제"));
    }

    #[test]
    fn plain_sentences_have_no_shape() {
        assert_eq!(shape("정부가 내년 예산안을 발표했다."), None);
        // A list item that is a sentence is not a headline.
        assert_eq!(shape("▲ 시장은 내년 예산을 늘리겠다고 말했다."), None);
    }

    #[test]
    fn keys_ignore_spacing_and_punctuation_and_long_blocks_are_not_counted() {
        let a = fingerprint("구독신청 | 광고문의 | 제보하기").unwrap();
        let b = fingerprint("구독신청  ·  광고문의 · 제보하기").unwrap();
        assert_eq!(a.key, b.key);
        assert!(fingerprint(&"가".repeat(MAX_BLOCK_CHARS + 1)).is_none());
        assert!(fingerprint("━━━━━").is_none());
    }
}
