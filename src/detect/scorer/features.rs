//! The scorer's features: shallow text features of a block (Kohlschütter et al. 2010, jusText), the
//! same features of the blocks around it, its position, and what the earlier detectors did nearby.
//!
//! Everything is computed from the text alone and is language-neutral:
//! - **length** is counted in words; a run of Chinese characters or kana counts one word per two
//!   characters (those scripts write no spaces), a Korean eojeol counts one word;
//! - **function-word share** uses the document's language: the NLTK stop-word list of the
//!   space-delimited language whose list matches most words of the document (`stop-words` crate),
//!   for Korean the share of eojeols that end in a particle or verb ending (`은`, `를`, `에서`,
//!   `했다`…), for Japanese the share of hiragana among Japanese characters, for Chinese the share of
//!   function characters (`的`, `了`, `是`…) among Chinese characters, each scaled so that running
//!   prose lands near the same value as English prose;
//! - **sentence ending** accepts `. ! ? 。 ！ ？` (so `…했다.` too), before closing quotes/brackets.

use crate::segment::is_list_item;
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// The feature names, in the order of [`Features`]. The weights file lists them too; the model
/// refuses a file whose list differs.
pub const NAMES: [&str; N] = [
    "words",
    "stop_share",
    "ends_sentence",
    "upper_share",
    "title_share",
    "digit_share",
    "symbol_share",
    "separators",
    "link_like",
    "list_marker",
    "repeats",
    "prev_words",
    "prev_stop_share",
    "prev_ends_sentence",
    "next_words",
    "next_stop_share",
    "next_ends_sentence",
    "window_ends_sentence",
    "window_words",
    "position",
    "before_body",
    "after_body",
    "doc_prose_share",
    "removed_nearby",
];

/// A feature's value as people read it: word counts and repeat counts instead of their logarithms.
pub fn natural(feature: usize, value: f32) -> f64 {
    match NAMES[feature] {
        "words" | "prev_words" | "next_words" | "separators" => (value as f64).exp() - 1.0,
        "repeats" => (value as f64).exp(),
        _ => value as f64,
    }
}

/// Index of `repeats` in [`NAMES`].
pub const REPEATS: usize = 10;

/// Number of features.
pub const N: usize = 24;

/// One block's feature vector.
pub type Features = [f32; N];

/// A block of running text: ends like a sentence and has at least this many words.
const PROSE_WORDS: f32 = 10.0;
/// Blocks on each side averaged by the window features.
const WINDOW: usize = 3;

/// What is measured on a block by itself.
#[derive(Debug, Clone, Copy, Default)]
pub struct BlockStats {
    /// ln(1 + words).
    pub log_words: f32,
    pub words: f32,
    pub stop_share: f32,
    pub ends_sentence: bool,
    pub upper_share: f32,
    pub title_share: f32,
    pub digit_share: f32,
    pub symbol_share: f32,
    pub separators: f32,
    pub link_like: bool,
    pub list_marker: bool,
    /// Non-space chars.
    pub chars: u32,
    /// Hash of the block's lower-cased letters and digits (0 when it has none).
    pub key: u64,
}

impl BlockStats {
    pub fn is_prose(&self) -> bool {
        self.ends_sentence && self.words >= PROSE_WORDS
    }
}

/// Raw counts of one block, before the document's language is known.
#[derive(Debug, Clone, Copy, Default)]
pub struct Counts {
    words: f32,
    /// Words made of letters of a space-delimited script, and their stop-word hits per language.
    latin_words: u16,
    stop_hits: [u16; LANGS],
    /// Korean eojeols, and those ending in a particle or ending.
    hangul_words: u16,
    particle_words: u16,
    /// Japanese/Chinese characters: kana, hiragana, Han, Han function characters.
    kana: u16,
    hiragana: u16,
    han: u16,
    han_function: u16,
    hangul_chars: u16,
    other_letters: u16,
    pub stats: BlockStats,
}

/// The script family a document is written in, which decides how function words are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    /// Space-delimited, with the index of the stop-word list in [`LANG_CODES`].
    Spaced(usize),
    Korean,
    Japanese,
    Chinese,
}

/// The NLTK lists used (space-delimited languages; NLTK's Chinese list needs word segmentation).
pub const LANG_CODES: [&str; LANGS] = [
    "en", "de", "fr", "es", "it", "pt", "nl", "sv", "no", "da", "fi", "ru", "id", "tr", "ro", "hu",
    "ca", "el", "sl", "sq", "eu", "az", "kk", "uz", "tg", "be", "ne", "bn", "ta", "he", "ar",
];
const LANGS: usize = 31;

type StopMap = FxHashMap<&'static str, u32>;

/// Every stop word with the bit set of the lists ([`LANG_CODES`]) that hold it.
fn stop_map() -> &'static StopMap {
    static MAP: OnceLock<StopMap> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map = StopMap::default();
        for (i, code) in LANG_CODES.iter().enumerate() {
            for word in stop_words::lookup(code).unwrap_or(&[]) {
                *map.entry(word).or_default() |= 1 << i;
            }
        }
        map
    })
}

/// [`stop_map`] with a cheaper lookup for the words most blocks are made of: a word of 1 to 8
/// ASCII bytes (no NUL) is packed into a `u64` and found in a small open-addressing table by one
/// multiply and, usually, one compare, instead of hashing the string and comparing bytes. Other
/// words (longer, or non-ASCII) go to the map. Same answer as `stop_map().get(word)` for every
/// word (unit test: every word of every list, and random strings).
struct StopTable {
    /// `(packed word, lists)`; a packed word is never 0, so 0 marks an empty slot.
    slots: Vec<(u64, u32)>,
    shift: u32,
    map: &'static StopMap,
}

impl StopTable {
    fn get() -> &'static StopTable {
        static TABLE: OnceLock<StopTable> = OnceLock::new();
        TABLE.get_or_init(|| {
            let map = stop_map();
            let short: Vec<(u64, u32)> = map
                .iter()
                .filter_map(|(w, &m)| pack(w).map(|k| (k, m)))
                .collect();
            let bits = (short.len().max(1) * 4)
                .next_power_of_two()
                .trailing_zeros();
            let mut slots = vec![(0u64, 0u32); 1 << bits];
            let shift = 64 - bits;
            for (k, m) in short {
                let mut i = slot(k, shift);
                while slots[i].0 != 0 {
                    i = (i + 1) & (slots.len() - 1);
                }
                slots[i] = (k, m);
            }
            StopTable { slots, shift, map }
        })
    }

    /// The lists that hold `word`, as `stop_map().get(word)`.
    #[inline]
    fn lookup(&self, word: &str) -> Option<u32> {
        let Some(k) = pack(word) else {
            return self.map.get(word).copied();
        };
        let mut i = slot(k, self.shift);
        loop {
            let (key, lists) = self.slots[i];
            if key == k {
                return Some(lists);
            }
            if key == 0 {
                return None;
            }
            i = (i + 1) & (self.slots.len() - 1);
        }
    }
}

#[inline]
fn slot(k: u64, shift: u32) -> usize {
    (k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> shift) as usize
}

/// A word of 1 to 8 ASCII bytes without NUL as a `u64` (distinct words, distinct numbers).
#[inline]
fn pack(word: &str) -> Option<u64> {
    let b = word.as_bytes();
    if b.is_empty() || b.len() > 8 {
        return None;
    }
    let mut k = 0u64;
    for (i, &c) in b.iter().enumerate() {
        if c == 0 || c >= 0x80 {
            return None;
        }
        k |= (c as u64) << (8 * i);
    }
    Some(k)
}

/// Final syllables of Korean eojeols that carry a particle or a verb ending.
fn is_korean_ending(c: char) -> bool {
    matches!(
        c,
        '은' | '는'
            | '이'
            | '가'
            | '을'
            | '를'
            | '에'
            | '의'
            | '도'
            | '와'
            | '과'
            | '로'
            | '만'
            | '서'
            | '고'
            | '며'
            | '면'
            | '다'
            | '요'
            | '게'
            | '지'
            | '한'
            | '된'
            | '할'
            | '될'
            | '인'
            | '던'
            | '데'
            | '해'
            | '나'
            | '까'
    )
}

fn is_han_function(c: char) -> bool {
    "的了是在和有也就不都而及与之为于等个这那中对把被从向着过所以其将已并但或被让给她他们我你"
        .contains(c)
}

/// Separator characters of navigation, breadcrumbs and share bars.
fn is_separator(c: char) -> bool {
    matches!(
        c,
        '|' | '»'
            | '«'
            | '·'
            | '/'
            | '›'
            | '‹'
            | '•'
            | '>'
            | '<'
            | '→'
            | '←'
            | '¦'
            | '｜'
            | '∙'
    )
}

/// Punctuation that running text is made of (not counted as symbols).
fn is_prose_punct(c: char) -> bool {
    matches!(
        c,
        '.' | ','
            | ';'
            | ':'
            | '\''
            | '"'
            | '!'
            | '?'
            | '('
            | ')'
            | '-'
            | '–'
            | '—'
            | '’'
            | '‘'
            | '“'
            | '”'
            | '。'
            | '、'
            | '，'
            | '！'
            | '？'
            | '「'
            | '」'
            | '『'
            | '』'
            | '（'
            | '）'
            | '·'
    )
}

pub fn ends_like_sentence(text: &str) -> bool {
    let t = text
        .trim_end()
        .trim_end_matches(['"', '\'', '”', '’', '」', '』', ')', '）', '*']);
    t.ends_with(['.', '!', '?', '。', '！', '？']) && !t.ends_with("...")
}

/// Phrases of links to more text, in the languages the project meets, and URL marks.
const LINK_PHRASES: [&str; 8] = [
    "read more",
    "continue reading",
    "더보기",
    "続きを読む",
    "阅读全文",
    "weiterlesen",
    "://",
    "www.",
];

fn link_phrases() -> &'static aho_corasick::AhoCorasick {
    static AC: OnceLock<aho_corasick::AhoCorasick> = OnceLock::new();
    AC.get_or_init(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(LINK_PHRASES)
            .expect("link phrases compile")
    })
}

/// `phrases`: whether the text may hold one of `LINK_PHRASES` (see [`may_hold_link_phrase`]);
/// when not, the automaton is not run.
fn link_like(text: &str, phrases: bool) -> bool {
    let t = text.trim();
    t.starts_with(['»', '›', '→'])
        || t.ends_with(['»', '›', '→', '…'])
        || t.ends_with("...")
        || t.starts_with(">>")
        || t.ends_with(">>")
        || has_email(t)
        || phrases && link_phrases().is_match(t)
}

fn has_email(t: &str) -> bool {
    let Some(at) = t.find('@') else { return false };
    let before = t[..at].chars().next_back();
    let after = &t[at + 1..];
    before.is_some_and(|c| c.is_ascii_alphanumeric())
        && after
            .split(|c: char| c.is_whitespace())
            .next()
            .is_some_and(|d| d.contains('.'))
}

/// What a char is, answered without the Unicode tables for the common scripts.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Hangul,
    Kana,
    Hiragana,
    Han,
    /// A letter of another script (Latin, Cyrillic, …).
    Letter,
    Digit,
    Other,
}

#[inline(always)]
fn kind(ch: char) -> Kind {
    let u = ch as u32;
    if u < 0x80 {
        return if ch.is_ascii_alphabetic() {
            Kind::Letter
        } else if ch.is_ascii_digit() {
            Kind::Digit
        } else {
            Kind::Other
        };
    }
    match u {
        0xAC00..=0xD7A3 | 0x1100..=0x11FF | 0x3131..=0x318E => Kind::Hangul,
        0x3041..=0x3096 | 0x309D..=0x309F => Kind::Hiragana,
        0x30A1..=0x30FA | 0x30FC..=0x30FF | 0x31F0..=0x31FF => Kind::Kana,
        0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0xF900..=0xFA6D | 0xFA70..=0xFAD9 => Kind::Han,
        0xC0..=0x24F if u != 0xD7 && u != 0xF7 => Kind::Letter,
        _ if ch.is_alphabetic() => Kind::Letter,
        _ if ch.is_numeric() => Kind::Digit,
        _ => Kind::Other,
    }
}

const FNV: u64 = 0x0000_0100_0000_01b3;
const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

/// The key of a block (lower-cased letters and digits hashed; 0 when it has none), as
/// [`BlockStats::key`], for blocks that need nothing else.
pub fn key(text: &str) -> u64 {
    let mut key = FNV_START;
    let mut any = false;
    for ch in text.chars() {
        match kind(ch) {
            Kind::Other => {}
            Kind::Letter => {
                any = true;
                for l in ch.to_lowercase() {
                    key = (key ^ l as u64).wrapping_mul(FNV);
                }
            }
            _ => {
                any = true;
                key = (key ^ ch as u64).wrapping_mul(FNV);
            }
        }
    }
    if any {
        key | 1
    } else {
        0
    }
}

/// Measures one block.
pub fn count(text: &str) -> Counts {
    count_with(text, &mut String::new())
}

/// One word (a whitespace-delimited token) as [`count_with`] reads it, char by char.
#[derive(Default)]
struct Word {
    cjk: u32,
    hangul: u32,
    letters: u32,
    numbers: u32,
    first_letter: Option<char>,
    last_hangul: Option<char>,
}

/// Lower-cased ASCII bytes that each link phrase needs (the `LINK_PHRASES` in order; the CJK
/// phrases need their first char, see `LEAD_*`): a block missing one of each set cannot match
/// any phrase, and the automaton is not run over it.
const LINK_NEEDS: [&[u8]; 5] = [b"readmo", b"continuedg", b"weiterlsn", b":/", b"w."];
const LEAD_KO: u8 = 1;
const LEAD_JA: u8 = 2;
const LEAD_ZH: u8 = 4;

fn needs_mask(bytes: &[u8]) -> u128 {
    bytes.iter().fold(0, |m, &b| m | 1u128 << b)
}

/// Whether the chars seen (`ascii`: a bit per lower-cased ASCII byte; `leads`: the CJK phrases'
/// first chars) can hold one of the link phrases.
fn may_hold_link_phrase(ascii: u128, leads: u8) -> bool {
    leads != 0
        || LINK_NEEDS
            .iter()
            .any(|n| ascii & needs_mask(n) == needs_mask(n))
}

/// [`count`], with a buffer for the words (reused across the blocks of a document).
///
/// One pass over the chars: whitespace ends a word (as `split_whitespace` splits), every other
/// char is counted and, for letters, lower-cased into the word and the key.
pub fn count_with(text: &str, word_buf: &mut String) -> Counts {
    let stops = StopTable::get();
    let mut c = Counts::default();
    let (mut upper, mut cased, mut digits, mut symbols, mut seps, mut nonspace) =
        (0u32, 0u32, 0u32, 0u32, 0u32, 0u32);
    let (mut titled, mut cased_words) = (0u32, 0u32);
    let mut key = FNV_START;
    let mut has_key = false;
    let (mut ascii_seen, mut leads) = (0u128, 0u8);
    word_buf.clear();
    let mut w = Word::default();
    let mut in_word = false;
    let mut end_word = |w: &mut Word, word_buf: &mut String, c: &mut Counts| {
        if w.cjk > 0 {
            c.words += w.cjk.div_ceil(2) as f32;
        } else if w.hangul > 0 {
            c.words += 1.0;
            c.hangul_words = c.hangul_words.saturating_add(1);
            if w.last_hangul.is_some_and(is_korean_ending) {
                c.particle_words = c.particle_words.saturating_add(1);
            }
        } else if w.letters > 0 {
            c.words += 1.0;
            c.latin_words = c.latin_words.saturating_add(1);
            if let Some(f) = w.first_letter {
                if f.is_uppercase() {
                    titled += 1;
                    cased_words += 1;
                } else if f.is_lowercase() {
                    cased_words += 1;
                }
            }
            let word = word_buf.trim_end_matches('\'');
            if let Some(mask) = stops.lookup(word) {
                let mut m = mask;
                while m != 0 {
                    let i = m.trailing_zeros() as usize;
                    c.stop_hits[i] = c.stop_hits[i].saturating_add(1);
                    m &= m - 1;
                }
            }
        } else if w.numbers > 0 {
            c.words += 1.0;
        }
        *w = Word::default();
        word_buf.clear();
    };
    for ch in text.chars() {
        // No whitespace char lies above U+3000: Hangul and CJK skip the Unicode table.
        if (ch as u32) <= 0x3000 && ch.is_whitespace() {
            if in_word {
                end_word(&mut w, word_buf, &mut c);
                in_word = false;
            }
            continue;
        }
        in_word = true;
        nonspace += 1;
        if ch.is_ascii() {
            ascii_seen |= 1u128 << (ch as u8).to_ascii_lowercase();
        }
        match kind(ch) {
            Kind::Hangul => {
                w.hangul += 1;
                c.hangul_chars = c.hangul_chars.saturating_add(1);
                w.last_hangul = Some(ch);
                if ch == '더' {
                    leads |= LEAD_KO;
                }
            }
            Kind::Hiragana => {
                w.cjk += 1;
                c.kana = c.kana.saturating_add(1);
                c.hiragana = c.hiragana.saturating_add(1);
            }
            Kind::Kana => {
                w.cjk += 1;
                c.kana = c.kana.saturating_add(1);
            }
            Kind::Han => {
                w.cjk += 1;
                c.han = c.han.saturating_add(1);
                if is_han_function(ch) {
                    c.han_function = c.han_function.saturating_add(1);
                }
                if ch == '続' {
                    leads |= LEAD_JA;
                } else if ch == '阅' {
                    leads |= LEAD_ZH;
                }
            }
            Kind::Letter => {
                w.letters += 1;
                c.other_letters = c.other_letters.saturating_add(1);
                w.first_letter.get_or_insert(ch);
                if ch.is_ascii() {
                    if ch.is_ascii_uppercase() {
                        upper += 1;
                    }
                    cased += 1;
                    let l = ch.to_ascii_lowercase();
                    word_buf.push(l);
                    key = (key ^ l as u64).wrapping_mul(FNV);
                } else {
                    if ch.is_uppercase() {
                        upper += 1;
                        cased += 1;
                    } else if ch.is_lowercase() {
                        cased += 1;
                    }
                    for l in ch.to_lowercase() {
                        word_buf.push(l);
                        key = (key ^ l as u64).wrapping_mul(FNV);
                    }
                }
                has_key = true;
                continue;
            }
            Kind::Digit => {
                digits += 1;
                w.numbers += 1;
            }
            Kind::Other => {
                if is_separator(ch) {
                    seps += 1;
                    if ch != '·' {
                        symbols += 1;
                    }
                } else if !is_prose_punct(ch) {
                    symbols += 1;
                } else if (ch == '\'' || ch == '’') && w.letters > 0 {
                    // Keep apostrophes inside words (`don't`), as the stop lists write them.
                    word_buf.push('\'');
                }
                continue;
            }
        }
        // Hangul, kana, Han and digits: no case.
        has_key = true;
        key = (key ^ ch as u64).wrapping_mul(FNV);
    }
    if in_word {
        end_word(&mut w, word_buf, &mut c);
    }
    let share = |a: u32, b: u32| if b == 0 { 0.0 } else { a as f32 / b as f32 };
    let s = &mut c.stats;
    s.words = c.words;
    s.log_words = (1.0 + c.words).ln();
    s.ends_sentence = ends_like_sentence(text);
    s.upper_share = share(upper, cased);
    s.title_share = share(titled, cased_words);
    s.digit_share = share(digits, nonspace);
    s.symbol_share = share(symbols, nonspace);
    s.separators = (1.0 + seps as f32).ln();
    s.link_like = link_like(text, may_hold_link_phrase(ascii_seen, leads));
    s.list_marker = is_list_item(text.trim_start());
    s.chars = nonspace;
    s.key = if has_key { key | 1 } else { 0 };
    c
}

/// Decides the document's script (and stop list) from the counts of its blocks.
pub fn script(counts: &[Counts]) -> Script {
    let (mut hangul, mut kana, mut han, mut other) = (0u64, 0u64, 0u64, 0u64);
    let mut hits = [0u64; LANGS];
    for c in counts {
        hangul += c.hangul_chars as u64;
        kana += c.kana as u64;
        han += c.han as u64;
        other += c.other_letters as u64;
        for (h, &x) in hits.iter_mut().zip(&c.stop_hits) {
            *h += x as u64;
        }
    }
    let letters = (hangul + kana + han + other).max(1);
    if hangul * 10 >= letters * 3 {
        Script::Korean
    } else if kana * 10 >= letters && kana + han >= other {
        Script::Japanese
    } else if han * 10 >= letters * 3 {
        Script::Chinese
    } else {
        let best = (0..LANGS).max_by_key(|&i| (hits[i], std::cmp::Reverse(i)));
        Script::Spaced(best.unwrap_or(0))
    }
}

/// Korean prose has a particle or ending on ~60% of its eojeols, Japanese prose ~50% hiragana,
/// Chinese prose ~18% function characters, English prose ~45% stop words: these scales bring them
/// to one range.
const KOREAN_SCALE: f32 = 0.75;
const JAPANESE_SCALE: f32 = 0.9;
const CHINESE_SCALE: f32 = 2.5;

/// The block's stats with its function-word share for the document's script.
pub fn finish(c: &Counts, script: Script) -> BlockStats {
    let share = |a: u16, b: u16| if b == 0 { 0.0 } else { a as f32 / b as f32 };
    let latin = |lang: usize| share(c.stop_hits[lang], c.latin_words);
    let stop = match script {
        Script::Spaced(lang) => latin(lang),
        Script::Korean if c.hangul_words > 0 => {
            share(c.particle_words, c.hangul_words) * KOREAN_SCALE
        }
        Script::Japanese if c.kana + c.han > 0 => {
            share(c.hiragana, c.kana.saturating_add(c.han)) * JAPANESE_SCALE
        }
        Script::Chinese if c.han > 0 => share(c.han_function, c.han) * CHINESE_SCALE,
        // A block in another script than its document's: English words in a Korean article.
        _ => latin(0),
    };
    BlockStats {
        stop_share: stop.min(1.0),
        ..c.stats
    }
}

/// The context a block is scored in: the blocks still standing, in order.
pub struct Context<'a> {
    /// Stats of the standing blocks.
    pub stats: &'a [BlockStats],
    /// How many blocks of the whole document (standing or not) have each block's key.
    pub repeats: &'a [u32],
    /// Whether an earlier detector removed a block within two lines of each standing block.
    pub removed_nearby: &'a [bool],
}

/// The feature vectors of all standing blocks.
pub fn vectors(ctx: &Context) -> Vec<Features> {
    let s = ctx.stats;
    let n = s.len();
    let first_body = s.iter().position(BlockStats::is_prose);
    let last_body = s.iter().rposition(BlockStats::is_prose);
    let total_chars: u64 = s.iter().map(|b| b.chars as u64).sum();
    let prose_chars: u64 = s
        .iter()
        .filter(|b| b.is_prose())
        .map(|b| b.chars as u64)
        .sum();
    let doc_prose = prose_chars as f32 / total_chars.max(1) as f32;
    let b = |v: bool| if v { 1.0f32 } else { 0.0 };
    // Prefix sums for the window means.
    let mut ends_sum = vec![0f32; n + 1];
    let mut words_sum = vec![0f32; n + 1];
    for i in 0..n {
        ends_sum[i + 1] = ends_sum[i] + b(s[i].ends_sentence);
        words_sum[i + 1] = words_sum[i] + s[i].log_words;
    }
    let empty = BlockStats::default();
    (0..n)
        .map(|i| {
            let x = &s[i];
            let prev = if i > 0 { &s[i - 1] } else { &empty };
            let next = s.get(i + 1).unwrap_or(&empty);
            let lo = i.saturating_sub(WINDOW);
            let hi = (i + WINDOW + 1).min(n);
            // Blocks beyond the document's edges count as empty (the edges look like boilerplate).
            let width = (2 * WINDOW) as f32;
            let window_ends = (ends_sum[hi] - ends_sum[lo] - b(x.ends_sentence)) / width;
            let window_words = (words_sum[hi] - words_sum[lo] - x.log_words) / width;
            [
                x.log_words,
                x.stop_share,
                b(x.ends_sentence),
                x.upper_share,
                x.title_share,
                x.digit_share,
                x.symbol_share,
                x.separators,
                b(x.link_like),
                b(x.list_marker),
                (ctx.repeats[i].max(1) as f32).ln(),
                prev.log_words,
                prev.stop_share,
                b(prev.ends_sentence),
                next.log_words,
                next.stop_share,
                b(next.ends_sentence),
                window_ends,
                window_words,
                if n > 1 {
                    i as f32 / (n - 1) as f32
                } else {
                    0.5
                },
                b(first_body.is_some_and(|f| i < f)),
                b(last_body.is_some_and(|l| i > l)),
                doc_prose,
                b(ctx.removed_nearby[i]),
            ]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stats(text: &str) -> BlockStats {
        let c = count(text);
        finish(&c, script(&[c]))
    }

    #[test]
    fn english_prose_has_stop_words_and_ends() {
        let s = stats(
            "The bank said that it would keep its rates where they are for the rest of the year.",
        );
        assert!(s.stop_share > 0.4, "{}", s.stop_share);
        assert!(s.ends_sentence);
        assert_eq!(s.words, 18.0);
        let nav = stats("Home » News » World");
        assert_eq!(nav.stop_share, 0.0);
        assert!(nav.separators > 0.0);
        assert!(nav.title_share > 0.9);
    }

    #[test]
    fn korean_prose_counts_particles() {
        let s = stats("SKT는 지난 12일 미국 실리콘밸리에서 연례 행사를 열었다고 14일 밝혔다.");
        assert!(s.stop_share > 0.3, "{}", s.stop_share);
        assert!(s.ends_sentence);
        let ui = stats("구독 좋아요 공유 댓글");
        assert!(ui.stop_share < 0.2, "{}", ui.stop_share);
    }

    #[test]
    fn japanese_and_chinese_prose() {
        let ja = stats("東京都は12日、新しい計画を発表した。市民の反応はさまざまだった。");
        assert!(ja.stop_share > 0.2, "{}", ja.stop_share);
        assert!(ja.words >= 10.0);
        let zh = stats("北京市政府在周三发布了新的交通计划，这是今年的第二个计划。");
        assert!(zh.stop_share > 0.2, "{}", zh.stop_share);
    }

    #[test]
    fn link_like_and_list_markers() {
        assert!(stats("Read more »").link_like);
        assert!(stats("https://example.com/a").link_like);
        assert!(stats("kim@example.com").link_like);
        assert!(stats("▲ 인사팀장 홍길동").list_marker);
        assert!(!stats("The end.").link_like);
    }

    #[test]
    fn the_stop_table_answers_as_the_map() {
        let (table, map) = (StopTable::get(), stop_map());
        let mut checked = 0;
        for word in map.keys() {
            assert_eq!(table.lookup(word), map.get(word).copied(), "{word:?}");
            // Near misses: a letter more or less, another case, an apostrophe.
            for v in [
                format!("{word}s"),
                format!("{word}'"),
                word.to_uppercase(),
                word.chars().skip(1).collect(),
                word.chars().rev().collect(),
            ] {
                assert_eq!(table.lookup(&v), map.get(v.as_str()).copied(), "{v:?}");
            }
            checked += 1;
        }
        assert!(checked > 5_000, "{checked} stop words");
        // Random strings over a small alphabet (so that many are stop words or near them),
        // of every length around the 8-byte limit, with NUL and non-ASCII chars among them.
        let alphabet: Vec<char> = "aeinostd'\0éяα".chars().collect();
        let mut x = 0x2545_f491_4f6c_dd1du64;
        let mut hits = 0;
        for _ in 0..200_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let len = (x % 11) as usize;
            let word: String = (0..len)
                .map(|i| alphabet[((x >> (8 + 4 * i)) % alphabet.len() as u64) as usize])
                .collect();
            let want = map.get(word.as_str()).copied();
            hits += usize::from(want.is_some());
            assert_eq!(table.lookup(&word), want, "{word:?}");
        }
        assert!(hits > 100, "{hits} random stop words");
        assert_eq!(table.lookup(""), map.get("").copied());
    }

    /// `count` as it was first written (`split_whitespace`, then the chars of each word).
    fn reference_count(text: &str) -> Counts {
        let map = stop_map();
        let mut c = Counts::default();
        let (mut upper, mut cased, mut digits, mut symbols, mut seps, mut nonspace) =
            (0u32, 0u32, 0u32, 0u32, 0u32, 0u32);
        let (mut titled, mut cased_words) = (0u32, 0u32);
        let mut key = FNV_START;
        let mut has_key = false;
        let mut word_buf = String::with_capacity(32);
        for token in text.split_whitespace() {
            let (mut cjk, mut hangul, mut letters, mut numbers) = (0u32, 0u32, 0u32, 0u32);
            let mut first_letter: Option<char> = None;
            let mut last_hangul: Option<char> = None;
            word_buf.clear();
            for ch in token.chars() {
                nonspace += 1;
                match kind(ch) {
                    Kind::Hangul => {
                        hangul += 1;
                        c.hangul_chars = c.hangul_chars.saturating_add(1);
                        last_hangul = Some(ch);
                    }
                    Kind::Hiragana => {
                        cjk += 1;
                        c.kana = c.kana.saturating_add(1);
                        c.hiragana = c.hiragana.saturating_add(1);
                    }
                    Kind::Kana => {
                        cjk += 1;
                        c.kana = c.kana.saturating_add(1);
                    }
                    Kind::Han => {
                        cjk += 1;
                        c.han = c.han.saturating_add(1);
                        if is_han_function(ch) {
                            c.han_function = c.han_function.saturating_add(1);
                        }
                    }
                    Kind::Letter => {
                        letters += 1;
                        c.other_letters = c.other_letters.saturating_add(1);
                        first_letter.get_or_insert(ch);
                        if ch.is_ascii() {
                            if ch.is_ascii_uppercase() {
                                upper += 1;
                            }
                            cased += 1;
                            let l = ch.to_ascii_lowercase();
                            word_buf.push(l);
                            key = (key ^ l as u64).wrapping_mul(FNV);
                        } else {
                            if ch.is_uppercase() {
                                upper += 1;
                                cased += 1;
                            } else if ch.is_lowercase() {
                                cased += 1;
                            }
                            for l in ch.to_lowercase() {
                                word_buf.push(l);
                                key = (key ^ l as u64).wrapping_mul(FNV);
                            }
                        }
                        has_key = true;
                        continue;
                    }
                    Kind::Digit => {
                        digits += 1;
                        numbers += 1;
                    }
                    Kind::Other => {
                        if is_separator(ch) {
                            seps += 1;
                            if ch != '·' {
                                symbols += 1;
                            }
                        } else if !is_prose_punct(ch) {
                            symbols += 1;
                        } else if (ch == '\'' || ch == '’') && letters > 0 {
                            // Keep apostrophes inside words (`don't`), as the stop lists write them.
                            word_buf.push('\'');
                        }
                        continue;
                    }
                }
                // Hangul, kana, Han and digits: no case.
                has_key = true;
                key = (key ^ ch as u64).wrapping_mul(FNV);
            }
            if cjk > 0 {
                c.words += cjk.div_ceil(2) as f32;
            } else if hangul > 0 {
                c.words += 1.0;
                c.hangul_words = c.hangul_words.saturating_add(1);
                if last_hangul.is_some_and(is_korean_ending) {
                    c.particle_words = c.particle_words.saturating_add(1);
                }
            } else if letters > 0 {
                c.words += 1.0;
                c.latin_words = c.latin_words.saturating_add(1);
                if let Some(f) = first_letter {
                    if f.is_uppercase() {
                        titled += 1;
                        cased_words += 1;
                    } else if f.is_lowercase() {
                        cased_words += 1;
                    }
                }
                let word = word_buf.trim_end_matches('\'');
                if let Some(&mask) = map.get(word) {
                    let mut m = mask;
                    while m != 0 {
                        let i = m.trailing_zeros() as usize;
                        c.stop_hits[i] = c.stop_hits[i].saturating_add(1);
                        m &= m - 1;
                    }
                }
            } else if numbers > 0 {
                c.words += 1.0;
            }
        }
        let share = |a: u32, b: u32| if b == 0 { 0.0 } else { a as f32 / b as f32 };
        let s = &mut c.stats;
        s.words = c.words;
        s.log_words = (1.0 + c.words).ln();
        s.ends_sentence = ends_like_sentence(text);
        s.upper_share = share(upper, cased);
        s.title_share = share(titled, cased_words);
        s.digit_share = share(digits, nonspace);
        s.symbol_share = share(symbols, nonspace);
        s.separators = (1.0 + seps as f32).ln();
        s.link_like = link_like(text, true);
        s.list_marker = is_list_item(text.trim_start());
        s.chars = nonspace;
        s.key = if has_key { key | 1 } else { 0 };
        c
    }

    fn same_counts(a: &Counts, b: &Counts) -> bool {
        let s = |c: &Counts| {
            let t = &c.stats;
            [
                t.words,
                t.log_words,
                t.upper_share,
                t.title_share,
                t.digit_share,
                t.symbol_share,
                t.separators,
            ]
            .map(f32::to_bits)
        };
        format!("{a:?}") == format!("{b:?}") && s(a) == s(b)
    }

    #[test]
    fn one_pass_count_equals_the_word_by_word_count() {
        let texts = [
            "",
            "   ",
            "The bank said that it would keep its rates where they are for the rest of the year.",
            "Home » News » World",
            "SKT는 지난 12일(현지시간) 미국 실리콘밸리에서 ‘유나이트 2024’를 개최했다고 14일 밝혔다.",
            "東京都は12日、新しい計画を発表した。続きを読む",
            "北京市政府在周三发布了新的交通计划，阅读全文",
            "기사 더보기 ▶",
            "Read More »",
            "READ\u{a0}MORE\u{3000}and CONTINUE   READING\tnow",
            "weiterlesen: https://example.com/a?b=1 www.example.org",
            "kim@example.com don't won’t l'homme ÉCOLE Straße İstanbul ǅemal",
            "\u{2003}leading em space and trailing\u{2028}",
            "1,204 comments | 3 hours ago · reply",
            "Ünïcödé ĳ ﬁne Ⅻ ½ ４５ 𝐀𝐁",
            "ㄱㄴㄷ ᄀᄁ 한글 가나다라마바사",
            "»",
            "'''",
            "a ' b ’ c",
        ];
        let mut buf = String::new();
        for t in texts {
            let (new, old) = (count_with(t, &mut buf), reference_count(t));
            assert!(same_counts(&new, &old), "{t:?}\n{new:?}\n{old:?}");
            assert_eq!(new.stats.link_like, old.stats.link_like, "{t:?}");
            assert_eq!(new.stats.key, old.stats.key, "{t:?}");
        }
        // Every char of the first 0x3100 code points, and some beyond, alone and inside words.
        let chars = (0u32..0x3100).chain(0xAC00..0xAD00).chain(0xFF00..0xFFF0);
        for u in chars.filter_map(char::from_u32) {
            for t in [u.to_string(), format!("ab{u}cd {u}"), format!("{u} x")] {
                let (new, old) = (count_with(&t, &mut buf), reference_count(&t));
                assert!(same_counts(&new, &old), "{t:?}");
                assert_eq!(new.stats.link_like, old.stats.link_like, "{t:?}");
            }
        }
    }

    #[test]
    fn link_phrase_gate_never_rules_out_a_phrase() {
        for (i, phrase) in LINK_PHRASES.iter().enumerate() {
            for t in [
                phrase.to_string(),
                phrase.to_uppercase(),
                format!("x {phrase} y"),
            ] {
                assert!(count(&t).stats.link_like, "{i} {t:?}");
            }
        }
    }

    #[test]
    fn repeats_index_names_repeats() {
        assert_eq!(NAMES[REPEATS], "repeats");
    }

    #[test]
    fn keys_ignore_case_and_punctuation() {
        assert_eq!(stats("Reply!").key, stats("reply").key);
        assert_ne!(stats("Reply").key, stats("Replies").key);
        assert_eq!(stats("---").key, 0);
    }
}
