//! A literal prefilter for the rule set: one Aho-Corasick pass over a line tells which rules can
//! possibly match, so most lines run no rule regex at all.
//!
//! For every rule we derive, from its pattern's syntax tree, a *requirement*: a few alternatives,
//! each a conjunction of literal sets — every match contains, for one of the alternatives, a literal
//! of each of its sets. `[^\n]*\s\d{4}\.…@…` needs `.` and `@`; an agency caption rule needs
//! (`/` or `|`) and (`afp` or `reuters` …) in one alternative, or `getty images` in another. Sets
//! are ranked by how rare their literals are likely to be in text — `@`, `기자` or `copyright` filter,
//! a bare `.` or `,` lets almost every line through — and the best few of each conjunction are
//! kept. Rules with an alternative that needs no fixed text are always candidates.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex_syntax::hir::{Class, Hir, HirKind};

/// A class with more chars than this is not expanded into literals.
const MAX_CLASS: usize = 4;
/// Sets with more literals than this are not worth it.
const MAX_SET: usize = 64;
/// At most this many sets per conjunction are checked (each must hit).
const MAX_SETS_PER_RULE: usize = 3;
/// Requirements with more alternatives than this are merged into one (a weaker condition).
const MAX_ALTERNATIVES: usize = 16;

/// Literals one of which must occur.
type Set = Vec<String>;
/// Sets that must all be hit; empty: no requirement.
type Conjunction = Vec<Set>;
/// Conjunctions one of which must hold.
type Requirement = Vec<Conjunction>;

/// The requirement of `pattern`, as conjunctions of lower-cased literal sets (best set first).
/// Empty when the pattern can match without any fixed text.
pub fn requirement(pattern: &str) -> Vec<Vec<Vec<String>>> {
    let Ok(hir) = regex_syntax::ParserBuilder::new().build().parse(pattern) else {
        return Vec::new();
    };
    let mut out: Requirement = Vec::new();
    for conjunction in required(&hir) {
        let conjunction = clean_conjunction(conjunction);
        if conjunction.is_empty() {
            return Vec::new();
        }
        if !out.contains(&conjunction) {
            out.push(conjunction);
        }
    }
    out
}

/// Normalizes, ranks and trims one conjunction.
fn clean_conjunction(conjunction: Conjunction) -> Conjunction {
    let mut sets: Conjunction = Vec::new();
    for set in conjunction {
        // Non-ASCII letters with case (`é`, `Ü`) would need Unicode case folding, which the
        // prefilter (ASCII case-insensitive) does not do. A part of a required literal is required
        // too, so such a literal is cut down to its longest run without them (`suscríbete` → `suscr`).
        let mut set: Set = set
            .into_iter()
            .map(|s| longest_caseless_run(&s.to_lowercase()).to_string())
            .collect();
        set.sort();
        set.dedup();
        // Dropping a set only weakens the condition, so an unusable one is simply left out.
        if set.is_empty() || set.iter().any(String::is_empty) || set.len() > MAX_SET {
            continue;
        }
        if !sets.contains(&set) {
            sets.push(set);
        }
    }
    sets.sort_by_key(|set| std::cmp::Reverse(quality(set)));
    // A set of everyday characters (`.`, `,`, a space) filters almost nothing and costs a match
    // report per occurrence: it is used only when nothing better exists.
    if sets.first().is_some_and(|best| quality(best).0 > 0) {
        sets.retain(|set| quality(set).0 > 0);
    }
    sets.truncate(MAX_SETS_PER_RULE);
    sets
}

/// The longest run of `s` without non-ASCII cased letters.
fn longest_caseless_run(s: &str) -> &str {
    s.split(|c: char| !c.is_ascii() && (c.is_lowercase() || c.is_uppercase()))
        .max_by_key(|run| run.len())
        .unwrap_or("")
}

/// How much one char narrows a literal: spaces and sentence punctuation occur on almost every
/// line, ASCII letters and digits are common, other scripts less so, and symbols that mark markup
/// or credits (`@`, `/`, `|`, `=`, `©`, `▶`) are rare.
fn char_weight(c: char) -> usize {
    match c {
        c if c.is_whitespace() => 0,
        '.' | ',' | '\'' | '"' | '(' | ')' | '-' | ':' | ';' | '!' | '?' => 0,
        c if c.is_ascii_alphanumeric() => 1,
        c if c.is_ascii() => 3,
        c if c.is_alphanumeric() => 2,
        _ => 3,
    }
}

/// Score of a literal set: the weight of its weakest literal, then fewer literals.
fn quality(set: &[String]) -> (usize, std::cmp::Reverse<usize>) {
    (
        set.iter()
            .map(|s| s.chars().map(char_weight).sum::<usize>())
            .min()
            .unwrap_or(0),
        std::cmp::Reverse(set.len()),
    )
}

/// The best single set of a conjunction, for places that can keep only one.
fn best(conjunction: &Conjunction) -> Option<&Set> {
    conjunction.iter().max_by_key(|set| quality(set))
}

/// No requirement at all.
fn anything() -> Requirement {
    vec![Vec::new()]
}

/// One conjunction implied by every alternative of `req`: the union of each alternative's best set.
fn merge(req: Requirement) -> Requirement {
    if req.len() <= 1 {
        return req;
    }
    let mut union = Set::new();
    for conjunction in &req {
        let Some(set) = best(conjunction) else {
            return anything();
        };
        union.extend(set.iter().cloned());
        if union.len() > MAX_SET {
            return anything();
        }
    }
    vec![vec![union]]
}

/// Both requirements at once (a concatenation): every pair of alternatives.
fn both(a: Requirement, b: Requirement) -> Requirement {
    let (a, b) = if a.len() * b.len() > MAX_ALTERNATIVES {
        (merge(a), merge(b))
    } else {
        (a, b)
    };
    let mut out = Vec::with_capacity(a.len() * b.len());
    for x in &a {
        for y in &b {
            let mut conjunction = x.clone();
            conjunction.extend(y.iter().cloned());
            out.push(conjunction);
        }
    }
    out
}

/// The strings a part matches when they are few and fixed (`AP`, `(?:AFP|Reuters)`, `[=:]`).
fn exact_strings(hir: &Hir) -> Option<Set> {
    match hir.kind() {
        HirKind::Literal(lit) => Some(vec![String::from_utf8_lossy(&lit.0).into_owned()]),
        HirKind::Class(Class::Unicode(class)) => {
            let mut out = Vec::new();
            for range in class.ranges() {
                for c in range.start()..=range.end() {
                    out.push(c.to_string());
                    if out.len() > MAX_CLASS {
                        return None;
                    }
                }
            }
            Some(out)
        }
        HirKind::Capture(cap) => exact_strings(&cap.sub),
        HirKind::Repetition(rep) if rep.min == 1 && rep.max == Some(1) => exact_strings(&rep.sub),
        HirKind::Alternation(alts) => {
            let mut out = Vec::new();
            for alt in alts {
                out.extend(exact_strings(alt)?);
                if out.len() > MAX_SET {
                    return None;
                }
            }
            Some(out)
        }
        HirKind::Concat(parts) => {
            let mut out = vec![String::new()];
            for part in parts {
                let next = exact_strings(part)?;
                if out.len() * next.len() > MAX_SET {
                    return None;
                }
                out = out
                    .iter()
                    .flat_map(|a| next.iter().map(move |b| format!("{a}{b}")))
                    .collect();
            }
            Some(out)
        }
        _ => None,
    }
}

/// The requirement every match of `hir` satisfies.
fn required(hir: &Hir) -> Requirement {
    if let Some(strings) = exact_strings(hir) {
        return vec![vec![strings]];
    }
    match hir.kind() {
        HirKind::Literal(_) | HirKind::Class(_) | HirKind::Empty | HirKind::Look(_) => anything(),
        HirKind::Repetition(rep) if rep.min >= 1 => required(&rep.sub),
        HirKind::Repetition(_) => anything(),
        HirKind::Capture(cap) => required(&cap.sub),
        HirKind::Alternation(alts) => {
            let mut out = Vec::new();
            for alt in alts {
                let req = required(alt);
                if req.iter().any(Vec::is_empty) {
                    return anything();
                }
                out.extend(req);
            }
            if out.len() > MAX_ALTERNATIVES {
                merge(out)
            } else {
                out
            }
        }
        HirKind::Concat(parts) => {
            // Adjacent fixed pieces join into longer literals (`all rights reserved`).
            let mut out = anything();
            let mut run: Option<Set> = None;
            for part in parts {
                match exact_strings(part) {
                    Some(set) => {
                        run = Some(match run.take() {
                            None => set,
                            Some(prev) if prev.len() * set.len() <= MAX_SET => prev
                                .iter()
                                .flat_map(|a| set.iter().map(move |b| format!("{a}{b}")))
                                .collect(),
                            Some(prev) => {
                                out = both(out, vec![vec![prev]]);
                                set
                            }
                        });
                    }
                    None => {
                        if let Some(prev) = run.take() {
                            out = both(out, vec![vec![prev]]);
                        }
                        out = both(out, required(part));
                    }
                }
                // Long conjunctions keep their best sets: dropping one only weakens the condition.
                for conjunction in &mut out {
                    if conjunction.len() > 2 * MAX_SETS_PER_RULE {
                        conjunction.sort_by_key(|set| std::cmp::Reverse(quality(set)));
                        conjunction.truncate(2 * MAX_SETS_PER_RULE);
                    }
                }
            }
            if let Some(prev) = run {
                out = both(out, vec![vec![prev]]);
            }
            out
        }
    }
}

/// The prefilter over a list of rules.
#[derive(Debug, Clone)]
pub struct Prefilter {
    automaton: Option<AhoCorasick>,
    /// For each automaton pattern, the literal sets it belongs to.
    pattern_sets: Vec<Vec<usize>>,
    /// For each set, the conjunctions whose first (best) set it is.
    first_of: Vec<Vec<usize>>,
    /// Every rule's conjunctions: (rule, the sets that must all be hit).
    conjunctions: Vec<(usize, Vec<usize>)>,
    /// Rules with no requirement: always tried.
    always: Vec<usize>,
}

/// What the prefilter found on a line; reused from line to line to avoid allocations.
#[derive(Debug, Clone, Default)]
pub struct Hits {
    sets: Vec<bool>,
    touched: Vec<usize>,
    /// The rules that may match, in rule order.
    pub rules: Vec<usize>,
}

impl Prefilter {
    /// `patterns[i]` is rule `i`'s pattern as written (without the engine's wrapping).
    pub fn new<'a>(patterns: impl Iterator<Item = &'a str>) -> Prefilter {
        let mut literals: Vec<String> = Vec::new();
        let mut literal_ids: std::collections::HashMap<String, usize> = Default::default();
        let mut set_ids: std::collections::HashMap<Vec<String>, usize> = Default::default();
        let mut pattern_sets: Vec<Vec<usize>> = Vec::new();
        let mut first_of: Vec<Vec<usize>> = Vec::new();
        let mut conjunctions = Vec::new();
        let mut always = Vec::new();
        for (rule, pattern) in patterns.enumerate() {
            let requirement = requirement(pattern);
            if requirement.is_empty() {
                always.push(rule);
                continue;
            }
            for conjunction in requirement {
                let mut ids = Vec::new();
                for set in conjunction {
                    let next = set_ids.len();
                    let id = *set_ids.entry(set.clone()).or_insert(next);
                    if id == next {
                        first_of.push(Vec::new());
                        for lit in set {
                            let lit_id = *literal_ids.entry(lit.clone()).or_insert_with(|| {
                                literals.push(lit);
                                pattern_sets.push(Vec::new());
                                literals.len() - 1
                            });
                            pattern_sets[lit_id].push(id);
                        }
                    }
                    ids.push(id);
                }
                first_of[ids[0]].push(conjunctions.len());
                conjunctions.push((rule, ids));
            }
        }
        let automaton = (!literals.is_empty()).then(|| {
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .kind(Some(AhoCorasickKind::DFA))
                .match_kind(MatchKind::Standard)
                .build(&literals)
                .expect("literal automaton")
        });
        Prefilter {
            automaton,
            pattern_sets,
            first_of,
            conjunctions,
            always,
        }
    }

    /// Lists in `hits.rules` the rules that may match `text`.
    pub fn candidates(&self, text: &str, hits: &mut Hits) {
        hits.sets.resize(self.first_of.len(), false);
        for &set in &hits.touched {
            hits.sets[set] = false;
        }
        hits.touched.clear();
        if let Some(ac) = &self.automaton {
            for m in ac.find_overlapping_iter(text) {
                for &set in &self.pattern_sets[m.pattern().as_usize()] {
                    if !hits.sets[set] {
                        hits.sets[set] = true;
                        hits.touched.push(set);
                    }
                }
            }
        }
        hits.rules.clear();
        hits.rules.extend_from_slice(&self.always);
        for &set in &hits.touched {
            for &c in &self.first_of[set] {
                let (rule, sets) = &self.conjunctions[c];
                if sets[1..].iter().all(|&s| hits.sets[s]) {
                    hits.rules.push(*rule);
                }
            }
        }
        hits.rules.sort_unstable();
        hits.rules.dedup();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The requirement with every conjunction's sets in sorted order, for comparing.
    fn req(p: &str) -> Vec<Vec<Vec<&'static str>>> {
        requirement(p)
            .into_iter()
            .map(|mut c| {
                c.sort();
                c.into_iter()
                    .map(|set| {
                        set.into_iter()
                            .map(|s| &*Box::leak(s.into_boxed_str()))
                            .collect()
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn literals_of_common_rule_shapes() {
        assert_eq!(req("이 기사에 대해"), [[["이 기사에 대해"]]]);
        assert_eq!(
            req("(?:기사입력|입력)\\s?\\d"),
            [[vec!["기사입력", "입력"]]]
        );
        assert_eq!(req("[^\\n]{0,80}?무단\\s?전재"), [[["무단"], ["전재"]]]);
        assert_eq!(req("Copyright"), [[["copyright"]]]);
        assert!(req("[^\\n]{1,79}[^.다\\n]").is_empty());
        assert!(req("\\d{1,7}").is_empty());
        // Accented letters would need Unicode case folding: the longest run without them is kept.
        assert_eq!(
            req("suscríbete|lee sin límites"),
            [[vec!["lee sin l", "suscr"]]]
        );
        assert_eq!(req("été"), [[["t"]]]);
    }

    #[test]
    fn every_required_set_is_kept_and_everyday_punctuation_only_as_a_last_resort() {
        // A Newsis caption needs a `.` and an `@`: only the `@` is worth a lookup.
        let caption = r"\S[^\n]*?\s\d{4}\.\s?\d{1,2}\.\s*[a-z0-9]+@[a-z]+\.[a-z]{2,}";
        assert_eq!(req(caption), [[["@"]]]);
        // Both halves are required.
        assert_eq!(
            req("(?:무단|all rights reserved)[^\n]{0,60}?(?:금지|reserved)"),
            [[
                vec!["all rights reserved", "무단"],
                vec!["reserved", "금지"]
            ]]
        );
        // With nothing better, a `.` is still a filter.
        assert_eq!(req(r"\d+\.\d+"), [[["."]]]);
    }

    #[test]
    fn alternatives_keep_their_own_conjunctions() {
        // `/` alone does not let a line through: it needs an agency in the same alternative.
        assert_eq!(
            req(r"[/|]\s?(?:AFP|Reuters)|Getty Images"),
            vec![
                vec![vec!["/", "|"], vec!["afp", "reuters"]],
                vec![vec!["getty images"]],
            ]
        );
        // One alternative that needs nothing makes the whole rule need nothing.
        assert!(req(r"foo|\d+").is_empty());
        let p = Prefilter::new([r"[/|]\s?(?:AFP|Reuters)|Getty Images"].into_iter());
        let mut hits = Hits::default();
        p.candidates("2024/01/05 서울", &mut hits);
        assert!(hits.rules.is_empty());
        p.candidates("Paris, 2019. Jean Dupont / AFP", &mut hits);
        assert_eq!(hits.rules, [0]);
        p.candidates("A crowd. Getty Images", &mut hits);
        assert_eq!(hits.rules, [0]);
    }

    #[test]
    fn a_rule_runs_only_when_each_of_its_sets_is_hit() {
        let p = Prefilter::new(["무단[^\n]*금지"].into_iter());
        let mut hits = Hits::default();
        p.candidates("무단 전재", &mut hits);
        assert!(hits.rules.is_empty());
        p.candidates("무단 전재 및 재배포 금지", &mut hits);
        assert_eq!(hits.rules, [0]);
    }

    #[test]
    fn prefilter_marks_only_possible_rules() {
        let p = Prefilter::new(["기자", "copyright", "\\d+"].into_iter());
        let mut hits = Hits::default();
        p.candidates("COPYRIGHT 2024", &mut hits);
        assert_eq!(hits.rules, [1, 2]);
        p.candidates("홍길동 기자", &mut hits);
        assert_eq!(hits.rules, [0, 2]);
    }
}
