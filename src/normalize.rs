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
    /// How `text` was made from the source, in runs (`text` borrowed: the source itself).
    /// Most changed lines differ from their source in a few chars (curly quotes, `ⓒ`), so the map
    /// is kept per run, not per byte.
    runs: Vec<Run>,
    source: &'a str,
}

/// A stretch of the view: from `view` on (up to the next run), either source bytes copied as they
/// are (from `src` on), or the folded form of the source char or combining unit at `src`.
#[derive(Debug, Clone, Copy)]
struct Run {
    view: u32,
    src: u32,
    copied: bool,
}

impl<'a> MatchView<'a> {
    pub fn new(source: &'a str) -> Self {
        match first_change(source) {
            None => MatchView {
                text: Cow::Borrowed(source),
                runs: Vec::new(),
                source,
            },
            Some(at) => {
                let mut text = String::with_capacity(source.len() + 8);
                let mut runs = Vec::with_capacity(16);
                fold_into(source, at, &mut text, Some(&mut runs));
                MatchView {
                    text: Cow::Owned(text),
                    runs,
                    source,
                }
            }
        }
    }

    /// The source offset where the char producing view byte `i` starts (`i` < the view's length).
    fn source_at(&self, i: usize) -> usize {
        let k = self.runs.partition_point(|r| r.view as usize <= i) - 1;
        let run = self.runs[k];
        if !run.copied {
            return run.src as usize;
        }
        let bytes = self.text.as_bytes();
        let mut j = i;
        while j > run.view as usize && (bytes[j] & 0xC0) == 0x80 {
            j -= 1;
        }
        run.src as usize + (j - run.view as usize)
    }

    /// Maps a byte range of the view back to a byte range of the source line.
    pub fn source_range(&self, start: usize, end: usize) -> (usize, usize) {
        if let Cow::Borrowed(_) = self.text {
            return (start, end);
        }
        let len = self.text.len();
        let s = if start < len {
            self.source_at(start)
        } else {
            self.source.len()
        };
        if end <= start {
            return (s, s);
        }
        if end >= len {
            // A span that ends the view also takes any dropped zero-width chars after it.
            return (s, self.source.len());
        }
        let last = self.source_at(end - 1);
        let n = self.source[last..].chars().next().map_or(0, char::len_utf8);
        (s, (last + n).max(s))
    }
}

/// The text of the match view alone (no map), for keys.
pub fn view_text(source: &str) -> Cow<'_, str> {
    match first_change(source) {
        None => Cow::Borrowed(source),
        Some(at) => {
            let mut text = String::with_capacity(source.len() + 8);
            fold_into(source, at, &mut text, None);
            Cow::Owned(text)
        }
    }
}

/// The byte offset of the first char the view changes, if any. A line of plain chars (the fast
/// path: most lines) is its own view; a backtick stays as it is on such a line.
#[inline]
fn first_change(source: &str) -> Option<usize> {
    let bytes = source.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if !(0x20..0x7f).contains(&b) {
                return Some(i);
            }
            i += 1;
            // After an ASCII byte, eight at a time while they are all printable ASCII.
            while let Some(chunk) = bytes.get(i..i + 8) {
                if !printable_ascii(u64::from_le_bytes(chunk.try_into().expect("8 bytes"))) {
                    break;
                }
                i += 8;
            }
            continue;
        }
        // Hangul syllables (U+AC00–U+D7A3), most non-ASCII chars here, by their first two bytes:
        // lead EB or EC is U+B000–U+CFFF, EA B0.. is U+AC00 on, ED ..9D ends before U+D780.
        if b == 0xEB
            || b == 0xEC
            || (b == 0xEA && bytes[i + 1] >= 0xB0)
            || (b == 0xED && bytes[i + 1] < 0x9E)
        {
            i += 3;
            continue;
        }
        // `source` is valid UTF-8: decode the char at `i` by its lead byte.
        let (c, n) = if b < 0xE0 {
            (((b as u32 & 0x1F) << 6) | (bytes[i + 1] as u32 & 0x3F), 2)
        } else if b < 0xF0 {
            (
                ((b as u32 & 0x0F) << 12)
                    | ((bytes[i + 1] as u32 & 0x3F) << 6)
                    | (bytes[i + 2] as u32 & 0x3F),
                3,
            )
        } else {
            (0x10000, 4)
        };
        if !is_plain(char::from_u32(c).unwrap_or('\0')) {
            return Some(i);
        }
        i += n;
    }
    None
}

/// Whether all eight bytes of `w` are printable ASCII (0x20..0x7E): no byte with the high bit,
/// none below 0x20, none equal to 0x7F (exact tests for the presence of such a byte).
#[inline]
fn printable_ascii(w: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below_space = w.wrapping_sub(0x20 * ONES) & !w & HIGH;
    let x = w ^ (0x7F * ONES);
    let del = x.wrapping_sub(ONES) & !x & HIGH;
    (w & HIGH) | below_space | del == 0
}

/// Writes the view of `source` into `text` (and its runs, when asked), given that the chars
/// before `at` are plain.
fn fold_into(source: &str, at: usize, text: &mut String, mut runs: Option<&mut Vec<Run>>) {
    // A line with any change folds every char, backticks included: copy the plain prefix in one
    // piece unless it holds one.
    let from = if source.as_bytes()[..at].contains(&b'`') {
        0
    } else {
        at
    };
    // The source run being copied as it is: [copy_from, i).
    let bytes = source.as_bytes();
    let mut copy_from = 0;
    let mut i = from;
    let flush = |text: &mut String, runs: &mut Option<&mut Vec<Run>>, a: usize, b: usize| {
        if a < b {
            if let Some(runs) = runs.as_deref_mut() {
                runs.push(Run {
                    view: text.len() as u32,
                    src: a as u32,
                    copied: true,
                });
            }
            text.push_str(&source[a..b]);
        }
    };
    while i < bytes.len() {
        let b = bytes[i];
        // Printable ASCII but the backtick, and Hangul syllables (see `first_change`), stay.
        if b < 0x80 {
            if (0x20..0x7f).contains(&b) && b != b'`' {
                i += 1;
                continue;
            }
        } else if b == 0xEB
            || b == 0xEC
            || (b == 0xEA && bytes[i + 1] >= 0xB0)
            || (b == 0xED && bytes[i + 1] < 0x9E)
        {
            i += 3;
            continue;
        }
        let c = source[i..].chars().next().expect("char");
        if is_combining(c) {
            // A run of combining marks or conjoining jamo: normalized as a unit.
            let mut end = i + c.len_utf8();
            while let Some(next) = source[end..].chars().next().filter(|&n| is_combining(n)) {
                end += next.len_utf8();
            }
            flush(text, &mut runs, copy_from, i);
            push_replaced(text, &mut runs, i, &nfkc().normalize(&source[i..end]));
            i = end;
            copy_from = end;
            continue;
        }
        let mut buf = [0u8; 4];
        match fold(c, &mut buf) {
            None => i += c.len_utf8(),
            Some(mapped) => {
                flush(text, &mut runs, copy_from, i);
                push_replaced(text, &mut runs, i, &mapped);
                i += c.len_utf8();
                copy_from = i;
            }
        }
    }
    flush(text, &mut runs, copy_from, bytes.len());
}

fn push_replaced(text: &mut String, runs: &mut Option<&mut Vec<Run>>, src: usize, mapped: &str) {
    if mapped.is_empty() {
        return;
    }
    if let Some(runs) = runs.as_deref_mut() {
        runs.push(Run {
            view: text.len() as u32,
            src: src as u32,
            copied: false,
        });
    }
    text.push_str(mapped);
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

/// The view form of one char outside a combining unit: `None` when the char stays as it is.
#[inline]
fn fold(c: char, buf: &mut [u8; 4]) -> Option<Cow<'static, str>> {
    let mapped: &'static str = match c {
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
                let f = char::from_u32(u - 0xFEE0).unwrap_or(c);
                return Some(Cow::Owned(f.to_string()));
            }
            if is_plain(c) || c.is_ascii() {
                return None;
            }
            let s: &str = c.encode_utf8(buf);
            let n = nfkc();
            if n.is_normalized(s) {
                return None;
            }
            return Some(Cow::Owned(n.normalize(s).into_owned()));
        }
    };
    Some(Cow::Borrowed(mapped))
}

/// The duplicate key of a piece of text: lower-cased letters and digits, everything else dropped.
///
/// The letters and digits of the match view, made char by char from the source without building
/// the view: the view of a changed line is the fold of each char (or combining unit) in turn.
pub fn dup_key(text: &str) -> Vec<char> {
    let mut key = Vec::with_capacity(text.len());
    dup_key_into(text, &mut key);
    key
}

/// [`dup_key`], appended to `key` (so that the keys of a document's blocks can share one buffer).
pub fn dup_key_into(text: &str, key: &mut Vec<char>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if b.is_ascii_alphanumeric() {
                key.push(b.to_ascii_lowercase() as char);
            }
            i += 1;
            continue;
        }
        if b == 0xEB
            || b == 0xEC
            || (b == 0xEA && bytes[i + 1] >= 0xB0)
            || (b == 0xED && bytes[i + 1] < 0x9E)
        {
            // A Hangul syllable (see `first_change`).
            let u = ((b as u32 & 0x0F) << 12)
                | ((bytes[i + 1] as u32 & 0x3F) << 6)
                | (bytes[i + 2] as u32 & 0x3F);
            key.push(char::from_u32(u).expect("Hangul syllable"));
            i += 3;
            continue;
        }
        let c = text[i..].chars().next().expect("char");
        if is_combining(c) {
            let mut end = i + c.len_utf8();
            while let Some(next) = text[end..].chars().next().filter(|&n| is_combining(n)) {
                end += next.len_utf8();
            }
            nfkc()
                .normalize(&text[i..end])
                .chars()
                .for_each(|c| push_key(c, key));
            i = end;
            continue;
        }
        let mut buf = [0u8; 4];
        match fold(c, &mut buf) {
            None => push_key(c, key),
            Some(mapped) => mapped.chars().for_each(|c| push_key(c, key)),
        }
        i += c.len_utf8();
    }
}

/// Appends a char of the view to a dup key: letters and digits, lower-cased.
#[inline]
fn push_key(c: char, key: &mut Vec<char>) {
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

/// The match view as it was first written (a map entry per byte, every char folded on its own):
/// the reference the run-based view is tested against.
#[cfg(test)]
mod reference {
    use super::{is_combining, is_plain, nfkc};
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

    /// Appends the view form of one char.
    fn fold_char(c: char, out: &mut String) {
        let mapped: &str = match c {
            // `⏎` (U+23CE) marks line ends in some news archives' text.
            '\t'
            | '\u{a0}'
            | '\u{2000}'..='\u{200a}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}'
            | '⏎' => " ",
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
    fn the_byte_scan_knows_every_plain_char() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let s = format!("a{c}b");
            assert_eq!(first_change(&s).is_none(), is_plain(c), "{c:?}");
        }
    }

    #[test]
    fn the_eight_byte_test_agrees_with_the_byte_test() {
        let mut rng = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..200_000 {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            // Mostly printable bytes, with some edge values mixed in.
            let mut bytes = rng.to_le_bytes();
            for b in &mut bytes {
                *b = match *b % 8 {
                    0 => [0x1F, 0x20, 0x7E, 0x7F, 0x80, 0x00, 0xFF, 0x41][(*b as usize / 8) % 8],
                    _ => 0x20 + *b % 0x5F,
                };
            }
            let w = u64::from_le_bytes(bytes);
            assert_eq!(
                printable_ascii(w),
                bytes.iter().all(|b| (0x20..0x7f).contains(b)),
                "{bytes:?}"
            );
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

    /// The run-based view gives the reference's text and maps every range back the same way.
    fn same_as_reference(src: &str) {
        let new = MatchView::new(src);
        let old = reference::MatchView::new(src);
        assert_eq!(new.text, old.text, "{src:?}");
        assert_eq!(view_text(src), old.text, "{src:?}");
        assert_eq!(dup_key(src), reference_key(src), "{src:?}");
        let n = new.text.len();
        for s in 0..=n + 1 {
            for e in 0..=n + 1 {
                assert_eq!(
                    new.source_range(s, e),
                    old.source_range(s, e),
                    "{src:?} {s}..{e}"
                );
            }
        }
    }

    #[test]
    fn runs_map_back_like_the_per_byte_map() {
        for src in [
            "",
            "plain ascii",
            "a`b",
            "a`b“c”",
            "“a`b",
            "\u{200b}",
            "\u{200b}\u{feff}",
            "x\u{200b}",
            "\u{200b}x",
            "〈저작권자ⓒ 연합뉴스〉",
            "“Ａ\u{3000}B”\u{200b}…",
            "\u{1112}\u{1161}\u{11ab}국 e\u{301}x ㈜ ① ㎞ ﾊﾝ",
            "\tTab\u{1}ctl\u{7f}",
            "Ｃopyright ©2024 Ω Å ﬁ",
            "ㆍ반도체ㆍ2차전지 – ‘따옴표’ ",
        ] {
            same_as_reference(src);
        }
    }

    use proptest::strategy::Strategy;

    proptest::proptest! {
        #[test]
        fn runs_agree_with_the_reference_on_any_text(
            src in proptest::collection::vec(proptest::prop_oneof![
                proptest::char::range('a', 'e'),
                proptest::char::range('가', '각'),
                proptest::sample::select(vec![
                    ' ', '`', '\t', '\u{1}', '“', '’', 'ⓒ', '〈', '…', '\u{200b}', '\u{feff}', 'Ａ',
                    '\u{3000}', 'ㆍ', '\u{301}', '\u{1112}', '\u{1161}', '\u{11ab}', '①', '㈜',
                    'ﬁ', 'Ω', 'é', 'ㅋ', '━', '·', '\u{a0}', '—', 'ﾊ',
                ]),
            ], 0..24).prop_map(|v| v.into_iter().collect::<String>())
        ) {
            same_as_reference(&src);
        }
    }

    /// The key as first written: every char of the view, through the Unicode tables.
    fn reference_key(text: &str) -> Vec<char> {
        let view = reference::MatchView::new(text);
        let mut key = Vec::new();
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

    #[test]
    fn dup_key_agrees_with_the_reference_on_every_char() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let s = format!("A{c}b");
            assert_eq!(dup_key(&s), reference_key(&s), "{c:?}");
        }
        for s in [
            "“AI, 혼자선 안돼” 동맹",
            "Ｃopyright ©2024 Ω Å ﬁ ㈜ ①",
            "\u{1112}\u{1161}\u{11ab}국",
        ] {
            assert_eq!(dup_key(s), reference_key(s), "{s:?}");
        }
    }

    #[test]
    fn dup_key_ignores_spacing_quotes_and_case() {
        assert_eq!(
            dup_key("“AI, 혼자선 안돼” 동맹"),
            dup_key("\"ai,혼자선  안돼\"동맹")
        );
    }
}
