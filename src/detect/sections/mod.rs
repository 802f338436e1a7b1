//! Page sections found from their shape: comment threads, "Related / More from / You may also
//! like" lists, tag lists and share bars that stand after (or before) the article.
//!
//! Each line alone says little (`Reply`, a commenter's name and a date, a headline without a full
//! stop), but a section has a shape: a short **header** (`12 Comments`, `Related Posts`, `댓글`,
//! `관련기사`, `Tags:`) followed by blocks of a recognisable kind. The detector
//! 1. finds header candidates among the blocks (also those a rule already took): short, no sentence ending, and matching
//!    the vocabulary of [`headers.toml`](HEADERS) (English, Korean, German, French, Spanish,
//!    Japanese, Chinese) once counts (`(12)`, `12 `, `3개`) and a trailing `:` are taken off;
//! 2. confirms it by the shape of the blocks below — nothing goes on a header alone:
//!    - comments: comment headers (a short line with a date or time, `N minutes ago`, `says:`,
//!      `wrote on`) and reply furniture (`Reply`, `Report abuse`, `답글 신고`), at least two
//!      pieces of evidence, or form fields (`Name (required)`, `Website`) under a `Leave a Reply`;
//!    - related / tags / share: a run of short lines without a sentence ending right below the
//!      header (at least two; three when the header stands before the article's last paragraph,
//!      where tags and share bars are not looked for at all);
//! 3. annotates the section's blocks with the kind's class and a [`Reason::Section`] that names
//!    the header line and the evidence. [`crate::assemble`] decides, as for every detector.
//!
//! What a comment section takes: by default its furniture only — the header, the reply and report
//! lines and the fields of the comment form. The comments themselves (each one's name-and-date
//! line and its text) stay: the realgold development golds keep them on most pages (Dragnet
//! annotated comments as content), and removing them cost 10,000 gold tokens there. `[sections] comment_bodies = true` takes the whole thread, from the header to the
//! end of the document (or to where its evidence stops).
//!
//! Like the scorer, the detector runs again on what is left until nothing more goes, so that
//! cleaning the output again removes nothing.

use crate::assemble::{BlockPlan, WholeBlock};
use crate::class::Class;
use crate::detect::scorer::features::ends_like_sentence;
use crate::report::Reason;
use aho_corasick::{AhoCorasick, AhoCorasickKind};
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// The header vocabulary (data, versioned).
pub const HEADERS: &str = include_str!("headers.toml");

/// `[sections]` in the config.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SectionsConfig {
    pub enabled: bool,
    /// Also remove the comments' own text (the whole thread), not only its furniture.
    pub comment_bodies: bool,
}

impl Default for SectionsConfig {
    fn default() -> Self {
        SectionsConfig {
            enabled: true,
            comment_bodies: false,
        }
    }
}

/// The kinds of section, by the shape that confirms them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Comments,
    Related,
    Tags,
    Share,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Comments => "comments",
            Kind::Related => "related",
            Kind::Tags => "tags",
            Kind::Share => "share",
        }
    }

    /// Longest item of a list section, in words.
    fn item_words(self) -> usize {
        match self {
            Kind::Comments | Kind::Related => 15,
            Kind::Tags => 4,
            Kind::Share => 3,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct HeaderFile {
    format: String,
    version: u32,
    kind: Vec<KindSpec>,
}

/// One kind of the vocabulary file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindSpec {
    pub name: Kind,
    pub class: Class,
    pub patterns: Vec<String>,
    pub examples: Vec<String>,
    pub counter_examples: Vec<String>,
}

/// The compiled vocabulary.
#[derive(Debug)]
pub struct Vocabulary {
    pub version: u32,
    pub kinds: Vec<KindSpec>,
    regexes: Vec<Regex>,
    /// Literals one of which every header key holds (see [`Gate`]); `None` when a pattern can
    /// match without fixed text.
    gate: Option<Gate>,
}

impl Vocabulary {
    pub fn parse(text: &str) -> Result<Vocabulary, String> {
        let file: HeaderFile = toml::from_str(text).map_err(|e| e.to_string())?;
        if file.format != "paraclean-section-headers" {
            return Err(format!("unknown format `{}`", file.format));
        }
        let regexes = file
            .kind
            .iter()
            .map(|k| {
                let alternatives: Vec<String> =
                    k.patterns.iter().map(|p| format!("(?:{p})")).collect();
                Regex::new(&format!("^(?:{})$", alternatives.join("|")))
                    .map_err(|e| format!("{}: {e}", k.name.as_str()))
            })
            .collect::<Result<Vec<Regex>, _>>()?;
        // A key matches a kind's regex when it matches one of its patterns whole.
        let gate = Gate::new(
            file.kind
                .iter()
                .flat_map(|k| k.patterns.iter().map(String::as_str)),
        );
        Ok(Vocabulary {
            version: file.version,
            kinds: file.kind,
            regexes,
            gate,
        })
    }

    /// The built-in vocabulary.
    pub fn builtin() -> &'static Vocabulary {
        static VOCABULARY: OnceLock<Vocabulary> = OnceLock::new();
        VOCABULARY.get_or_init(|| Vocabulary::parse(HEADERS).expect("headers.toml is valid"))
    }

    /// The kind whose header this line is, if any (the line alone; the shape below is not seen).
    pub fn header(&self, line: &str) -> Option<&KindSpec> {
        let key = header_key_gated(line, self.gate.as_ref())?;
        self.regexes
            .iter()
            .position(|r| r.is_match(&key))
            .map(|k| &self.kinds[k])
    }
}

/// A literal test that rules out most lines before their key is built (`words`, lower case, the
/// vocabulary regexes).
///
/// Why it never rules out a header: a key is a header when one vocabulary pattern matches it
/// whole. For every pattern, [`requirement`] gives conjunctions of literal sets such that every
/// match holds, for one conjunction, a literal of each of its sets; the gate keeps the first set
/// of every conjunction of every pattern, so every header key holds one of the gate's literals. Those literals are lower case, hold no non-ASCII letter with
/// case, and are cut here to their longest run without whitespace: a part of a required literal is
/// required too, and the key's whitespace runs become single spaces, so only whitespace-free text
/// of the key is sure to stand in the line. The key is a slice of the line's lower case, with
/// whitespace runs joined; when every char of the line is ASCII or its own lower case
/// ([`lowercase_is_itself`]), that lower case is the line with ASCII letters lowered, so a literal
/// in the key stands in the line up to ASCII case, which the (ASCII case-insensitive) automaton
/// finds. Lines with other chars are not ruled out.
///
/// [`requirement`]: crate::rules::prefilter::requirement
#[derive(Debug)]
struct Gate(AhoCorasick);

impl Gate {
    /// `None` when some pattern has no usable requirement (then no line can be ruled out).
    fn new<'a>(patterns: impl Iterator<Item = &'a str>) -> Option<Gate> {
        let mut literals: Vec<String> = Vec::new();
        for pattern in patterns {
            let requirement = crate::rules::prefilter::requirement(pattern);
            if requirement.is_empty() {
                return None;
            }
            for conjunction in requirement {
                let set = conjunction.into_iter().next()?;
                for literal in set {
                    let run = literal
                        .split(char::is_whitespace)
                        .max_by_key(|run| run.len())
                        .unwrap_or("");
                    if run.is_empty() {
                        return None;
                    }
                    literals.push(run.to_string());
                }
            }
        }
        literals.sort();
        literals.dedup();
        AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .ascii_case_insensitive(true)
            .build(&literals)
            .ok()
            .map(Gate)
    }

    /// The line cannot be a header of any kind.
    fn rules_out(&self, line: &str) -> bool {
        // More than 480 bytes are more than 120 chars: `header_key` refuses the (trimmed) line.
        let line = line.trim();
        if line.len() > 4 * HEADER_MAX_CHARS {
            return true;
        }
        !self.0.is_match(line) && line.chars().all(|c| c.is_ascii() || lowercase_is_itself(c))
    }
}

/// Longest header line, in chars.
const HEADER_MAX_CHARS: usize = 120;

/// Lower case, trimmed, without counts, marks around and a trailing colon; `None` for a line too
/// long for a header or ending like a sentence.
#[cfg(test)]
fn header_key(line: &str) -> Option<String> {
    header_key_gated(line, None)
}

/// [`header_key`], `None` also for the lines that `gate` rules out.
fn header_key_gated(line: &str, gate: Option<&Gate>) -> Option<String> {
    let line = line.trim();
    // The cheap tests first (`words` reads every char).
    if line.is_empty()
        || line.chars().count() > HEADER_MAX_CHARS
        || ends_like_sentence(line)
        || gate.is_some_and(|g| g.rules_out(line))
        || words(line) > 12
    {
        return None;
    }
    static COUNTS: OnceLock<(Regex, Regex)> = OnceLock::new();
    let (lead, trail) = COUNTS.get_or_init(|| {
        (
            Regex::new(r"^\d[\d,]*\s+").expect("valid"),
            Regex::new(r"\s*(?:[(\[（]\s*[\d,.]+\s*[)\]）]|[\d,.]+\s*개?|\d+\s*건)$")
                .expect("valid"),
        )
    });
    // The counts are taken off by slicing: `lead` is anchored at the start and `trail` at the end,
    // so removing their first match leaves a prefix or a suffix of the key.
    let lower = to_lowercase(line);
    // Hangul syllables and CJK ideographs are letters: answered without the Unicode tables.
    let marks = |c: char| {
        !matches!(c as u32, 0xAC00..=0xD7A3 | 0x4E00..=0x9FFF)
            && !c.is_alphanumeric()
            && c != '“'
            && c != '"'
    };
    let mut key = lower.trim_matches(marks);
    for _ in 0..2 {
        // `^\d`: only a key opening with a digit can lose a leading count.
        if key.starts_with(|c: char| c.is_numeric()) {
            if let Some(m) = lead.find(key) {
                key = &key[m.end()..];
            }
        }
        // The trailing count ends with a digit, `,`, `.`, a bracket, `개` or `건` (or a space).
        let counted = |c: char| {
            c.is_numeric()
                || c.is_whitespace()
                || matches!(c, ')' | ']' | '）' | ',' | '.' | '개' | '건')
        };
        if key.ends_with(counted) {
            if let Some(m) = trail.find(key) {
                key = &key[..m.start()];
            }
        }
        key = key.trim_matches(marks);
    }
    let key = key.trim_end_matches([':', '：']).trim();
    // Words joined by single spaces already (no whitespace char lies above U+3000).
    let spaced = || {
        !key.contains("  ")
            && key
                .chars()
                .all(|c| c == ' ' || c as u32 > 0x3000 || !c.is_whitespace())
    };
    (!key.is_empty()).then(|| {
        if spaced() {
            key.to_string()
        } else {
            key.split_whitespace().collect::<Vec<_>>().join(" ")
        }
    })
}

/// Chars whose lower case is themselves (checked by a test for every char of these ranges):
/// Hangul syllables, CJK ideographs, kana, general punctuation, arrows, box drawing and
/// geometric shapes, CJK symbols.
fn lowercase_is_itself(c: char) -> bool {
    matches!(
        c as u32,
        0xAC00..=0xD7A3
            | 0x4E00..=0x9FFF
            | 0x3000..=0x30FF
            | 0x2000..=0x206F
            | 0x2190..=0x21FF
            | 0x2500..=0x25FF
    )
}

/// `str::to_lowercase`, without its table lookups when every char is ASCII or its own lower case.
fn to_lowercase(line: &str) -> String {
    if !line.chars().all(|c| c.is_ascii() || lowercase_is_itself(c)) {
        return line.to_lowercase();
    }
    let mut out = String::with_capacity(line.len());
    for c in line.chars() {
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// `text.split_whitespace().count()`, without the Unicode whitespace table for the chars above
/// U+3000 (none of which is whitespace).
fn words(text: &str) -> usize {
    let mut n = 0;
    let mut in_word = false;
    for c in text.chars() {
        let space = c as u32 <= 0x3000 && c.is_whitespace();
        if !space && !in_word {
            n += 1;
        }
        in_word = !space;
    }
    n
}

/// A paragraph of running text: a sentence ending and enough words (or, without spaces between
/// words, enough characters).
fn is_prose(text: &str) -> bool {
    ends_like_sentence(text) && (words(text) >= 8 || text.chars().count() >= 30)
}

/// A date, a time or an age (`3 hours ago`, `3시간 전`) anywhere in the line.
fn has_date(text: &str) -> bool {
    static DATE: OnceLock<Regex> = OnceLock::new();
    DATE.get_or_init(|| {
        Regex::new(concat!(
            r"(?i)(?:\b\d{1,2}:\d{2}\b",
            r"|\b\d+\s*(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\b",
            r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?\b",
            r"|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{4}\b",
            r"|\b\d{4}\s?[-./년]\s?\d{1,2}\s?[-./월]\s?\d{1,2}",
            r"|\b\d{1,2}/\d{1,2}/\d{2,4}\b",
            r"|\d+\s*(?:초|분|시간|일|주|개월|달|년)\s*전",
            r"|\d+\s*(?:分|時間|日|小时|分钟|天)前",
            r")"
        ))
        .expect("valid")
    })
    .is_match(text)
}

/// `Jane says:`, `Daveywrote on …`, `responded to Phil on …`.
fn has_attribution(text: &str) -> bool {
    static SAYS: OnceLock<Regex> = OnceLock::new();
    SAYS.get_or_init(|| {
        Regex::new(r"(?i)(?:says|said|wrote|writes|commented|replied|responded)(?:\s*:|\s+(?:on|at|to)\b)|님의 댓글")
            .expect("valid")
    })
    .is_match(text)
}

/// The header of one comment: short, not a paragraph, with a date or an attribution.
fn is_comment_header(text: &str) -> bool {
    let t = text.trim();
    t.chars().count() <= 160
        && words(t) <= 20
        && !(ends_like_sentence(t) && words(t) >= 8)
        && (has_date(t) || has_attribution(t))
}

/// Words of comment furniture; a line made only of these (and counts, separators) is furniture.
const FURNITURE: [&str; 52] = [
    "reply",
    "replies",
    "report",
    "abuse",
    "flag",
    "inappropriate",
    "permalink",
    "like",
    "likes",
    "dislike",
    "quote",
    "share",
    "it",
    "link",
    "to",
    "comment",
    "this",
    "up",
    "down",
    "vote",
    "votes",
    "recommend",
    "history",
    "view",
    "thread",
    "edit",
    "delete",
    "hide",
    "cancel",
    "답글",
    "답글쓰기",
    "답글보기",
    "신고",
    "신고하기",
    "공감",
    "비공감",
    "추천",
    "반대",
    "좋아요",
    "싫어요",
    "삭제",
    "수정",
    "返信",
    "回复",
    "举报",
    "赞",
    "antworten",
    "melden",
    "répondre",
    "signaler",
    "responder",
    "denunciar",
];
/// … and at least one of these.
const FURNITURE_CORE: [&str; 22] = [
    "reply",
    "report",
    "flag",
    "permalink",
    "like",
    "likes",
    "vote",
    "votes",
    "recommend",
    "답글",
    "답글쓰기",
    "신고",
    "신고하기",
    "공감",
    "추천",
    "좋아요",
    "返信",
    "回复",
    "举报",
    "antworten",
    "répondre",
    "responder",
];

fn is_furniture(text: &str) -> bool {
    let lower = text.to_lowercase();
    let tokens: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()))
        .collect();
    !tokens.is_empty()
        && tokens.len() <= 8
        && tokens.iter().all(|w| FURNITURE.contains(w))
        && tokens.iter().any(|w| FURNITURE_CORE.contains(w))
}

/// A field of a comment form: `Name (required)`, `Email *`, `Website`.
fn is_form_field(text: &str) -> bool {
    static FIELD: OnceLock<Regex> = OnceLock::new();
    let t = text.trim();
    words(t) <= 6
        && FIELD
            .get_or_init(|| {
                Regex::new(concat!(
                    r"(?i)^(?:your )?(?:name|nickname|e-?mail(?: address)?|mail|website|url|comment|message|subject)",
                    r"\s*(?:\(required\)|\(hidden\)|\(will not be published\)|\*|:)*\s*(?:\(required\)|\*)?$",
                    r"|\(required\)|^(?:submit|post) (?:comment|reply)$|^(?:이름|닉네임|비밀번호|이메일|내용)\s*\*?$"
                ))
                .expect("valid")
            })
            .is_match(t)
}

/// A line of a list section: short, not a paragraph.
fn is_item(text: &str, kind: Kind) -> bool {
    let n = words(text);
    n >= 1 && n <= kind.item_words() && text.chars().count() <= 120 && !is_prose(text)
}

/// Blocks in a comment section that are evidence of one, and why.
struct Evidence {
    comment_headers: usize,
    furniture: usize,
    form_fields: usize,
}

impl Evidence {
    fn confirmed(&self) -> bool {
        self.comment_headers + self.furniture >= 2
            && (self.comment_headers >= 1 || self.furniture >= 3)
            || self.form_fields >= 2
    }

    fn describe(&self) -> String {
        let mut parts = Vec::new();
        if self.comment_headers > 0 {
            parts.push(format!(
                "{} comment header(s) with a date or `says:`",
                self.comment_headers
            ));
        }
        if self.furniture > 0 {
            parts.push(format!("{} reply/report line(s)", self.furniture));
        }
        if self.form_fields > 0 {
            parts.push(format!("{} comment-form field(s)", self.form_fields));
        }
        parts.join(", ")
    }
}

/// A thread ends when this many blocks pass without evidence.
const COMMENT_GAP: usize = 15;

/// One confirmed section: block positions `start..end` (the header at `start`).
struct Section {
    kind: Kind,
    class: Class,
    start: usize,
    end: usize,
    /// With furniture only: the positions that go (else all of `start..end`).
    only: Option<Vec<usize>>,
    evidence: String,
}

/// Finds the sections among the blocks' texts (in document order).
///
/// All blocks are seen, also those an earlier detector removed (a rule often takes the header
/// `3 Comments` or a `Reply` line already): they open and confirm sections too, but only standing
/// blocks are marked, and the article's last paragraph is the last standing one.
fn find(
    texts: &[&str],
    standing: &[bool],
    vocabulary: &Vocabulary,
    comment_bodies: bool,
) -> Vec<Section> {
    let last_prose = (0..texts.len()).rposition(|j| standing[j] && is_prose(texts[j]));
    let mut found = Vec::new();
    let mut j = 0;
    while j < texts.len() {
        let Some(spec) = vocabulary.header(texts[j]) else {
            j += 1;
            continue;
        };
        let section = match spec.name {
            Kind::Comments => comments(texts, j, comment_bodies),
            kind => list(texts, j, kind, last_prose.is_some_and(|p| p > j)),
        };
        match section {
            Some((end, only, evidence)) => {
                found.push(Section {
                    kind: spec.name,
                    class: spec.class,
                    start: j,
                    end,
                    only,
                    evidence,
                });
                j = end.max(j + 1);
            }
            None => j += 1,
        }
    }
    found
}

type Found = (usize, Option<Vec<usize>>, String);

fn comments(texts: &[&str], header: usize, bodies: bool) -> Option<Found> {
    let mut evidence = Evidence {
        comment_headers: 0,
        furniture: 0,
        form_fields: 0,
    };
    let vocabulary = Vocabulary::builtin();
    let mut marked = vec![header];
    let mut last = header;
    let mut k = header + 1;
    while k < texts.len() && k - last <= COMMENT_GAP {
        let t = texts[k];
        match vocabulary.header(t).map(|s| s.name) {
            // Another comments header inside the thread (`Leave a Reply` after the comments) is
            // part of it; a header of another kind ends it.
            Some(Kind::Comments) => {}
            Some(_) => break,
            None if is_furniture(t) => evidence.furniture += 1,
            None if is_form_field(t) => evidence.form_fields += 1,
            // Evidence, but it stays unless the bodies go: the development golds keep each
            // comment's name-and-date line with its text.
            None if is_comment_header(t) => {
                evidence.comment_headers += 1;
                last = k;
                k += 1;
                continue;
            }
            None => {
                k += 1;
                continue;
            }
        }
        marked.push(k);
        last = k;
        k += 1;
    }
    if !evidence.confirmed() {
        return None;
    }
    // The thread runs to the document's end when its evidence reaches near it, else to the
    // body after its last piece of evidence (the next short run of blocks).
    let end = if texts.len() - last <= COMMENT_GAP {
        texts.len()
    } else {
        let mut e = last + 1;
        while e < texts.len() && e - last <= 3 && vocabulary.header(texts[e]).is_none() {
            e += 1;
        }
        e
    };
    let describe = evidence.describe();
    if bodies {
        Some((end, None, describe))
    } else {
        Some((end, Some(marked), describe))
    }
}

fn list(texts: &[&str], header: usize, kind: Kind, before_article_end: bool) -> Option<Found> {
    let vocabulary = Vocabulary::builtin();
    let mut k = header + 1;
    let mut items = 0;
    while k < texts.len() {
        let item = is_item(texts[k], kind) && vocabulary.header(texts[k]).is_none();
        // A block an earlier detector removed counts when it is an item (a headline a rule took)
        // and ends the run like any other when it is not (a duplicate paragraph).
        if !item {
            break;
        }
        items += 1;
        k += 1;
    }
    // Share bars and tag lists before the article's end are too easily confused with the short
    // headings and list items of the article itself (`Share` / `Tweet` / `Pros`): only after it.
    if before_article_end && matches!(kind, Kind::Share | Kind::Tags) {
        return None;
    }
    let needed = if before_article_end { 3 } else { 2 };
    (items >= needed).then(|| {
        let what = match kind {
            Kind::Tags => "tag words",
            Kind::Share => "network or share buttons",
            _ => "headlines or links",
        };
        (
            k,
            None,
            format!(
                "a run of {items} short lines without a sentence ending ({what}) below it{}",
                if before_article_end {
                    ", before the article's last paragraph"
                } else {
                    ""
                }
            ),
        )
    })
}

/// Marks the sections among the standing blocks.
pub fn mark(
    config: &SectionsConfig,
    doc: &str,
    seg: &crate::segment::Segmented,
    plans: &mut [BlockPlan],
) {
    let vocabulary = Vocabulary::builtin();
    loop {
        let standing: Vec<bool> = plans.iter().map(BlockPlan::kept).collect();
        let texts: Vec<&str> = plans
            .iter()
            .zip(&seg.blocks)
            .map(|(p, b)| {
                if p.kept() {
                    p.rest.as_ref()
                } else {
                    b.text(doc)
                }
            })
            .collect();
        let sections = find(&texts, &standing, vocabulary, config.comment_bodies);
        let mut marks: Vec<(usize, WholeBlock)> = Vec::new();
        for s in &sections {
            let reason = Reason::Section {
                kind: s.kind.as_str().to_string(),
                header_line: seg.blocks[s.start].line,
                header: texts[s.start].trim().to_string(),
                evidence: s.evidence.clone(),
            };
            let positions: Vec<usize> = match &s.only {
                Some(only) => only.clone(),
                None => (s.start..s.end).collect(),
            };
            for p in positions.into_iter().filter(|&p| standing[p]) {
                marks.push((
                    p,
                    WholeBlock {
                        class: s.class,
                        reason: reason.clone(),
                    },
                ));
            }
        }
        if marks.is_empty() {
            return;
        }
        for (i, whole) in marks {
            plans[i].whole = Some(whole);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `Vocabulary::header` without the gate.
    fn header_ungated<'v>(v: &'v Vocabulary, line: &str) -> Option<&'v KindSpec> {
        let key = header_key(line)?;
        v.regexes
            .iter()
            .position(|r| r.is_match(&key))
            .map(|k| &v.kinds[k])
    }

    fn corpus_lines() -> Vec<String> {
        let mut files = Vec::new();
        let mut dirs = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/corpus"
        ))];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).expect("corpus").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "txt") {
                    files.push(path);
                }
            }
        }
        files.sort();
        let mut lines: Vec<String> = Vec::new();
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap_or_default();
            lines.extend(text.lines().map(str::to_string));
        }
        lines
    }

    #[test]
    fn gate_never_rules_out_a_header() {
        let v = Vocabulary::builtin();
        let gate = v.gate.as_ref().expect("the built-in vocabulary has a gate");
        let mut lines: Vec<String> = corpus_lines();
        for kind in &v.kinds {
            lines.extend(kind.examples.iter().cloned());
            lines.extend(kind.counter_examples.iter().cloned());
        }
        // Case, spacing, count and mark variants of every line.
        let base = lines.clone();
        for l in &base {
            lines.push(l.to_uppercase());
            lines.push(format!("  ▶ {}  (12) ", l.replace(' ', "\u{3000}")));
            lines.push(format!("12 {}:", l.replace(' ', "  ")));
            lines.push(l.replace('k', "\u{212a}").replace('i', "\u{130}"));
        }
        let (mut headers, mut ruled_out) = (0, 0);
        for l in &lines {
            let want = header_ungated(v, l).map(|k| k.name);
            assert_eq!(v.header(l).map(|k| k.name), want, "{l:?}");
            headers += usize::from(want.is_some());
            if gate.rules_out(l) {
                ruled_out += 1;
                assert!(want.is_none(), "{l:?}");
            }
        }
        assert!(headers > 50, "{headers}");
        assert!(
            ruled_out > lines.len() / 2,
            "{ruled_out} of {}",
            lines.len()
        );
    }

    #[test]
    fn gate_needs_a_requirement_of_every_pattern() {
        let text = HEADERS.replace("'tags?|", "'.*|tags?|");
        let v = Vocabulary::parse(&text).expect("valid");
        assert!(v.gate.is_none());
        let v = Vocabulary::parse(HEADERS).expect("valid");
        let gate = v.gate.as_ref().expect("gate");
        assert!(gate.rules_out("홍길동 기자"));
        assert!(gate.rules_out("Photo by Jane Doe"));
        assert!(!gate.rules_out("COMMENTS"));
        assert!(!gate.rules_out("관련기사"));
        // A char whose lower case is not known to be itself: not ruled out.
        assert!(!gate.rules_out("Café"));
    }

    #[test]
    fn vocabulary_examples_and_counter_examples() {
        let v = Vocabulary::builtin();
        assert_eq!(v.version, 1);
        for kind in &v.kinds {
            assert!(!kind.examples.is_empty(), "{:?} has no example", kind.name);
            for e in &kind.examples {
                let got = v.header(e).map(|k| k.name);
                assert_eq!(got, Some(kind.name), "example {e:?}");
            }
            for c in &kind.counter_examples {
                assert!(v.header(c).is_none(), "counter-example {c:?} matched");
            }
        }
    }

    #[test]
    fn every_kind_is_in_the_file() {
        let v = Vocabulary::builtin();
        for kind in [Kind::Comments, Kind::Related, Kind::Tags, Kind::Share] {
            assert!(v.kinds.iter().any(|k| k.name == kind), "{kind:?}");
        }
    }

    #[test]
    fn shapes() {
        assert!(is_comment_header("Bronxdude 37 minutes ago (12:39 PM)"));
        assert!(is_comment_header(
            "Daveywrote on November 13th, 2012 at 5:49 am"
        ));
        assert!(is_comment_header("Jane Doe says:"));
        assert!(is_comment_header("푸른하늘 2024.05.16 14:21"));
        assert!(is_comment_header("바람 3시간 전"));
        assert!(!is_comment_header(
            "The council met on May 5 and decided that the plan would go ahead as agreed."
        ));
        assert!(is_furniture("Reply"));
        assert!(is_furniture("History | Permalink | Share it"));
        assert!(is_furniture("답글 3 신고"));
        assert!(is_furniture("Like (4) Reply"));
        assert!(!is_furniture("Share prices"));
        assert!(!is_furniture("Like a rolling stone"));
        assert!(is_form_field("Name (required)"));
        assert!(is_form_field("Website"));
        assert!(!is_form_field("The website was down for a week."));
    }

    #[test]
    fn chars_taken_as_their_own_lower_case_are() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if lowercase_is_itself(c) {
                assert_eq!(c.to_lowercase().collect::<String>(), c.to_string(), "{c:?}");
                assert_ne!(c, 'Σ');
            }
        }
        for line in [
            "Comments (12) ▶ 댓글 “관련기사” 東京 ｶﾅ",
            "ΟΔΟΣ Σ",
            "İSTANBUL Ⅻ Ⓐ ＡＢ",
        ] {
            assert_eq!(to_lowercase(line), line.to_lowercase(), "{line:?}");
        }
    }

    #[test]
    fn words_count_as_split_whitespace() {
        for t in [
            "",
            " ",
            "a",
            " 관련 기사\u{3000}목록\t보기 ",
            "a\u{a0}b\u{2003}c\u{85}d\u{200b}e\u{feff}f",
            "댓글  3개\n",
        ] {
            assert_eq!(words(t), t.split_whitespace().count(), "{t:?}");
        }
    }

    #[test]
    fn header_keys() {
        assert_eq!(header_key("12 Comments").as_deref(), Some("comments"));
        assert_eq!(header_key("Comments (1,204):").as_deref(), Some("comments"));
        assert_eq!(header_key("▶ 관련기사").as_deref(), Some("관련기사"));
        assert_eq!(header_key("댓글 3개").as_deref(), Some("댓글"));
        assert_eq!(header_key("Comments are closed."), None);
        assert_eq!(
            header_key("관련\u{3000}기사  목록").as_deref(),
            Some("관련 기사 목록")
        );
        assert_eq!(
            header_key("관련 기사 목록").as_deref(),
            Some("관련 기사 목록")
        );
        assert_eq!(
            header_key("(3) 댓글\t보기 12개").as_deref(),
            Some("3) 댓글 보기")
        );
    }
}
