//! Running rules over one line: find spans, peel boilerplate off the line's ends, keep the sentence.
//!
//! Glued tails (`…밝혔다.binzz@yna.co.kr제보는 카카오톡 okjebo`) are peeled from the end one rule at a
//! time: once the promo is cut, the e-mail ends the line and the signature rule can see it.

use super::edges::LineEnds;
use super::{CompiledRule, RuleSet};
use crate::normalize::{is_space, MatchView};

/// Peeling stops after this many rounds, so a pathological line costs a bounded number of scans.
const MAX_ROUNDS: usize = 12;

/// A metadata field a rule captured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Author,
    Email,
    Publisher,
    Date,
}

/// A span of a line that a rule removes (byte offsets into the line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cut {
    pub start: usize,
    pub end: usize,
    /// Index of the rule in the matcher's rule list.
    pub rule: usize,
    /// The text the rule's pattern matched, as evidence.
    pub matched: String,
    pub fields: Vec<(Field, String)>,
}

/// Runs a list of rules over single lines.
pub struct LineMatcher<'r> {
    rules: &'r [CompiledRule],
    prefilter: Option<&'r super::prefilter::Prefilter>,
    work: std::cell::Cell<LineWork>,
    /// The prefilter's result for the line being scanned; its buffers are reused from line to line,
    /// and from document to document on the same thread.
    possible: std::cell::RefCell<super::prefilter::Hits>,
    /// Buffers of the line being scanned, reused from line to line.
    scratch: std::cell::RefCell<Scratch>,
    /// What the regexes found on the blocks of this document (see [`cut_block`](Self::cut_block)).
    memo: std::cell::RefCell<Memo>,
}

/// The matches of rules that matched a block of this document, per (block, rule, window), so that
/// scanning a block again in its head or tail zone does not search again for (and capture the
/// groups of) what the first scan found: a rule's matches depend only on the window's text.
/// (Only the rules that matched are kept: remembering every `is_match` cost more than it saved.)
#[derive(Debug, Default)]
struct Memo {
    found: rustc_hash::FxHashMap<(u32, u32, u32, u32), Recorded>,
}

/// The matches read so far, in order, and whether they are all there are.
#[derive(Debug, Default)]
struct Recorded {
    hits: Vec<Hit>,
    done: bool,
}

/// A match in owned form: spans relative to the searched window.
type Hit = super::MatchSpans;

/// Per-line buffers of a [`LineMatcher`].
#[derive(Debug, Default)]
struct Scratch {
    /// The rules whose regex matches the current window.
    candidates: Vec<usize>,
    /// The windows the last scan ran its rules on: the whole line, then what each round of
    /// peeling left (see [`LineMatcher::may_add`]).
    windows: Vec<(u32, u32)>,
}

thread_local! {
    /// The buffers of the last matcher dropped on this thread, for the next one.
    static SPARE_HITS: std::cell::Cell<super::prefilter::Hits> = Default::default();
}

impl Drop for LineMatcher<'_> {
    fn drop(&mut self) {
        let hits = self.possible.take();
        let _ = SPARE_HITS.try_with(|spare| spare.set(hits));
    }
}

/// What a matcher did, for tests that bound work instead of timing it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct LineWork {
    /// Lines scanned by `cut_line`.
    pub lines: usize,
    /// Regex searches run (after the literal prefilter and zone, length and window checks).
    pub regex_searches: usize,
}

impl<'r> LineMatcher<'r> {
    pub fn new(set: &'r RuleSet) -> Self {
        LineMatcher {
            rules: &set.rules,
            prefilter: Some(&set.prefilter),
            work: Default::default(),
            possible: std::cell::RefCell::new(
                SPARE_HITS.try_with(|s| s.take()).unwrap_or_default(),
            ),
            scratch: Default::default(),
            memo: Default::default(),
        }
    }

    /// A matcher for one rule, used to run its examples.
    pub fn single(rule: &'r CompiledRule) -> Self {
        LineMatcher {
            rules: std::slice::from_ref(rule),
            prefilter: None,
            work: Default::default(),
            possible: Default::default(),
            scratch: Default::default(),
            memo: Default::default(),
        }
    }

    pub fn work(&self) -> LineWork {
        self.work.get()
    }

    fn count(&self, lines: usize, searches: usize) {
        let mut w = self.work.get();
        w.lines += lines;
        w.regex_searches += searches;
        self.work.set(w);
    }

    pub fn rule(&self, index: usize) -> &CompiledRule {
        &self.rules[index]
    }

    /// The rules allowed here whose pattern matches somewhere in `text`, into `out`. The literal
    /// prefilter rules most of them out in one pass; only the rest run their regex. (One `RegexSet`
    /// over all rules was measured 100× slower: its lazy DFA thrashes on the union of bounded
    /// repeats.)
    fn candidates(
        &self,
        text: &str,
        possible: &[usize],
        zone_ok: &impl Fn(&CompiledRule) -> bool,
        out: &mut Vec<usize>,
    ) {
        out.clear();
        let trimmed = text.trim_matches(is_space).len();
        let ends = LineEnds::of(text);
        out.extend(possible.iter().copied().filter(|&i| {
            let rule = &self.rules[i];
            zone_ok(rule) && fits(rule, trimmed) && rule.edges.allow_ends(&ends) && {
                self.count(0, 1);
                rule.is_match(text)
            }
        }));
    }

    /// The `k`-th match of `rule` on `text[w..e]` (`lead`: its one tail match), from the memo
    /// when an earlier scan of the block read it; `live` holds the search when it runs here.
    #[allow(clippy::too_many_arguments)]
    fn hit<'a, 't: 'a>(
        &self,
        rule: &'a CompiledRule,
        index: usize,
        block: Option<u32>,
        text: &'t str,
        (w, e): (usize, usize),
        k: usize,
        live: &mut Option<Found<'a, 't>>,
    ) -> Option<Hit> {
        let key = block.map(|b| (b, index as u32, w as u32, e as u32));
        if let Some(key) = key {
            if let Some(recorded) = self.memo.borrow().found.get(&key) {
                if k < recorded.hits.len() {
                    return Some(recorded.hits[k].clone());
                }
                if recorded.done {
                    return None;
                }
            }
        }
        if live.is_none() {
            self.count(0, 1);
            let mut found = if rule.lead.is_some() {
                Found::Lead(rule.lead_find(&text[w..e]))
            } else {
                Found::All(rule.regex().find_iter(&text[w..e]))
            };
            // Matches already recorded are passed over.
            for _ in 0..k {
                found.next();
            }
            *live = Some(found);
        }
        let next = live
            .as_mut()
            .and_then(|f| f.next())
            .map(|m| rule.read_match(&text[w..e], m));
        if let Some(key) = key {
            let mut memo = self.memo.borrow_mut();
            let recorded = memo.found.entry(key).or_default();
            if recorded.hits.len() == k {
                match &next {
                    Some(hit) => recorded.hits.push(hit.clone()),
                    None => recorded.done = true,
                }
            }
        }
        next
    }

    /// Finds the cuts the rules allowed by `zone_ok` make in `line`, widened over the spaces they
    /// leave behind, sorted and non-overlapping.
    pub fn cut_line(&self, line: &str, zone_ok: impl Fn(&CompiledRule) -> bool) -> Vec<Cut> {
        self.cut_line_known(line, None, zone_ok)
    }

    /// Appends to `out` the rules the literal prefilter let through on the last line
    /// [`cut_line`](Self::cut_line) scanned: a later scan of the same line in another zone passes
    /// them back in instead of running the prefilter again. (Rule sets have at most `u16::MAX`
    /// rules.)
    pub fn append_last_prefiltered(&self, out: &mut Vec<u16>) {
        out.extend(self.possible.borrow().rules.iter().map(|&r| r as u16));
    }

    /// Appends to `out` the windows the last scan ran its rules on (see
    /// [`may_add`](Self::may_add)).
    pub fn append_last_windows(&self, out: &mut Vec<(u32, u32)>) {
        out.extend_from_slice(&self.scratch.borrow().windows);
    }

    /// Like [`cut_line`](Self::cut_line), with the prefilter's result for this line when a
    /// previous scan already computed it.
    pub fn cut_line_known(
        &self,
        line: &str,
        prefiltered: Option<&[u16]>,
        zone_ok: impl Fn(&CompiledRule) -> bool,
    ) -> Vec<Cut> {
        self.cut_view(line, &MatchView::new(line), prefiltered, zone_ok)
    }

    /// Whether scanning a line again with more rules allowed (`newly_ok`: the rules of a zone the
    /// line turned out to stand in) can change what an earlier scan found, given the windows that
    /// scan ran its rules on (`windows`, from [`append_last_windows`](Self::append_last_windows)).
    /// A rescan starts on the same whole line with the same candidates, plus the new rules that
    /// pass the prefilter, the length bound and the edge gates and match. If no new rule passes
    /// those gates on the line, the first round is the same, peels the same window, and so on:
    /// when no new rule passes them on any window the earlier scan reached, the rescan gives the
    /// same cuts, without running a regex to know it.
    pub fn may_add(
        &self,
        view: &MatchView,
        prefiltered: &[u16],
        windows: &[(u32, u32)],
        newly_ok: impl Fn(&CompiledRule) -> bool,
    ) -> bool {
        let text: &str = &view.text;
        let mut new = prefiltered
            .iter()
            .map(|&i| &self.rules[i as usize])
            .filter(|rule| newly_ok(rule))
            .peekable();
        if new.peek().is_none() {
            return false;
        }
        let new: Vec<&CompiledRule> = new.collect();
        windows.iter().any(|&(s, e)| {
            let window = &text[s as usize..e as usize];
            let trimmed = window.trim_matches(is_space).len();
            let ends = LineEnds::of(window);
            new.iter()
                .any(|rule| fits(rule, trimmed) && rule.edges.allow_ends(&ends))
        })
    }

    /// [`cut_line_known`](Self::cut_line_known) on a match view already made for `line`.
    pub fn cut_view(
        &self,
        line: &str,
        view: &MatchView,
        prefiltered: Option<&[u16]>,
        zone_ok: impl Fn(&CompiledRule) -> bool,
    ) -> Vec<Cut> {
        self.scan(None, line, view, prefiltered, zone_ok)
    }

    /// [`cut_view`](Self::cut_view) for block `block` of the document this matcher scans: what
    /// the regexes find is remembered per block, so that a later scan of the block (in its head
    /// or tail zone) searches only what the earlier ones did not.
    pub fn cut_block(
        &self,
        block: usize,
        line: &str,
        view: &MatchView,
        prefiltered: Option<&[u16]>,
        zone_ok: impl Fn(&CompiledRule) -> bool,
    ) -> Vec<Cut> {
        self.scan(Some(block as u32), line, view, prefiltered, zone_ok)
    }

    fn scan(
        &self,
        block: Option<u32>,
        line: &str,
        view: &MatchView,
        prefiltered: Option<&[u16]>,
        zone_ok: impl Fn(&CompiledRule) -> bool,
    ) -> Vec<Cut> {
        self.count(1, 0);
        let text: &str = &view.text;
        // The literal prefilter runs once per line: what it allows on the line is a superset of
        // what it would allow on any window left after peeling.
        let mut possible = self.possible.take();
        match (prefiltered, self.prefilter) {
            (Some(known), _) => {
                possible.rules.clear();
                possible.rules.extend(known.iter().map(|&r| r as usize));
            }
            (None, Some(p)) => p.candidates(text, &mut possible),
            (None, None) => {
                possible.rules.clear();
                possible.rules.extend(0..self.rules.len());
            }
        }
        let mut scratch = self.scratch.take();
        scratch.windows.clear();
        scratch.windows.push((0, text.len() as u32));
        self.candidates(text, &possible.rules, &zone_ok, &mut scratch.candidates);
        if scratch.candidates.is_empty() {
            self.possible.replace(possible);
            self.scratch.replace(scratch);
            return Vec::new();
        }
        let (mut s, mut e) = trim(text, 0, text.len());
        let mut view_cuts: Vec<(usize, usize, Cut)> = Vec::new();
        for _ in 0..MAX_ROUNDS {
            let mut window_changed = false;
            // Every rule gets its turn at the line's end in a round, and the window then ends
            // where the longest end-reaching cut begins: two packs may both claim the end (a
            // copyright with or without the slogan block before it), and the first in pack order
            // must not leave the rest of the other's claim stranded before its cut.
            let mut new_end: Option<usize> = None;
            'rules: for &index in &scratch.candidates {
                let rule = &self.rules[index];
                if !zone_ok(rule) {
                    continue;
                }
                let w = if rule.lead.is_some() {
                    s
                } else {
                    s + (text[s..e].len() - search_window(rule, &text[s..e]).len())
                };
                let mut live = None;
                let mut k = 0;
                while let Some(found) = self.hit(rule, index, block, text, (w, e), k, &mut live) {
                    k += 1;
                    let whole = found.whole;
                    let m = found.cut;
                    // A rule with a lead drops the whole line: the free text before its tail too.
                    let (ms, me) = if rule.lead.is_some() {
                        (s, e)
                    } else {
                        (w + m.0, w + m.1)
                    };
                    if ms == me {
                        continue;
                    }
                    // A span found in an earlier round (inside the line then) is recorded once, but
                    // it may end the window now that what followed it is cut.
                    let recorded = view_cuts.iter().any(|(a, b, _)| *a == ms && *b == me);
                    let (src_s, src_e) = view.source_range(ms, me);
                    let mut fields = Vec::new();
                    for (&(_, field), g) in rule.fields.iter().zip(&found.fields) {
                        if let Some(g) = g {
                            let (a, b) = view.source_range(w + g.0, w + g.1);
                            let value = line[a..b].trim();
                            if !value.is_empty() {
                                fields.push((field, value.to_string()));
                            }
                        }
                    }
                    let (ws, we) = if rule.lead.is_some() {
                        view.source_range(ms, me)
                    } else {
                        view.source_range(w + whole.0, w + whole.1)
                    };
                    if recorded {
                        // The same span from another rule: keep the first rule, add the fields it
                        // did not capture (an e-mail the later signature rule names).
                        if let Some((_, _, cut)) =
                            view_cuts.iter_mut().find(|(a, b, _)| *a == ms && *b == me)
                        {
                            for (field, value) in fields {
                                if !cut.fields.iter().any(|(f, _)| *f == field) {
                                    cut.fields.push((field, value));
                                }
                            }
                        }
                    } else {
                        view_cuts.push((
                            ms,
                            me,
                            Cut {
                                start: src_s,
                                end: src_e,
                                rule: index,
                                matched: line[ws..we].to_string(),
                                fields,
                            },
                        ));
                    }
                    let at_end = text[me..e].chars().all(is_space);
                    let at_start = text[s..ms].chars().all(is_space);
                    if at_end {
                        // A fragment the cut leaves before it (`뉴스1` of `뉴스1[-코리아 무단 전재 …]`)
                        // is not shown to the next rules as the line's end: a caption rule would
                        // take the whole line for a caption credited to it.
                        let before = skip_spaces_backward(text, ms, s);
                        let from = sentence_boundary_before(text, before).max(s);
                        let end = if from < before && is_leading_residue(&text[from..ms]) {
                            from
                        } else {
                            ms
                        };
                        new_end = Some(new_end.map_or(end, |n| n.min(end)));
                        continue 'rules;
                    }
                    if at_start && new_end.is_none() {
                        s = trim(text, me, e).0;
                        window_changed = true;
                        break 'rules;
                    }
                }
            }
            if let Some(end) = new_end {
                e = trim(text, s, end).1;
                window_changed = true;
            }
            if !window_changed || s >= e {
                break;
            }
            scratch.windows.push((s as u32, e as u32));
            self.candidates(
                &text[s..e],
                &possible.rules,
                &zone_ok,
                &mut scratch.candidates,
            );
            if scratch.candidates.is_empty() {
                break;
            }
        }
        self.possible.replace(possible);
        self.scratch.replace(scratch);
        let cuts = view_cuts.into_iter().map(|(_, _, cut)| cut).collect();
        let cuts = split_repeated_credit_names(line, cuts, |i| self.rules[i].spec.class);
        widen(line, absorb_residue(line, normalize_overlaps(cuts)))
    }
}

/// The matches of one rule on a window: the one tail match of a rule with a lead, or every match
/// (spans only: `read_match` reads the groups of the matches that are used).
enum Found<'r, 't> {
    Lead(Option<regex::Match<'t>>),
    All(regex::Matches<'r, 't>),
}

impl<'t> Iterator for Found<'_, 't> {
    type Item = regex::Match<'t>;

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Found::Lead(m) => m.take(),
            Found::All(all) => all.next(),
        }
    }
}

/// A drop-line rule whose pattern cannot match this many bytes cannot cover the line.
pub fn fits(rule: &CompiledRule, trimmed_len: usize) -> bool {
    rule.spec.action != super::Action::DropLine || rule.max_len.is_none_or(|max| trimmed_len <= max)
}

/// The part of `text` a rule needs to search: an end-anchored pattern of bounded length only
/// needs the last `max_len` bytes (widened to a char boundary).
pub fn search_window<'t>(rule: &CompiledRule, text: &'t str) -> &'t str {
    match (rule.end_anchored, rule.max_len) {
        (true, Some(max)) if text.len() > max + 8 => {
            let mut start = text.len() - max - 8;
            while !text.is_char_boundary(start) {
                start -= 1;
            }
            &text[start..]
        }
        _ => text,
    }
}

fn trim(text: &str, mut s: usize, mut e: usize) -> (usize, usize) {
    while s < e {
        let c = text[s..].chars().next().expect("char");
        if !is_space(c) {
            break;
        }
        s += c.len_utf8();
    }
    while e > s {
        let c = text[..e].chars().next_back().expect("char");
        if !is_space(c) {
            break;
        }
        e -= c.len_utf8();
    }
    (s, e)
}

/// Sorts cuts and trims any that overlap an earlier one.
fn normalize_overlaps(mut cuts: Vec<Cut>) -> Vec<Cut> {
    cuts.sort_by_key(|c| (c.start, std::cmp::Reverse(c.end)));
    let mut out: Vec<Cut> = Vec::with_capacity(cuts.len());
    for mut cut in cuts {
        if let Some(prev) = out.last() {
            if cut.end <= prev.end {
                continue;
            }
            cut.start = cut.start.max(prev.end);
        }
        out.push(cut);
    }
    out
}

fn spaces_only(s: &str) -> bool {
    s.chars().all(is_space)
}

fn skip_spaces_forward(line: &str, mut at: usize, limit: usize) -> usize {
    while at < limit {
        let c = line[at..].chars().next().expect("char");
        if !is_space(c) {
            break;
        }
        at += c.len_utf8();
    }
    at
}

fn skip_spaces_backward(line: &str, mut at: usize, limit: usize) -> usize {
    while at > limit {
        let c = line[..at].chars().next_back().expect("char");
        if !is_space(c) {
            break;
        }
        at -= c.len_utf8();
    }
    at
}

/// Widens cuts over the spaces they would leave: a cut that starts the kept text takes the spaces
/// after it, a cut that ends it takes the spaces before it, and a cut between two spaces takes one side.
fn widen(line: &str, mut cuts: Vec<Cut>) -> Vec<Cut> {
    for i in 0..cuts.len() {
        let prev_end = if i == 0 { 0 } else { cuts[i - 1].end };
        let next_start = cuts.get(i + 1).map_or(line.len(), |c| c.start);
        let (start, end) = (cuts[i].start, cuts[i].end);
        if spaces_only(&line[prev_end..start]) {
            cuts[i].start = prev_end;
            cuts[i].end = skip_spaces_forward(line, end, next_start);
        } else if spaces_only(&line[end..next_start]) {
            cuts[i].end = next_start;
            cuts[i].start = skip_spaces_backward(line, start, prev_end);
        } else {
            let before = line[..start].chars().next_back().is_some_and(is_space);
            let after = line[end..].chars().next().is_some_and(is_space);
            if before && after {
                cuts[i].end = skip_spaces_forward(line, end, next_start);
            }
        }
    }
    cuts
}

/// The line with the cuts removed. An empty string means the line goes entirely.
pub fn apply_cuts(line: &str, cuts: &[Cut]) -> String {
    if cuts.is_empty() {
        return line.to_string();
    }
    let mut out = String::with_capacity(line.len());
    let mut at = 0;
    for cut in cuts {
        out.push_str(&line[at..cut.start]);
        at = cut.end;
    }
    out.push_str(&line[at..]);
    if is_husk(&out) {
        String::new()
    } else {
        out
    }
}

/// What a link-stripped footer leaves behind (`()`, `[]`, ` , `): no letters or digits, a few chars.
pub fn is_husk(rest: &str) -> bool {
    !rest.chars().any(char::is_alphanumeric) && rest.chars().filter(|c| !is_space(*c)).count() <= 4
}

/// Particles that end a Korean subject or object: a credited name that ends in one has swallowed the
/// start of the next sentence.
const PARTICLES: &[char] = &[
    '가', '는', '은', '를', '을', '의', '에', '와', '과', '도', '로',
];

/// A picture credit glued to the next sentence often repeats its name as that sentence's subject
/// (`/사진=카카오카카오가 …`): the credit ends where the repeat starts. Without a repeat, a credited
/// name that ends in a particle took a word of the sentence, so the cut is dropped (kept text is
/// the safe side).
fn split_repeated_credit_names(
    line: &str,
    cuts: Vec<Cut>,
    class_of: impl Fn(usize) -> crate::class::Class,
) -> Vec<Cut> {
    cuts.into_iter()
        .filter_map(|mut cut| {
            if class_of(cut.rule) != crate::class::Class::Credit {
                return Some(cut);
            }
            let text = &line[cut.start..cut.end];
            let word_start = text
                .char_indices()
                .rev()
                // `ⓒ` counts as a letter in Unicode but never starts a name.
                .find(|&(_, c)| !(is_hangul(c) || c.is_ascii_alphanumeric()))
                .map_or(0, |(i, c)| i + c.len_utf8());
            let word = &text[word_start..];
            let chars: Vec<(usize, char)> = word.char_indices().collect();
            if chars.len() < 3 {
                return Some(cut);
            }
            if chars.iter().all(|&(_, c)| is_hangul(c)) {
                for &(at, _) in &chars[2..=chars.len() / 2] {
                    let (head, rest) = word.split_at(at);
                    if rest.starts_with(head) {
                        cut.end = cut.start + word_start + head.len();
                        cut.matched = line[cut.start..cut.end].to_string();
                        return Some(cut);
                    }
                }
            }
            // Names are two to four syllables (`이지은` ends like a particle too): only a longer word,
            // or one where Latin letters run into Hangul (`한경DB회사는`), took the next subject.
            let ends_in_particle = chars.last().is_some_and(|&(_, c)| PARTICLES.contains(&c));
            let script_change = chars
                .windows(2)
                .any(|w| w[0].1.is_ascii_alphanumeric() && is_hangul(w[1].1));
            (!(ends_in_particle && (chars.len() >= 5 || script_change))).then_some(cut)
        })
        .collect()
}

fn is_hangul(c: char) -> bool {
    ('가'..='힣').contains(&c)
}

/// At most this many chars (and words) of text beside a cut are read as a piece of its boilerplate.
const RESIDUE_CHARS: usize = 20;
const RESIDUE_WORDS: usize = 3;

/// A piece of boilerplate that a cut left beside it goes with the cut, so that no line is left
/// holding only a fragment: before a cut that ends the line, a short name that does not conjugate
/// (`뉴스1` of `뉴스1[-코리아 무단 전재 및 재배포 금지-]`, `1 연예뉴스 24`, a slogan's outlet); after a
/// cut, up to the line's end or the next cut, a piece that starts with a joining mark (`=서진욱`)
/// or holds no letters at all (`24`, `()`).
fn absorb_residue(line: &str, mut cuts: Vec<Cut>) -> Vec<Cut> {
    for i in 0..cuts.len() {
        let next = cuts.get(i + 1).map_or(line.len(), |c| c.start);
        if is_trailing_residue(&line[cuts[i].end..next]) {
            cuts[i].end = next;
        }
        // Only spaces and later cuts stand between this cut and the line's end.
        let reaches_end = (i..cuts.len()).all(|j| {
            let next = cuts.get(j + 1).map_or(line.len(), |c| c.start);
            spaces_only(&line[cuts[j].end.min(next)..next])
        });
        let prev = if i == 0 { 0 } else { cuts[i - 1].end };
        // The piece before the cut, across the spaces that separate it (a double space is a block
        // break in punctuation-stripped copies: `뉴시스  저작권자 … 금지`).
        let at = skip_spaces_backward(line, cuts[i].start, prev);
        let from = sentence_boundary_before(line, at).max(prev);
        if (reaches_end || i > 0 && from == prev)
            && from < at
            && is_leading_residue(&line[from..cuts[i].start])
        {
            cuts[i].start = from;
        }
    }
    cuts
}

/// Where the text piece ending at `at` starts: after the last sentence end (`.`, `!`, `?`, `。`,
/// maybe followed by a closing quote) or run of two spaces before `at`, or the line's start.
fn sentence_boundary_before(line: &str, at: usize) -> usize {
    let before = &line[..at];
    let mut prev: Option<char> = None;
    for (i, c) in before.char_indices().rev() {
        let after = i + c.len_utf8();
        // A full stop inside an address or a number (`donga.com`, `3.5`) ends nothing.
        if matches!(c, '.' | '!' | '?' | '。') && prev.is_none_or(|p| !p.is_ascii_alphanumeric()) {
            return after;
        }
        if is_space(c) && prev.is_some_and(is_space) {
            return after + prev.map_or(0, char::len_utf8);
        }
        prev = Some(c);
    }
    0
}

/// Short, a few words, no verb ending or case particle, no address, no CJK sentence.
fn is_leading_residue(piece: &str) -> bool {
    let piece = piece.trim_matches(is_space);
    if piece.is_empty()
        || piece.chars().count() > RESIDUE_CHARS
        || piece.contains(['@', '/', '.', '。', '、'])
        || piece.chars().any(is_cjk_or_kana)
        || has_digit_run(piece, 4)
    {
        return false;
    }
    let words: Vec<&str> = piece.split(is_space).filter(|w| !w.is_empty()).collect();
    // A verb ending or a case particle makes the piece a part of a sentence, not of boilerplate.
    let in_sentence = words.iter().any(|w| {
        let w = w.trim_end_matches(|c: char| !c.is_alphanumeric());
        w.ends_with(['다', '요', '죠', '까']) || w.chars().count() >= 2 && w.ends_with(PARTICLES)
    });
    let latin_words = words
        .iter()
        .filter(|w| w.chars().filter(char::is_ascii_lowercase).count() >= 3)
        .count();
    words.len() <= RESIDUE_WORDS && !in_sentence && latin_words < 2
}

/// A run of `len` digits is a year, a time stamp's date or a number of the text (`October 2, 2012,`
/// before a comment's `| Permalink`), never the short masthead or slogan a cut leaves behind.
fn has_digit_run(piece: &str, len: usize) -> bool {
    piece
        .split(|c: char| !c.is_ascii_digit())
        .any(|run| run.len() >= len)
}

fn is_trailing_residue(piece: &str) -> bool {
    let piece = piece.trim_matches(is_space);
    let joined = piece.starts_with(['=', '-', '|', '·', ':']);
    !piece.is_empty()
        && piece.chars().count() <= RESIDUE_CHARS
        && (joined && is_leading_residue(piece.trim_start_matches(['=', '-', '|', '·', ':']))
            || !piece.chars().any(char::is_alphabetic))
}

fn is_cjk_or_kana(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
}
