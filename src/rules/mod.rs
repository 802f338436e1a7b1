//! Rule packs: boilerplate rules as data.
//!
//! A pack is a TOML file (`[pack]` plus `[[rule]]` tables). Every rule has a stable id, a class, a
//! description, a regex matched case-insensitively against the line's match view (see
//! [`crate::normalize`]), a zone where it may fire, an action, and examples that are tests.
//! The built-in packs live in `src/rules/packs/` and are compiled into the binary; users add their
//! own with `--rules FILE` in the same format.

pub mod edges;
pub mod fragments;
mod groups;
mod line;
pub mod prefilter;

pub use line::{apply_cuts, fits, is_husk, search_window, Cut, Field, LineMatcher};

use crate::class::Class;
use crate::error::{Error, Result};
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// Where in a document a rule may fire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Zone {
    /// Any block.
    #[default]
    Anywhere,
    /// The first blocks of the document (`head_blocks` in the config).
    Head,
    /// Blocks after the footer anchor (the first anchor rule firing late in the document).
    Tail,
}

/// What a rule does when it fires.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    /// Drop the whole line. The pattern must cover the whole line (surrounding spaces aside).
    #[default]
    DropLine,
    /// Cut the matched span (or the capture group named `cut`) and keep the rest of the line.
    /// A span at the end or start of the line takes the spaces next to it.
    CutSpan,
    /// Drop this line and every line after it.
    CutTail,
}

/// One example a rule must satisfy: applying the rule alone to `text` gives `clean`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub text: String,
    /// The line after the rule ran; empty when the line is dropped.
    #[serde(default)]
    pub clean: String,
}

/// A rule as written in a pack file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    pub id: String,
    pub class: Class,
    pub description: String,
    pub pattern: String,
    /// The pattern as written in the pack, with its `{fragment}` names, when it had any
    /// (`pattern` then holds the expansion the engine runs).
    #[serde(skip)]
    pub written: Option<String>,
    #[serde(default)]
    pub zone: Zone,
    #[serde(default)]
    pub action: Action,
    /// A strong footer signal: the tail zone starts at the first anchor late in the document.
    #[serde(default)]
    pub anchor: bool,
    /// A box title (`More from …`, `관련기사`): the short headline lines right after it form a
    /// related-headline list and go with it (class `related-list`).
    #[serde(default)]
    pub opens_list: bool,
    /// Rules that are off unless enabled with `--enable`.
    #[serde(default = "default_true")]
    pub enabled: bool,
    #[serde(default)]
    pub examples: Vec<Example>,
    /// Lines the rule must leave untouched.
    #[serde(default)]
    pub counter_examples: Vec<String>,
}

fn default_true() -> bool {
    true
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackInfo {
    pub id: String,
    pub description: String,
}

/// A pack file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pack {
    pub pack: PackInfo,
    #[serde(default, rename = "rule")]
    pub rules: Vec<RuleSpec>,
    /// Named pattern fragments of this pack (see [`fragments`]), on top of the built-in ones.
    #[serde(
        default,
        rename = "fragment",
        skip_serializing_if = "indexmap::IndexMap::is_empty"
    )]
    pub fragments: indexmap::IndexMap<String, fragments::Fragment>,
    /// A pack compiled into the binary: its regexes are compiled on first use (every one of them
    /// is compiled by the test suite), while a user's pack is compiled whole when loaded, so that
    /// its errors show before any input is read.
    #[serde(skip)]
    pub builtin: bool,
    /// Where the pack came from (its file), for error messages.
    #[serde(skip)]
    pub origin: String,
}

impl Pack {
    /// Parses a pack from TOML text; `origin` names the file in errors.
    pub fn parse(text: &str, origin: &str) -> Result<Pack> {
        let mut pack: Pack = toml::from_str(text).map_err(|e| Error::RulePack {
            origin: origin.to_string(),
            message: e.to_string(),
        })?;
        for name in pack.fragments.keys() {
            if fragments::builtin().contains_key(name) {
                return Err(Error::RulePack {
                    origin: origin.to_string(),
                    message: format!("fragment `{{{name}}}` is built in and cannot be redefined"),
                });
            }
        }
        for rule in &mut pack.rules {
            let expanded = fragments::expand(&rule.pattern, &pack.fragments, origin, &rule.id)?;
            if expanded != rule.pattern {
                rule.written = Some(std::mem::replace(&mut rule.pattern, expanded));
            }
        }
        pack.origin = origin.to_string();
        Ok(pack)
    }

    pub fn load(path: &Path) -> Result<Pack> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Pack::parse(&text, &path.display().to_string())
    }
}

/// The packs compiled into the binary.
pub fn builtin_packs() -> Vec<Pack> {
    const PACKS: &[(&str, &str)] = &[
        ("common", include_str!("packs/common.toml")),
        ("ko-portal", include_str!("packs/ko-portal.toml")),
        ("ko-press", include_str!("packs/ko-press.toml")),
        ("ko-inline", include_str!("packs/ko-inline.toml")),
        ("en-news", include_str!("packs/en-news.toml")),
        ("web", include_str!("packs/web.toml")),
        ("intl", include_str!("packs/intl.toml")),
    ];
    PACKS
        .iter()
        .map(|(name, text)| {
            let mut pack = Pack::parse(text, &format!("built-in pack {name}"))
                .unwrap_or_else(|e| panic!("built-in pack {name} is invalid: {e}"));
            pack.builtin = true;
            pack
        })
        .collect()
}

/// A rule ready to run.
#[derive(Debug, Clone)]
pub struct CompiledRule {
    pub spec: RuleSpec,
    pub pack: String,
    /// The full pattern the engine runs (wrapped for the rule's action, case-insensitive).
    pub pattern: String,
    /// Compiled on first use: most inputs reach only some of the rules, and compiling all of them
    /// up front was most of the start-up time.
    regex: std::sync::OnceLock<Regex>,
    /// The pattern as written, with word boundaries made ASCII (the prefilter reads its literals).
    pub body: String,
    /// The longest text (in bytes) the pattern as written can match, when bounded: a drop-line
    /// rule cannot cover a longer line, and an end-anchored cut only needs the line's last bytes.
    pub max_len: Option<usize>,
    /// The pattern only matches at the end of the line (`…$`).
    pub end_anchored: bool,
    /// Index of the `cut` capture group, if the pattern has one.
    pub cut_group: bool,
    /// The groups named `cut`, `cut2`, `cut3` (in that order) that the pattern has: the first that
    /// took part in a match is the part the rule removes.
    cut_groups: Vec<usize>,
    /// That part is always the whole match (see [`cut_is_whole`]).
    cut_is_whole: bool,
    /// The engines that read a match's groups (see [`groups`]), built on first use.
    group_engine: std::sync::OnceLock<std::sync::Arc<groups::GroupEngine>>,
    /// Capture groups holding metadata: (group index, field). A name may carry a numeric suffix
    /// (`author2`) so that alternatives of one pattern can each capture the same field.
    pub fields: Vec<(usize, Field)>,
    /// A drop-line rule written as "a bounded run of any text, then X at the end" (`[^\n]{0,160}?X`):
    /// `regex` is then only `X\s*$`, searched backwards from the line's end, and the length of the
    /// text before X is checked against these bounds (in chars). Searching the leading repeat
    /// forwards was half of all rule time (the lazy DFA of a bounded repeat over a long alternation).
    pub lead: Option<Lead>,
    /// The chars the rule's match can start and end with, checked before its regex runs.
    pub edges: edges::Edges,
}

/// Bounds on the free text before a drop-line rule's tail pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lead {
    pub min: usize,
    pub max: Option<usize>,
}

/// The lazy DFA's transition cache per rule regex (the regex crate's default is 2 MB). Rules with
/// bounded repeats of Unicode classes (`[\w.'\- ]{1,40}`, `[^,:\[\]<>()&]{0,30}?`) have NFAs too big
/// for a 2 MB cache: the engine then skips the lazy DFA and runs every search in the PikeVM or the
/// backtracker (callgrind: a third of all processing instructions). The cache grows only as states
/// are built, so most rules never use more than a few kilobytes (peak RSS unchanged).
const LAZY_DFA_BYTES: usize = 8 << 20;

/// `[^\n]{a,b}?` or `.{a,b}?` at the very start of a pattern.
static LEAD_REPEAT: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
    Regex::new(r"^(?:\[\^\\n\]|\.)\{(\d+),(\d*)\}\?").expect("lead pattern")
});

/// Splits a drop-line body into its lead repeat and the rest, when the body is a concatenation that
/// starts with one (so that the rest is a pattern on its own).
fn split_lead(body: &str) -> Option<(Lead, &str)> {
    let m = LEAD_REPEAT.captures(body)?;
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(body)
        .ok()?;
    let regex_syntax::hir::HirKind::Concat(parts) = hir.kind() else {
        return None;
    };
    match parts.first().map(|p| p.kind()) {
        Some(regex_syntax::hir::HirKind::Repetition(r)) if !r.greedy => {}
        _ => return None,
    }
    let rest = &body[m.get(0)?.end()..];
    if rest.is_empty() {
        return None;
    }
    let min = m[1].parse().ok()?;
    // Only bounded repeats: an unbounded lazy `.{5,}?` is a cheap loop in the forward DFA, while a
    // reverse search of some tails (Unicode classes) is not.
    let max = Some(m[2].parse().ok()?);
    Some((Lead { min, max }, rest))
}

/// Rewrites Unicode word boundaries to ASCII ones: a Unicode `\b` drops the regex engine to its slow
/// path on Korean text (measured 600× slower), and every rule here only needs ASCII word edges.
pub fn rewrite_word_boundaries(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some(b @ ('b' | 'B')) => {
                    out.push_str("(?-u:\\");
                    out.push(b);
                    out.push(')');
                }
                Some(other) => {
                    out.push('\\');
                    out.push(other);
                }
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn full_pattern(spec: &RuleSpec) -> (String, Option<Lead>) {
    let body = rewrite_word_boundaries(&spec.pattern);
    match spec.action {
        Action::DropLine => match split_lead(&body) {
            Some((lead, rest)) => (format!(r"(?i)(?:{rest})\s*$"), Some(lead)),
            None => (format!(r"(?i)^\s*(?:{body})\s*$"), None),
        },
        Action::CutSpan | Action::CutTail => (format!("(?i){body}"), None),
    }
}

fn build_regex(pattern: &str) -> std::result::Result<Regex, regex::Error> {
    regex::RegexBuilder::new(pattern)
        .dfa_size_limit(LAZY_DFA_BYTES)
        .build()
}

/// Whether every match of `hir` is, as a whole, the span of a group named `cut`, `cut2` or `cut3`
/// (`(?P<cut>…)$`, `(?P<cut>…)|(?P<cut2>…)`): then the first of those groups that took part is
/// the whole match, and a rule without fields needs no capture search to know its cut.
fn cut_is_whole(hir: &regex_syntax::hir::Hir) -> bool {
    use regex_syntax::hir::HirKind;
    let empty = |h: &regex_syntax::hir::Hir| {
        h.properties().maximum_len() == Some(0) && h.properties().explicit_captures_len() == 0
    };
    match hir.kind() {
        HirKind::Capture(cap) => cap
            .name
            .as_deref()
            .is_some_and(|n| matches!(n, "cut" | "cut2" | "cut3")),
        HirKind::Concat(parts) => {
            let mut wide = parts.iter().filter(|p| !empty(p));
            matches!((wide.next(), wide.next()), (Some(part), None) if cut_is_whole(part))
        }
        HirKind::Alternation(branches) => branches.iter().all(cut_is_whole),
        _ => false,
    }
}

/// The named capture groups of a pattern with their group indices, in order.
fn capture_names(hir: &regex_syntax::hir::Hir) -> Vec<(usize, String)> {
    use regex_syntax::hir::HirKind;
    let mut out = Vec::new();
    let mut stack = vec![hir];
    while let Some(h) = stack.pop() {
        match h.kind() {
            HirKind::Capture(cap) => {
                if let Some(name) = &cap.name {
                    out.push((cap.index as usize, name.to_string()));
                }
                stack.push(&cap.sub);
            }
            HirKind::Repetition(rep) => stack.push(&rep.sub),
            HirKind::Concat(parts) | HirKind::Alternation(parts) => {
                stack.extend(parts.iter().rev())
            }
            _ => {}
        }
    }
    out.sort();
    out
}

impl CompiledRule {
    /// Checks a rule and prepares it; the regex itself is compiled on first use.
    pub fn compile(spec: RuleSpec, pack: &str) -> Result<CompiledRule> {
        let (pattern, lead) = full_pattern(&spec);
        let rule_error = |message: String| Error::Rule {
            id: spec.id.clone(),
            message,
        };
        let hir = regex_syntax::ParserBuilder::new()
            .build()
            .parse(&pattern)
            .map_err(|e| {
                // Point at the pattern as the user wrote it, not at the wrapped one.
                match regex_syntax::Parser::new().parse(&spec.pattern) {
                    Err(own) => rule_error(own.to_string()),
                    Ok(_) => rule_error(e.to_string()),
                }
            })?;
        let mut fields = Vec::new();
        let mut cut_group = false;
        let names = capture_names(&hir);
        let cut_is_whole = cut_is_whole(&hir);
        let cut_groups = ["cut", "cut2", "cut3"]
            .iter()
            .filter_map(|want| names.iter().find(|(_, n)| n == want).map(|&(i, _)| i))
            .collect();
        for (index, name) in names {
            let field = match name.trim_end_matches(|c: char| c.is_ascii_digit()) {
                "cut" => {
                    cut_group = true;
                    continue;
                }
                "author" => Field::Author,
                "email" => Field::Email,
                "publisher" => Field::Publisher,
                "date" => Field::Date,
                _ => {
                    return Err(rule_error(format!(
                    "unknown capture group `{name}` (allowed: cut, author, email, publisher, date)"
                )))
                }
            };
            fields.push((index, field));
        }
        if spec.zone != Zone::Tail && spec.action == Action::CutTail {
            return Err(Error::Rule {
                id: spec.id.clone(),
                message: "cut-tail rules must be confined to zone = \"tail\"".into(),
            });
        }
        let body = rewrite_word_boundaries(&spec.pattern);
        // The body as the engine matches it (case-folded): its length bound, end anchor and edge chars.
        let folded = regex_syntax::ParserBuilder::new()
            .case_insensitive(true)
            .build()
            .parse(&body)
            .ok();
        let (max_len, end_anchored) = folded.as_ref().map_or((None, false), |hir| {
            let props = hir.properties();
            (
                props.maximum_len(),
                props
                    .look_set_suffix()
                    .contains(regex_syntax::hir::Look::End),
            )
        });
        let edges = folded.as_ref().map_or_else(edges::Edges::default, |hir| {
            edges::Edges::new(
                hir,
                spec.action == Action::DropLine,
                end_anchored,
                lead.is_some(),
            )
        });
        Ok(CompiledRule {
            edges,
            pattern,
            regex: std::sync::OnceLock::new(),
            body,
            max_len,
            end_anchored,
            cut_group,
            cut_groups,
            cut_is_whole,
            group_engine: std::sync::OnceLock::new(),
            fields,
            lead,
            pack: pack.to_string(),
            spec,
        })
    }

    /// Compiles the regex now, reporting an error (a pattern too big for the engine's limits)
    /// instead of panicking on first use.
    pub fn compile_now(&self) -> Result<()> {
        if self.regex.get().is_none() {
            let regex = build_regex(&self.pattern).map_err(|e| Error::Rule {
                id: self.spec.id.clone(),
                message: e.to_string(),
            })?;
            let _ = self.regex.set(regex);
        }
        Ok(())
    }

    /// The rule's regex, compiled on first use.
    pub fn regex(&self) -> &Regex {
        self.regex.get_or_init(|| {
            build_regex(&self.pattern).unwrap_or_else(|e| {
                panic!(
                    "rule {} passed its syntax check but does not compile: {e}",
                    self.spec.id
                )
            })
        })
    }

    /// Whether the rule matches somewhere in `text` (a line, or what is left of it).
    pub fn is_match(&self, text: &str) -> bool {
        match self.lead {
            Some(lead) => self
                .lead_start(text, lead, |from| {
                    self.regex().find_at(text, from).map(|m| (m.start(), ()))
                })
                .is_some(),
            None => self.regex().is_match(line::search_window(self, text)),
        }
    }

    /// The engines that read this rule's capture groups, compiled on first use.
    fn group_engine(&self) -> &groups::GroupEngine {
        self.group_engine.get_or_init(|| {
            std::sync::Arc::new(groups::GroupEngine::new(&self.pattern).unwrap_or_else(|e| {
                panic!(
                    "rule {} passed its syntax check but does not compile: {e}",
                    self.spec.id
                )
            }))
        })
    }

    /// Reads the groups of `m`, a match of this rule's regex on `text` (from `find`, `find_iter`
    /// or `find_at` on this very `text`): its span, its cut and the fields' spans in
    /// [`fields`](Self::fields) order. The same spans as [`RuleMatch::whole`], [`RuleMatch::cut`]
    /// and [`RuleMatch::group`] of the regex's captures, for less work: rules whose cut is their
    /// whole match and that have no fields run no capture search.
    pub fn read_match(&self, text: &str, m: regex::Match) -> MatchSpans {
        let whole = (m.start(), m.end());
        if !self.needs_groups() {
            return MatchSpans {
                whole,
                cut: whole,
                fields: Vec::new(),
            };
        }
        self.group_engine().read(text, whole, |group| {
            let cut = self
                .cut_groups
                .iter()
                .find_map(|&i| group(i))
                .unwrap_or(whole);
            let fields = self.fields.iter().map(|&(i, _)| group(i)).collect();
            MatchSpans { whole, cut, fields }
        })
    }

    /// For a rule with a [`Lead`]: the span of the match [`lead_match`](Self::lead_match) finds,
    /// without its groups.
    pub(crate) fn lead_find<'t>(&self, text: &'t str) -> Option<regex::Match<'t>> {
        let lead = self.lead?;
        self.lead_start(text, lead, |from| {
            let m = self.regex().find_at(text, from)?;
            Some((m.start(), m))
        })
    }

    /// Whether a match needs the capture engine: a `cut` group that is not always the whole match,
    /// or metadata fields. Other rules only need the match's span, which the lazy DFA finds
    /// without the PikeVM or backtracker.
    pub fn needs_groups(&self) -> bool {
        (self.cut_group && !self.cut_is_whole) || !self.fields.is_empty()
    }

    /// Whether the rule has a `cut` group or fields ([`RuleMatch`]es then carry the groups).
    fn has_groups(&self) -> bool {
        self.cut_group || !self.fields.is_empty()
    }

    /// For a rule with a [`Lead`]: the match of its tail pattern whose free text before it fits the
    /// lead's bounds, if any. The leftmost match at or after `min` chars has the shortest free text,
    /// so it is the one to check against `max`.
    pub fn lead_match<'t>(&self, text: &'t str) -> Option<RuleMatch<'t>> {
        let lead = self.lead?;
        self.lead_start(text, lead, |from| {
            if self.has_groups() {
                let caps = self.regex().captures_at(text, from)?;
                Some((caps.get(0)?.start(), RuleMatch::Groups(caps)))
            } else {
                let m = self.regex().find_at(text, from)?;
                Some((m.start(), RuleMatch::Span(m)))
            }
        })
    }

    /// Every match of a rule without a lead in `text`, with groups when the rule has any.
    pub fn matches<'s, 't: 's>(&'s self, text: &'t str) -> Matches<'s, 't> {
        if self.has_groups() {
            Matches::Groups(self.regex().captures_iter(text))
        } else {
            Matches::Spans(self.regex().find_iter(text))
        }
    }

    /// Runs `search` (which returns a match's start) from `min` chars into `text`, and keeps the
    /// result when the free text before the match is at most `max` chars.
    fn lead_start<T>(
        &self,
        text: &str,
        lead: Lead,
        search: impl FnOnce(usize) -> Option<(usize, T)>,
    ) -> Option<T> {
        let from = text
            .char_indices()
            .nth(lead.min)
            .map_or(text.len(), |(i, _)| i);
        if lead.min > 0 && from == text.len() {
            return None;
        }
        let (start, found) = search(from)?;
        let body_start = text.len() - text.trim_start_matches(crate::normalize::is_space).len();
        let free = text.get(body_start.min(start)..start)?.chars().count();
        if lead.max.is_some_and(|max| free > max) {
            return None;
        }
        Some(found)
    }
}

/// A rule's match read by [`CompiledRule::read_match`]: byte spans in the searched text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchSpans {
    pub whole: (usize, usize),
    /// The part the rule removes: its first `cut` group that took part, else the whole match.
    pub cut: (usize, usize),
    /// The span of each of the rule's field groups (in [`CompiledRule::fields`] order), if set.
    pub fields: Vec<Option<(usize, usize)>>,
}

/// The matches of a rule in a text (see [`CompiledRule::matches`]).
pub enum Matches<'r, 't> {
    Spans(regex::Matches<'r, 't>),
    Groups(regex::CaptureMatches<'r, 't>),
}

impl<'t> Iterator for Matches<'_, 't> {
    type Item = RuleMatch<'t>;

    fn next(&mut self) -> Option<RuleMatch<'t>> {
        match self {
            Matches::Spans(m) => m.next().map(RuleMatch::Span),
            Matches::Groups(c) => c.next().map(RuleMatch::Groups),
        }
    }
}

/// One match of a rule: its span, and its capture groups when the rule has groups to read.
pub enum RuleMatch<'t> {
    Span(regex::Match<'t>),
    Groups(regex::Captures<'t>),
}

impl<'t> RuleMatch<'t> {
    pub fn whole(&self) -> regex::Match<'t> {
        match self {
            RuleMatch::Span(m) => *m,
            RuleMatch::Groups(c) => c.get(0).expect("group 0"),
        }
    }

    /// The part the rule removes: the `cut` group if it has one, else the whole match.
    pub fn cut(&self) -> regex::Match<'t> {
        match self {
            // Alternatives of one pattern may each name their cut (`cut`, `cut2`, …).
            RuleMatch::Groups(c) => ["cut", "cut2", "cut3"]
                .iter()
                .find_map(|n| c.name(n))
                .unwrap_or_else(|| self.whole()),
            RuleMatch::Span(m) => *m,
        }
    }

    pub fn group(&self, index: usize) -> Option<regex::Match<'t>> {
        match self {
            RuleMatch::Span(_) => None,
            RuleMatch::Groups(c) => c.get(index),
        }
    }
}

/// Which rules run: `disable` and `enable` take rule ids or pack ids.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Selection {
    pub enable: Vec<String>,
    pub disable: Vec<String>,
}

impl Selection {
    fn wants(&self, rule: &RuleSpec, pack: &str) -> bool {
        let named = |list: &[String]| {
            list.iter()
                .any(|x| x.eq_ignore_ascii_case(&rule.id) || x.eq_ignore_ascii_case(pack))
        };
        if named(&self.disable) {
            return false;
        }
        rule.enabled || named(&self.enable)
    }
}

/// All active rules, with a literal prefilter over them.
#[derive(Debug, Clone)]
pub struct RuleSet {
    pub rules: Vec<CompiledRule>,
    pub prefilter: prefilter::Prefilter,
}

impl RuleSet {
    /// Compiles the active rules of `packs`. Rule ids must be unique across packs.
    pub fn build(packs: &[Pack], selection: &Selection) -> Result<RuleSet> {
        let mut rules = Vec::new();
        let mut seen = std::collections::HashMap::new();
        for pack in packs {
            // A user's pack is named in its errors: the rule ids alone do not say which file.
            let in_pack = |e: Error| match pack.builtin {
                true => e,
                false => Error::RulePack {
                    origin: pack.origin.clone(),
                    message: e.to_string(),
                },
            };
            for spec in &pack.rules {
                if let Some(first) = seen.insert(spec.id.clone(), &pack.origin) {
                    return Err(in_pack(Error::Rule {
                        id: spec.id.clone(),
                        message: format!("duplicate rule id (also in {first})"),
                    }));
                }
                if selection.wants(spec, &pack.pack.id) {
                    let rule =
                        CompiledRule::compile(spec.clone(), &pack.pack.id).map_err(in_pack)?;
                    if !pack.builtin {
                        rule.compile_now().map_err(in_pack)?;
                    }
                    rules.push(rule);
                }
            }
        }
        for name in selection.enable.iter().chain(&selection.disable) {
            let known = packs.iter().any(|p| {
                p.pack.id.eq_ignore_ascii_case(name)
                    || p.rules.iter().any(|r| r.id.eq_ignore_ascii_case(name))
            });
            if !known {
                return Err(Error::UnknownRule(name.clone()));
            }
        }
        if rules.len() > u16::MAX as usize {
            return Err(Error::Rule {
                id: rules[u16::MAX as usize].spec.id.clone(),
                message: format!("at most {} rules can be active at once", u16::MAX),
            });
        }
        // Line rules first: a line that is wholly boilerplate is explained by one rule, not by pieces.
        rules.sort_by_key(|r| r.spec.action != Action::DropLine);
        let prefilter = prefilter::Prefilter::new(rules.iter().map(|r| r.body.as_str()));
        Ok(RuleSet { rules, prefilter })
    }

    pub fn len(&self) -> usize {
        self.rules.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }
}

/// A rule example that did not hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExampleFailure {
    pub rule: String,
    pub text: String,
    pub expected: String,
    pub got: String,
}

/// Runs every example and counter-example of every rule in `packs`, each rule on its own.
pub fn check_examples(packs: &[Pack]) -> Result<Vec<ExampleFailure>> {
    let mut failures = Vec::new();
    for pack in packs {
        for spec in &pack.rules {
            let rule = CompiledRule::compile(spec.clone(), &pack.pack.id)?;
            rule.compile_now()?;
            let matcher = LineMatcher::single(&rule);
            let cases = spec
                .examples
                .iter()
                .map(|e| (e.text.as_str(), e.clean.as_str()))
                .chain(
                    spec.counter_examples
                        .iter()
                        .map(|t| (t.as_str(), t.as_str())),
                );
            for (text, expected) in cases {
                let cuts = matcher.cut_line(text, |_| true);
                let got = apply_cuts(text, &cuts);
                if got != expected {
                    failures.push(ExampleFailure {
                        rule: spec.id.clone(),
                        text: text.to_string(),
                        expected: expected.to_string(),
                        got,
                    });
                }
            }
        }
    }
    Ok(failures)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unicode_word_boundaries_become_ascii() {
        assert_eq!(
            rewrite_word_boundaries(r"\bAP\b \\b \d"),
            r"(?-u:\b)AP(?-u:\b) \\b \d"
        );
    }

    #[test]
    fn every_builtin_example_holds() {
        let failures = check_examples(&builtin_packs()).unwrap();
        assert!(failures.is_empty(), "{failures:#?}");
    }

    #[test]
    fn every_builtin_rule_has_examples_and_unique_id() {
        let packs = builtin_packs();
        for pack in &packs {
            for rule in &pack.rules {
                assert!(!rule.examples.is_empty(), "{} has no example", rule.id);
                assert!(
                    !rule.description.is_empty(),
                    "{} has no description",
                    rule.id
                );
            }
        }
        RuleSet::build(&packs, &Selection::default()).unwrap();
    }

    #[test]
    fn a_user_pack_is_compiled_when_loaded_and_a_builtin_one_on_first_use() {
        // Valid syntax, but far over the engine's size limit once compiled.
        let text = r#"
            [pack]
            id = "mine"
            description = "too big"
            [[rule]]
            id = "MINE-001"
            class = "promo"
            description = "huge"
            pattern = '\w{2000}\s\w{2000}'
            examples = [{ text = "x" }]
        "#;
        let mut pack = Pack::parse(text, "mine.toml").unwrap();
        let err = RuleSet::build(std::slice::from_ref(&pack), &Selection::default()).unwrap_err();
        assert!(
            matches!(&err, Error::RulePack { origin, message }
                if origin == "mine.toml" && message.starts_with("rule MINE-001:")),
            "{err}"
        );
        pack.builtin = true;
        let set = RuleSet::build(&[pack], &Selection::default()).unwrap();
        assert!(set.rules[0].compile_now().is_err());
        let builtin = RuleSet::build(&builtin_packs(), &Selection::default()).unwrap();
        assert!(builtin.rules.iter().all(|r| r.regex.get().is_none()));
    }

    #[test]
    fn selection_disables_rules_and_packs() {
        let packs = builtin_packs();
        let all = RuleSet::build(&packs, &Selection::default()).unwrap().len();
        let no_web = Selection {
            disable: vec!["web".into()],
            ..Default::default()
        };
        assert!(RuleSet::build(&packs, &no_web).unwrap().len() < all);
        let bad = Selection {
            disable: vec!["NO-SUCH-RULE".into()],
            ..Default::default()
        };
        assert!(matches!(
            RuleSet::build(&packs, &bad),
            Err(Error::UnknownRule(_))
        ));
    }
}
