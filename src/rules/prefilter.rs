//! A literal prefilter for the rule set: one Aho-Corasick pass over a line tells which rules can
//! possibly match, so most lines run no rule regex at all.
//!
//! For every rule we derive, from its pattern's syntax tree, a set of literals of which every match
//! must contain at least one (`기자`, `@`, `copyright`, …). Rules for which no such set exists (a
//! pattern that can match without any fixed text) are always candidates.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex_syntax::hir::{Class, Hir, HirKind};

/// Literals shorter than this (in bytes) are too common to filter with.
const MIN_LITERAL_BYTES: usize = 1;
/// A class with more chars than this is not expanded into literals.
const MAX_CLASS: usize = 4;
/// Sets with more literals than this are not worth it.
const MAX_SET: usize = 64;

/// The literals one of which every match of `pattern` contains, lower-cased; `None` when there is
/// no such finite set.
pub fn required_literals(pattern: &str) -> Option<Vec<String>> {
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .ok()?;
    let set = required(&hir)?;
    // Non-ASCII letters with case (`é`, `Ü`) would need Unicode case folding, which the prefilter
    // (ASCII case-insensitive) does not do. A part of a required literal is required too, so such
    // a literal is cut down to its longest run without them (`suscríbete` → `suscr`).
    let set: Vec<String> = set
        .into_iter()
        .map(|s| longest_caseless_run(&s.to_lowercase()).to_string())
        .collect();
    if set.is_empty() || set.iter().any(|s| s.len() < MIN_LITERAL_BYTES) || set.len() > MAX_SET {
        return None;
    }
    Some(set)
}

/// The longest run of `s` without non-ASCII cased letters.
fn longest_caseless_run(s: &str) -> &str {
    s.split(|c: char| !c.is_ascii() && (c.is_lowercase() || c.is_uppercase()))
        .max_by_key(|run| run.len())
        .unwrap_or("")
}

/// Score of a literal set for choosing among a concatenation's parts: longer shortest literal and
/// fewer literals filter better.
fn quality(set: &[String]) -> (usize, std::cmp::Reverse<usize>) {
    (
        set.iter().map(|s| s.chars().count()).min().unwrap_or(0),
        std::cmp::Reverse(set.len()),
    )
}

fn required(hir: &Hir) -> Option<Vec<String>> {
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
        HirKind::Class(Class::Bytes(_)) | HirKind::Empty | HirKind::Look(_) => None,
        HirKind::Repetition(rep) if rep.min >= 1 => required(&rep.sub),
        HirKind::Repetition(_) => None,
        HirKind::Capture(cap) => required(&cap.sub),
        HirKind::Alternation(alts) => {
            let mut out = Vec::new();
            for alt in alts {
                out.extend(required(alt)?);
                if out.len() > MAX_SET {
                    return None;
                }
            }
            Some(out)
        }
        HirKind::Concat(parts) => {
            // Adjacent literal pieces join into longer literals; then the best part wins.
            let mut best: Option<Vec<String>> = None;
            let mut run: Option<Vec<String>> = None;
            let consider = |set: Option<Vec<String>>, best: &mut Option<Vec<String>>| {
                if let Some(set) = set {
                    if best.as_ref().is_none_or(|b| quality(&set) > quality(b)) {
                        *best = Some(set);
                    }
                }
            };
            for part in parts {
                match required(part) {
                    Some(set) if is_exact(part) => {
                        run = Some(match run.take() {
                            None => set,
                            Some(prev) if prev.len() * set.len() <= MAX_SET => prev
                                .iter()
                                .flat_map(|a| set.iter().map(move |b| format!("{a}{b}")))
                                .collect(),
                            Some(prev) => {
                                consider(Some(prev), &mut best);
                                set
                            }
                        });
                    }
                    other => {
                        consider(run.take(), &mut best);
                        consider(other, &mut best);
                    }
                }
            }
            consider(run, &mut best);
            best
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
    /// For each automaton pattern, the rules it triggers.
    pattern_rules: Vec<Vec<usize>>,
    /// Rules that must always be tried.
    always: Vec<usize>,
    rules: usize,
}

impl Prefilter {
    /// `patterns[i]` is rule `i`'s pattern as written (without the engine's wrapping).
    pub fn new<'a>(patterns: impl Iterator<Item = &'a str>) -> Prefilter {
        let mut literals: Vec<String> = Vec::new();
        let mut pattern_rules: Vec<Vec<usize>> = Vec::new();
        let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        let mut always = Vec::new();
        let mut rules = 0;
        for (rule, pattern) in patterns.enumerate() {
            rules += 1;
            match required_literals(pattern) {
                None => always.push(rule),
                Some(set) => {
                    for lit in set {
                        let id = *index.entry(lit.clone()).or_insert_with(|| {
                            literals.push(lit);
                            pattern_rules.push(Vec::new());
                            literals.len() - 1
                        });
                        if !pattern_rules[id].contains(&rule) {
                            pattern_rules[id].push(rule);
                        }
                    }
                }
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
            pattern_rules,
            always,
            rules,
        }
    }

    /// Marks in `out` (one flag per rule) the rules that may match `text`.
    pub fn candidates(&self, text: &str, out: &mut Vec<bool>) {
        out.clear();
        out.resize(self.rules, false);
        for &r in &self.always {
            out[r] = true;
        }
        if let Some(ac) = &self.automaton {
            for m in ac.find_overlapping_iter(text) {
                for &r in &self.pattern_rules[m.pattern().as_usize()] {
                    out[r] = true;
                }
            }
        }
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
    fn prefilter_marks_only_possible_rules() {
        let p = Prefilter::new(["기자", "copyright", "\\d+"].into_iter());
        let mut out = Vec::new();
        p.candidates("COPYRIGHT 2024", &mut out);
        assert_eq!(out, [false, true, true]);
        p.candidates("홍길동 기자", &mut out);
        assert_eq!(out, [true, false, true]);
    }
}
