//! A literal prefilter for the rule set: one Aho-Corasick pass over a line tells which rules can
//! possibly match, so most lines run no rule regex at all.
//!
//! For every rule we derive, from its pattern's syntax tree, a few sets of literals such that every
//! match contains a literal of *each* set (`[^\n]*\s\d{4}\.…@…` needs `.` and `@`). Sets are ranked by
//! how rare their literals are likely to be in text — `@`, `기자` or `copyright` filter, a bare `.`
//! or `,` lets almost every line through — and the best few are kept. Rules for which no set exists
//! (a pattern that can match without any fixed text) are always candidates.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex_syntax::hir::{Class, Hir, HirKind};

/// A class with more chars than this is not expanded into literals.
const MAX_CLASS: usize = 4;
/// Sets with more literals than this are not worth it.
const MAX_SET: usize = 64;
/// At most this many sets per rule are checked (each must hit).
const MAX_SETS_PER_RULE: usize = 3;

/// The literal sets of `pattern`, best first: every match contains a literal of each set. Literals
/// are lower-cased. Empty when there is no such set.
pub fn required_sets(pattern: &str) -> Vec<Vec<String>> {
    let Ok(hir) = regex_syntax::ParserBuilder::new().build().parse(pattern) else {
        return Vec::new();
    };
    let mut sets: Vec<Vec<String>> = Vec::new();
    for set in required(&hir) {
        // Non-ASCII letters with case (`é`, `Ü`) would need Unicode case folding, which the
        // prefilter (ASCII case-insensitive) does not do. A part of a required literal is required
        // too, so such a literal is cut down to its longest run without them (`suscríbete` → `suscr`).
        let mut set: Vec<String> = set
            .into_iter()
            .map(|s| longest_caseless_run(&s.to_lowercase()).to_string())
            .collect();
        set.sort();
        set.dedup();
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

/// The best literal set of `pattern` (the one the prefilter checks first), if any.
pub fn required_literals(pattern: &str) -> Option<Vec<String>> {
    required_sets(pattern).into_iter().next()
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

/// The best single set of a conjunction, for places (alternatives) that can keep only one.
fn best(sets: Vec<Vec<String>>) -> Option<Vec<String>> {
    sets.into_iter().max_by_key(|set| quality(set))
}

/// The conjunction of literal sets every match of `hir` satisfies (empty: no requirement).
fn required(hir: &Hir) -> Vec<Vec<String>> {
    match hir.kind() {
        HirKind::Literal(lit) => vec![vec![String::from_utf8_lossy(&lit.0).into_owned()]],
        HirKind::Class(Class::Unicode(class)) => {
            let mut out = Vec::new();
            for range in class.ranges() {
                for c in range.start()..=range.end() {
                    out.push(c.to_string());
                    if out.len() > MAX_CLASS {
                        return Vec::new();
                    }
                }
            }
            vec![out]
        }
        HirKind::Class(Class::Bytes(_)) | HirKind::Empty | HirKind::Look(_) => Vec::new(),
        HirKind::Repetition(rep) if rep.min >= 1 => required(&rep.sub),
        HirKind::Repetition(_) => Vec::new(),
        HirKind::Capture(cap) => required(&cap.sub),
        HirKind::Alternation(alts) => {
            // Every alternative must contribute a set; their union is the one set of the whole.
            let mut out = Vec::new();
            for alt in alts {
                let Some(set) = best(required(alt)) else {
                    return Vec::new();
                };
                out.extend(set);
                if out.len() > MAX_SET {
                    return Vec::new();
                }
            }
            vec![out]
        }
        HirKind::Concat(parts) => {
            // Adjacent exact pieces join into longer literals; every part's sets hold as well.
            let mut all: Vec<Vec<String>> = Vec::new();
            let mut run: Option<Vec<String>> = None;
            for part in parts {
                let sets = required(part);
                if is_exact(part) && sets.len() == 1 {
                    let set = sets.into_iter().next().expect("one set");
                    run = Some(match run.take() {
                        None => set,
                        Some(prev) if prev.len() * set.len() <= MAX_SET => prev
                            .iter()
                            .flat_map(|a| set.iter().map(move |b| format!("{a}{b}")))
                            .collect(),
                        Some(prev) => {
                            all.push(prev);
                            set
                        }
                    });
                } else {
                    all.extend(run.take());
                    all.extend(sets);
                }
            }
            all.extend(run);
            all
        }
    }
}

/// Whether a part matches exactly one of its literals and nothing around them (so that adjacent
/// exact parts can be joined).
fn is_exact(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Literal(_) | HirKind::Class(_) => true,
        HirKind::Capture(cap) => is_exact(&cap.sub),
        HirKind::Concat(parts) => parts.iter().all(is_exact),
        HirKind::Alternation(alts) => alts.iter().all(is_exact),
        HirKind::Repetition(rep) => rep.min == 1 && rep.max == Some(1) && is_exact(&rep.sub),
        _ => false,
    }
}

/// The prefilter over a list of rules.
#[derive(Debug, Clone)]
pub struct Prefilter {
    automaton: Option<AhoCorasick>,
    /// For each automaton pattern, the literal sets it belongs to.
    pattern_sets: Vec<Vec<usize>>,
    /// For each set, the rules whose first (best) set it is.
    first_of: Vec<Vec<usize>>,
    /// For each rule, the sets that must all be hit.
    rule_sets: Vec<Vec<usize>>,
    /// Rules with no literal set: always tried.
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
        let mut rule_sets = Vec::new();
        let mut always = Vec::new();
        for (rule, pattern) in patterns.enumerate() {
            let mut mine = Vec::new();
            for set in required_sets(pattern) {
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
                mine.push(id);
            }
            match mine.first() {
                Some(&first) => first_of[first].push(rule),
                None => always.push(rule),
            }
            rule_sets.push(mine);
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
            rule_sets,
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
            for &rule in &self.first_of[set] {
                if self.rule_sets[rule][1..].iter().all(|&s| hits.sets[s]) {
                    hits.rules.push(rule);
                }
            }
        }
        hits.rules.sort_unstable();
    }

    /// How many rules have no literal and always run.
    pub fn always_count(&self) -> usize {
        self.always.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lits(p: &str) -> Option<Vec<String>> {
        required_literals(p).map(|mut v| {
            v.sort();
            v
        })
    }

    #[test]
    fn literals_of_common_rule_shapes() {
        assert_eq!(lits("이 기사에 대해"), Some(vec!["이 기사에 대해".into()]));
        assert_eq!(
            lits("(?:기사입력|입력)\\s?\\d"),
            Some(vec!["기사입력".into(), "입력".into()])
        );
        assert_eq!(lits("[^\\n]{0,80}?무단\\s?전재"), Some(vec!["무단".into()]));
        assert_eq!(lits("Copyright"), Some(vec!["copyright".into()]));
        assert_eq!(lits("[^\\n]{1,79}[^.다\\n]"), None);
        assert_eq!(lits("\\d{1,7}"), None);
        // Accented letters would need Unicode case folding: the longest run without them is kept.
        assert_eq!(
            lits("suscríbete|lee sin límites"),
            Some(vec!["lee sin l".into(), "suscr".into()])
        );
        assert_eq!(lits("été"), Some(vec!["t".into()]));
    }

    #[test]
    fn every_required_set_is_kept_and_everyday_punctuation_only_as_a_last_resort() {
        // A Newsis caption needs a `.` and an `@`: only the `@` is worth a lookup.
        let caption = r"\S[^\n]*?\s\d{4}\.\s?\d{1,2}\.\s*[a-z0-9]+@[a-z]+\.[a-z]{2,}";
        assert_eq!(required_sets(caption), vec![vec!["@".to_string()]]);
        // Both halves of a conjunction are required; the rarer comes first.
        assert_eq!(
            required_sets("(?:무단|all rights reserved)[^\n]{0,60}?(?:금지|reserved)"),
            vec![
                vec!["all rights reserved".to_string(), "무단".into()],
                vec!["reserved".to_string(), "금지".into()],
            ]
        );
        // With nothing better, a `.` is still a filter.
        assert_eq!(required_sets(r"\d+\.\d+"), vec![vec![".".to_string()]]);
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
