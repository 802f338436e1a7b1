//! What a block looks like, as far as telling a scraped copy from a written repeat goes: its dup key
//! and a few flags read off its text. Flags that only matter for the neighbours of a repeat
//! (post headers) are computed on demand, see [`is_attribution`].

use crate::segment::is_list_item;
use regex::Regex;
use std::sync::OnceLock;

/// One block as the duplicate detector sees it.
#[derive(Clone, Copy)]
pub struct Block<'a> {
    pub text: &'a str,
    /// Lower-cased letters and digits (see [`crate::normalize::dup_key`]): copies that differ in
    /// spacing, quotes or punctuation share it. Computed once per document, in one buffer.
    pub key: &'a [char],
    /// [`key_hash`] of `key`: equal keys have equal hashes (the key table hashes this, then
    /// compares the keys themselves).
    pub key_hash: u64,
    /// A list item (`- …`, `▲ …`, `1. …`): lists repeat items on purpose.
    pub list_like: bool,
    /// Short and not ending like a sentence: a section heading or a label.
    pub heading_like: bool,
    /// Ends with `…`, `...` or NewsAPI's `[+123 chars]`: a truncated copy.
    pub teaser: bool,
    /// Ends like a sentence (`.`, `!`, `?`, or a closing quote).
    pub ends_sentence: bool,
    /// Sentences, roughly: terminal punctuation followed by a space or the end.
    pub sentences: usize,
    /// A photo caption: the rules cut a credit or caption span from it, or it opens like one.
    pub caption: bool,
    /// Opens with a quotation mark or a `>` quote marker.
    pub opens_quote: bool,
}

/// Chars a heading does not end with: a line ending so is a sentence, a quote or an introduction.
/// (A question mark does not count: explainers head their sections with questions.)
const SENTENCE_END: [char; 10] = ['.', '!', '。', '"', '\'', '”', '’', ')', ':', '…'];

/// Longest heading or label, in key chars.
pub const HEADING_MAX_CHARS: usize = 30;

/// Chars a quotation opens with; `>` marks quoted text in mail and forum replies.
const QUOTE_OPENERS: [char; 8] = ['"', '“', '”', '„', '«', '‘', '\'', '>'];

/// The hash of a dup key (FNV-1a over its chars): one multiply-xor per char, and the key table
/// then hashes one `u64` instead of the chars.
pub fn key_hash(key: &[char]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &c in key {
        h = (h ^ c as u64).wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

impl<'a> Block<'a> {
    /// `key` is `dup_key(text)`.
    pub fn new(text: &'a str, key: &'a [char], caption: bool) -> Self {
        let trimmed = text.trim();
        let ends_sentence = trimmed.ends_with(['.', '!', '?', '。', '"', '”', '’', '」']);
        let caption = caption || opens_like_caption(trimmed, ends_sentence);
        // `▲ 윤석열 대통령이 … 발언하고 있다.` is a caption, `▲ 홍길동 부장` a list item.
        let list_like = !caption && is_list_item(trimmed);
        Block {
            heading_like: !list_like
                && !key.is_empty()
                && key.len() <= HEADING_MAX_CHARS
                && !trimmed.ends_with(SENTENCE_END),
            teaser: trimmed.ends_with('…')
                || trimmed.ends_with("...")
                || ends_with_char_count(trimmed),
            ends_sentence,
            sentences: count_sentences(trimmed),
            opens_quote: trimmed.starts_with(QUOTE_OPENERS),
            caption,
            text,
            key,
            key_hash: key_hash(key),
            list_like,
        }
    }
}

impl Block<'_> {
    /// The block stands right after a separator line (`━━━`, `* * *`): a short line there opens
    /// a section and is a heading even when it ends in a quote (`매수 심리 위축 '뚜렷'`).
    pub fn after_separator(&mut self) {
        let t = self.text.trim();
        if !self.list_like
            && !self.key.is_empty()
            && self.key.len() <= HEADING_MAX_CHARS
            && !t.ends_with(['.', '!', '。', ':', '…'])
        {
            self.heading_like = true;
        }
    }
}

fn count_sentences(text: &str) -> usize {
    let mut count = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if matches!(c, '.' | '!' | '?' | '。' | '！' | '？')
            && chars.peek().is_none_or(|n| n.is_whitespace())
        {
            count += 1;
        }
    }
    count.max(usize::from(!text.is_empty()))
}

/// NewsAPI's truncation marker: `… [+6534 chars]`.
fn ends_with_char_count(text: &str) -> bool {
    text.ends_with(" chars]") && text.contains("[+")
}

/// Korean photo captions open with a marker and read as a sentence, or open with a photo tag;
/// English ones open with a label.
fn opens_like_caption(line: &str, ends_sentence: bool) -> bool {
    const TAGS: [&str; 6] = ["[사진", "(사진", "사진=", "Photo:", "PHOTO:", "Image:"];
    (ends_sentence && line.starts_with(['▲', '△'])) || TAGS.iter().any(|t| line.starts_with(t))
}

/// What a line says about the post it opens or closes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attribution {
    None,
    /// A date or a time (`05-06-2005, 05:49 PM`), or a short line ending in a colon (`Tony K:`):
    /// a post header, or the stamp of a live-blog entry, or a list's introduction.
    Stamp,
    /// Names who speaks: `Jane wrote:`, `by jdoe (1234)`, `Posted by: Dawn at …`, `You stated:`.
    Speaker,
}

impl Attribution {
    pub fn any(self) -> bool {
        self != Attribution::None
    }
}

/// A post header or a quote introducer. Quoted text in a reply stands right after one; a pasted
/// copy has no reason to.
pub fn attribution(text: &str) -> Attribution {
    let t = text.trim();
    if t.is_empty() || t.chars().count() > 100 {
        return Attribution::None;
    }
    static RE: OnceLock<[Regex; 4]> = OnceLock::new();
    let [introduces, ends_sentence, stamp, speech] = RE.get_or_init(|| {
        [
            Regex::new(r"(?i)\b(wrote|writes|said|says|stated|asked|replied|responded|quote|quoted|quoting)\s*:$")
                .expect("valid"),
            Regex::new(r"[.!?。]\s*$").expect("valid"),
            Regex::new(concat!(
                r"(?i)\b\d{1,2}:\d{2}\b|\b\d{1,2}\s?[ap]\.?m\b",
                r"|\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b",
                r"|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b",
                r"|\b\d{1,2}(st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)",
                r"|\d+\s*[년월일]",
            ))
            .expect("valid"),
            Regex::new(concat!(
                r"(?i)\b(wrote|writes|replied|responded)\b|\bposted\s+by\b",
                r"|\b(said|says|quoted|stated)\s*(\.\.\.|…)$",
                r"|\b(response|reply)\s+to\b|^(by|re:|quote)\s|^@",
            ))
            .expect("valid"),
        ]
    });
    // `… wrote:` introduces a quotation; any other short line ending in a colon (`Tony K:`,
    // `Like this:`) may or may not, and counts as weak as a stamp.
    if t.ends_with(':') {
        return if introduces.is_match(t) {
            Attribution::Speaker
        } else if t.chars().count() <= 80 {
            Attribution::Stamp
        } else {
            Attribution::None
        };
    }
    // A sentence, unless it ends with a time (`7:04 p.m.`) or trails off (`Jane said...`).
    if ends_sentence.is_match(t) && !ends_with_time(t) && !t.ends_with("...") {
        return Attribution::None;
    }
    // A speech verb marks a header only in a line too short to be a headline, or next to a stamp.
    let words = t.split_whitespace().count();
    let stamped = stamp.is_match(t);
    if speech.is_match(t) && (words <= 8 || stamped && words <= 14) {
        Attribution::Speaker
    } else if stamped {
        Attribution::Stamp
    } else {
        Attribution::None
    }
}

fn ends_with_time(t: &str) -> bool {
    let lower = t.to_ascii_lowercase();
    lower.ends_with("a.m.") || lower.ends_with("p.m.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn post_headers_and_quote_introducers() {
        for yes in [
            "Jane wrote:",
            "by jdoe (1234) on Tuesday July 24, @02:23PM",
            "05-06-2005, 05:49 PM",
            "Posted by: Dawn at September 10, 2012 7:04 PM",
            "You stated:",
            "Tim Worstall 11.06.12 at 12:00 pm",
            "@ Roger",
            "by shutdown -p now (807394)",
            "2024.07.14 14:32",
            "Commodity tips said...",
            "Originally posted by MavRick",
            "coolbreeze wrote on March 4, 2024 at 8:30 am",
        ] {
            assert!(attribution(yes).any(), "{yes}");
        }
        for no in [
            "The company said on March 3 it would cut 200 jobs.",
            "Geoffrey Allan Plauché",
            "무슨 일이야",
            "What the government says",
            "",
            "He wrote a letter to the board, which said nothing about the merger or its timing at all, twice",
        ] {
            assert_eq!(attribution(no), Attribution::None, "{no}");
        }
    }

    fn block(text: &'static str, caption: bool) -> Block<'static> {
        let key = Box::leak(crate::normalize::dup_key(text).into_boxed_slice());
        Block::new(text, key, caption)
    }

    #[test]
    fn key_hashes_are_equal_when_keys_are() {
        use crate::normalize::dup_key;
        let same = [
            ("“AI, 혼자선 안돼” 동맹", "\"ai,혼자선  안돼\"동맹"),
            ("‘유나이트 2024’를 개최", "'유나이트 2024'를\t개최"),
            ("東京都は12日、発表した。", "東京都は 12 日 発表した"),
            ("Read\u{a0}More »", "read more"),
            ("北京市政府", "北京市 政府"),
        ];
        for (a, b) in same {
            let (ka, kb) = (dup_key(a), dup_key(b));
            assert_eq!(ka, kb, "{a:?} {b:?}");
            assert_eq!(key_hash(&ka), key_hash(&kb));
        }
        let differ = [
            ("홍길동 부장", "홍길동 차장"),
            ("15개 기업", "16개 기업"),
            ("ab", "ba"),
            ("東京", "京東"),
            ("a", ""),
        ];
        for (a, b) in differ {
            let (ka, kb) = (dup_key(a), dup_key(b));
            assert_ne!(ka, kb);
            assert_ne!(key_hash(&ka), key_hash(&kb), "{a:?} {b:?}");
        }
    }

    #[test]
    fn headings_teasers_captions() {
        assert!(block("무슨 일이야", false).heading_like);
        assert!(block("What does it mean?", false).heading_like);
        assert!(!block("It ends here.", false).heading_like);
        assert!(block("정부는 예산안을 …", false).teaser);
        assert!(block("▲ 윤석열 대통령이 발언하고 있다.", false).caption);
        assert!(block("the text", true).caption);
        assert!(block("1. 첫째 항목", false).list_like);
        assert!(block("▲ 홍길동 부장", false).list_like);
        assert!(!block("▲ 홍길동 부장", false).caption);
    }
}
