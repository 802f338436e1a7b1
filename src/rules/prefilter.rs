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

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::{dfa, Anchored, MatchKind, StartKind};
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
    automaton: Option<Literals>,
    /// For each set, the conjunctions whose first (best) set it is.
    first_of: Vec<Vec<usize>>,
    /// Every rule's conjunctions: (rule, the sets that must all be hit).
    conjunctions: Vec<(usize, Vec<usize>)>,
    /// Rules with no requirement: always tried.
    always: Vec<usize>,
    /// The literals of each set (for tests).
    #[cfg(test)]
    set_literals: Vec<Vec<String>>,
}

/// The literals as one Aho-Corasick DFA, copied into a table walked byte by byte here rather
/// than through the crate's match iterator: the prefilter only needs which literal *sets* occur on
/// a line, so each match state carries the sets of every literal ending there, and a state already
/// met on the line is skipped (in English text `e` or `the` end a match on almost every word).
#[derive(Debug, Clone)]
struct Literals {
    /// Bytes that no literal tells apart share a class.
    class: [u8; 256],
    classes: usize,
    /// `trans[state * classes + class]`: the next state times `classes`, with `MATCH` set when
    /// the next state ends a literal. Match states are numbered first.
    trans: Vec<u32>,
    /// The start state times `classes`.
    start: u32,
    /// For match state `s`: its sets are `sets[sets_at[s]..sets_at[s + 1]]`.
    sets_at: Vec<u32>,
    sets: Vec<u32>,
}

const MATCH: u32 = 1 << 31;

impl Literals {
    fn new(literals: &[String], pattern_sets: &[Vec<usize>]) -> Literals {
        let dfa = dfa::Builder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .start_kind(StartKind::Unanchored)
            .build(literals)
            .expect("literal automaton");
        let start = dfa.start_state(Anchored::No).expect("unanchored start");
        // Number the states reachable from the start, breadth first (the start is 0).
        let mut index: rustc_hash::FxHashMap<StateID, u32> = Default::default();
        let mut order = vec![start];
        index.insert(start, 0);
        let mut next_of: Vec<[u32; 256]> = Vec::new();
        let mut at = 0;
        while at < order.len() {
            let sid = order[at];
            let mut row = [0u32; 256];
            let mut last: Option<(StateID, u32)> = None;
            for byte in 0..=255u8 {
                let next = dfa.next_state(Anchored::No, sid, byte);
                let number = match last {
                    // Runs of bytes usually go to the same state (back to the start).
                    Some((s, n)) if s == next => n,
                    _ => {
                        let n = index.len() as u32;
                        *index.entry(next).or_insert_with(|| {
                            order.push(next);
                            n
                        })
                    }
                };
                last = Some((next, number));
                row[byte as usize] = number;
            }
            next_of.push(row);
            at += 1;
        }
        // Byte classes: bytes whose column of next states is the same everywhere.
        let mut class = [0u8; 256];
        let mut columns: rustc_hash::FxHashMap<Vec<u32>, u8> = Default::default();
        for byte in 0..256 {
            let column: Vec<u32> = next_of.iter().map(|row| row[byte]).collect();
            let n = columns.len();
            class[byte] = *columns
                .entry(column)
                .or_insert_with(|| u8::try_from(n).expect("at most 256 byte classes"));
        }
        let classes = columns.len();
        // Match states first, so that the per-line marks cover only them.
        let is_match: Vec<bool> = order.iter().map(|&sid| dfa.is_match(sid)).collect();
        let mut renumbered: Vec<usize> = (0..order.len()).collect();
        renumbered.sort_by_key(|&s| !is_match[s]);
        let mut number = vec![0; order.len()];
        for (new, &old) in renumbered.iter().enumerate() {
            number[old] = new;
        }
        let mut trans = vec![0u32; order.len() * classes];
        for (state, row) in next_of.iter().enumerate() {
            for byte in 0..256 {
                let next = row[byte] as usize;
                let value =
                    (number[next] * classes) as u32 | if is_match[next] { MATCH } else { 0 };
                trans[number[state] * classes + class[byte] as usize] = value;
            }
        }
        assert!(trans.len() < MATCH as usize, "literal automaton too big");
        let mut sets_at = vec![0u32];
        let mut sets = Vec::new();
        for &old in renumbered.iter().take_while(|&&s| is_match[s]) {
            let sid = order[old];
            let mut list: Vec<u32> = Vec::new();
            for i in 0..dfa.match_len(sid) {
                let pattern = dfa.match_pattern(sid, i).as_usize();
                list.extend(pattern_sets[pattern].iter().map(|&set| set as u32));
            }
            list.sort_unstable();
            list.dedup();
            sets.extend(list);
            sets_at.push(sets.len() as u32);
        }
        Literals {
            class,
            classes,
            start: (number[0] * classes) as u32,
            trans,
            sets_at,
            sets,
        }
    }

    /// Marks in `hits` every set with a literal in `text`.
    #[inline]
    fn scan(&self, text: &str, hits: &mut Hits) {
        let states = self.sets_at.len() - 1;
        if hits.state_seen.len() != states {
            hits.state_seen = vec![0; states];
            hits.generation = 0;
        }
        hits.generation = hits.generation.wrapping_add(1);
        if hits.generation == 0 {
            hits.state_seen.iter_mut().for_each(|g| *g = 0);
            hits.generation = 1;
        }
        let generation = hits.generation;
        let mut at = self.start;
        for &byte in text.as_bytes() {
            let next = self.trans[(at + self.class[byte as usize] as u32) as usize];
            at = next & !MATCH;
            if next & MATCH != 0 {
                let state = at as usize / self.classes;
                if hits.state_seen[state] == generation {
                    continue;
                }
                hits.state_seen[state] = generation;
                let sets =
                    &self.sets[self.sets_at[state] as usize..self.sets_at[state + 1] as usize];
                for &set in sets {
                    let set = set as usize;
                    if !hits.sets[set] {
                        hits.sets[set] = true;
                        hits.touched.push(set);
                    }
                }
            }
        }
    }
}

/// What the prefilter found on a line; reused from line to line to avoid allocations.
#[derive(Debug, Clone, Default)]
pub struct Hits {
    sets: Vec<bool>,
    touched: Vec<usize>,
    /// For each match state of the automaton, the line it was last met on.
    state_seen: Vec<u32>,
    generation: u32,
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
        #[cfg(test)]
        let mut set_literals = Vec::new();
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
                        #[cfg(test)]
                        set_literals.push(set.clone());
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
        let automaton = (!literals.is_empty()).then(|| Literals::new(&literals, &pattern_sets));
        Prefilter {
            automaton,
            first_of,
            conjunctions,
            always,
            #[cfg(test)]
            set_literals,
        }
    }

    /// Lists in `hits.rules` the rules that may match `text`.
    pub fn candidates(&self, text: &str, hits: &mut Hits) {
        // The buffers are shared by every prefilter used on this thread (cleaners with other rule
        // selections have other sets): clear what the last scan set before sizing them for this one.
        for &set in &hits.touched {
            hits.sets[set] = false;
        }
        hits.touched.clear();
        hits.sets.resize(self.first_of.len(), false);
        if let Some(literals) = &self.automaton {
            literals.scan(text, hits);
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

    /// The rules whose conjunction holds by plain substring search (ASCII case-insensitive).
    fn naive(p: &Prefilter, text: &str) -> Vec<usize> {
        let lower = text.to_ascii_lowercase();
        let hit: Vec<bool> = p
            .set_literals
            .iter()
            .map(|set| {
                set.iter()
                    .any(|lit| lower.contains(&lit.to_ascii_lowercase()))
            })
            .collect();
        let mut rules: Vec<usize> = p.always.clone();
        for (rule, sets) in &p.conjunctions {
            if sets.iter().all(|&s| hit[s]) {
                rules.push(*rule);
            }
        }
        rules.sort_unstable();
        rules.dedup();
        rules
    }

    #[test]
    fn the_automaton_walk_finds_what_substring_search_finds() {
        let set = crate::rules::RuleSet::build(
            &crate::rules::builtin_packs(),
            &crate::rules::Selection::default(),
        )
        .unwrap();
        let p = &set.prefilter;
        let mut lines: Vec<String> = Vec::new();
        let mut dirs = vec![std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus")];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.file_name().is_some_and(|n| n == "raw.txt") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    lines.extend(
                        text.lines()
                            .map(|l| crate::normalize::MatchView::new(l).text.into_owned()),
                    );
                }
            }
        }
        for rule in &set.rules {
            lines.extend(rule.spec.examples.iter().map(|e| e.text.clone()));
        }
        assert!(lines.len() > 10_000);
        let mut hits = Hits::default();
        for line in &lines {
            p.candidates(line, &mut hits);
            assert_eq!(hits.rules, naive(p, line), "{line:?}");
        }
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
