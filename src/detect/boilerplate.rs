//! Rule packs over a whole document: zones decide which rules may fire on which block.
//!
//! - head zone: the first `head_blocks` blocks, and on to the first paragraph of the body (the first
//!   block of at least `BODY_CHARS` chars) when portal chrome pushes it further down — that is where
//!   bylines and dateline headers stand — but never past `MAX_HEAD` blocks;
//! - tail zone: from the footer anchor on. The anchor is the first block cut by an `anchor` rule
//!   (copyright, portal UI, signature) that stands late in the document (after a third of its blocks
//!   or half of its characters) and after which no long block of article text follows. Tail rules
//!   (related-headline lists) fire only there, so the same list shape in the article body stays.

use crate::normalize::MatchView;
use crate::rules::{apply_cuts, Action, CompiledRule, Cut, LineMatcher, Zone};
use crate::segment::Block;

/// What the rules decided for each block.
#[derive(Debug, Default)]
pub struct RuleHits {
    /// Cuts per block (byte offsets within the block's line).
    pub cuts: Vec<Vec<Cut>>,
    /// Whether the cuts remove the whole block.
    pub dropped: Vec<bool>,
    /// Index of the block where the tail zone starts, if a footer anchor was found.
    pub tail_start: Option<usize>,
    /// A `cut-tail` rule fired on this block: it and everything after it go.
    pub cut_tail: Option<(usize, usize)>,
    /// Headline lines under a box title: (block, title block, rule of the title).
    pub list_items: Vec<(usize, usize, usize)>,
    /// Blocks before this index formed the head zone.
    pub head_end: usize,
    /// Regex searches of the head and tail rescans: (block, searches).
    pub rescan_searches: Vec<(usize, u32)>,
}

/// A related-headline list under a box title has at most this many items.
const MAX_LIST: usize = 30;
/// A list item is at most this many chars long.
const LIST_ITEM_CHARS: usize = 120;

/// Short lines that read like a linked headline: not a sentence (`…다.`, or ten words or more
/// closed by a full stop: a teaser under a headline, or the story itself again), and not a label
/// that introduces something else (`Hungry says:`, a comment thread after the box).
fn headline_like(text: &str) -> bool {
    let t = text.trim();
    if t.is_empty() || t.chars().nth(LIST_ITEM_CHARS).is_some() || t.ends_with("다.") {
        return false;
    }
    let full_stop = (t.ends_with('.') && !t.ends_with("..")) || t.ends_with('。');
    let sentence = full_stop && t.split_whitespace().count() >= SENTENCE_WORDS;
    !sentence && !t.ends_with(':')
}

/// A line of this many words or more that ends in a full stop is a sentence, not a headline
/// (two-sentence headlines such as `The flu shot is not perfect. Get it anyway.` are shorter).
const SENTENCE_WORDS: usize = 10;

/// A section heading rather than a linked headline: at most three words and no list separator.
fn heading_like(text: &str) -> bool {
    let t = text.trim();
    t.split_whitespace().count() <= 3 && !t.contains(['·', '|', '•', ','])
}

/// A block this long (in chars) is body text: it ends the head zone and stops a tail zone.
const BODY_CHARS: usize = 100;
/// The head zone never reaches past this many blocks.
const MAX_HEAD: usize = 40;

pub fn char_len(text: &str) -> usize {
    if text.len() < BODY_CHARS {
        text.chars().count()
    } else {
        text.char_indices()
            .nth(BODY_CHARS)
            .map_or(text.chars().count(), |_| BODY_CHARS)
    }
}

/// Whether the cuts drop the whole line, and the length (in chars, up to `BODY_CHARS`) of what
/// they leave. Most lines have no cut: they are measured in place, without a copy.
fn what_is_left(line: &str, cuts: &[Cut]) -> (bool, usize) {
    if cuts.is_empty() {
        return (false, char_len(line));
    }
    let rest = apply_cuts(line, cuts);
    (rest.is_empty(), char_len(&rest))
}

/// The `anywhere` rules over every block: the part of detection that does not depend on zones,
/// computed once per document and reused when a later round grows the head zone.
#[derive(Debug, Clone)]
pub struct FirstPass<'d> {
    /// Each block's match view, made once for all scans of the document.
    views: Vec<MatchView<'d>>,
    cuts: Vec<Vec<Cut>>,
    dropped: Vec<bool>,
    rests: Vec<usize>,
    /// The rules the literal prefilter let through on each block (flattened; `prefiltered_at[i]`
    /// is where block `i`'s list starts), so that head and tail scans skip the prefilter.
    prefiltered: Vec<u16>,
    prefiltered_at: Vec<u32>,
    /// The windows the scan of each block ran its rules on (flattened like `prefiltered`).
    windows: Vec<(u32, u32)>,
    windows_at: Vec<u32>,
    /// Regex searches run on each block.
    pub searches: Vec<u32>,
}

impl FirstPass<'_> {
    fn prefiltered(&self, block: usize) -> &[u16] {
        let end = self
            .prefiltered_at
            .get(block + 1)
            .map_or(self.prefiltered.len(), |&e| e as usize);
        &self.prefiltered[self.prefiltered_at[block] as usize..end]
    }

    fn windows(&self, block: usize) -> &[(u32, u32)] {
        let end = self
            .windows_at
            .get(block + 1)
            .map_or(self.windows.len(), |&e| e as usize);
        &self.windows[self.windows_at[block] as usize..end]
    }
}

pub fn first_pass<'d>(doc: &'d str, blocks: &[Block], matcher: &LineMatcher) -> FirstPass<'d> {
    let n = blocks.len();
    let mut pass = FirstPass {
        views: Vec::with_capacity(n),
        cuts: Vec::with_capacity(n),
        dropped: Vec::with_capacity(n),
        rests: Vec::with_capacity(n),
        prefiltered: Vec::new(),
        prefiltered_at: Vec::with_capacity(n),
        windows: Vec::with_capacity(n),
        windows_at: Vec::with_capacity(n),
        searches: Vec::with_capacity(n),
    };
    for block in blocks {
        let line = block.text(doc);
        let view = MatchView::new(line);
        let before = matcher.work().regex_searches;
        let cuts = matcher.cut_block(pass.views.len(), line, &view, None, |rule| {
            zone_allows(rule, false, false)
        });
        pass.views.push(view);
        pass.searches
            .push((matcher.work().regex_searches - before) as u32);
        pass.prefiltered_at.push(pass.prefiltered.len() as u32);
        matcher.append_last_prefiltered(&mut pass.prefiltered);
        pass.windows_at.push(pass.windows.len() as u32);
        matcher.append_last_windows(&mut pass.windows);
        let (dropped, rest) = what_is_left(line, &cuts);
        pass.dropped.push(dropped);
        pass.rests.push(rest);
        pass.cuts.push(cuts);
    }
    pass
}

/// Runs the rules over a document, starting from its [`first_pass`]. `also_gone` marks blocks that
/// later stages removed (duplicates) in an earlier round, so the head zone is counted in blocks
/// that really survive.
pub fn detect(
    doc: &str,
    blocks: &[Block],
    matcher: &LineMatcher,
    head_blocks: usize,
    also_gone: &[bool],
    first: &FirstPass,
) -> RuleHits {
    let n = blocks.len();
    let mut hits = RuleHits {
        cuts: first.cuts.clone(),
        dropped: first.dropped.clone(),
        ..Default::default()
    };
    let mut rests: Vec<usize> = first.rests.clone();
    // The windows of the blocks scanned again as head blocks: (block, windows).
    let mut head_windows: Vec<(usize, Vec<(u32, u32)>)> = Vec::new();
    // The head zone is counted in blocks that survive, and grown until it is stable, so that
    // cleaning a cleaned document finds the same head (cleaning is idempotent).
    let mut head_end = 0;
    loop {
        let gone: Vec<bool> = hits
            .dropped
            .iter()
            .zip(also_gone)
            .map(|(a, b)| *a || *b)
            .collect();
        let target = head_end_for(&gone, &rests, head_blocks);
        if target <= head_end {
            break;
        }
        for i in head_end..target {
            let line = blocks[i].text(doc);
            let known = first.prefiltered(i);
            // Only the head rules are new here: where none of them can join, the line comes out
            // as the first pass left it.
            if !matcher.may_add(&first.views[i], known, first.windows(i), |rule| {
                rule.spec.zone == Zone::Head
            }) {
                continue;
            }
            let before = matcher.work().regex_searches;
            let cuts = matcher.cut_block(i, line, &first.views[i], Some(known), |rule| {
                zone_allows(rule, true, false)
            });
            let mut windows = Vec::new();
            matcher.append_last_windows(&mut windows);
            head_windows.push((i, windows));
            hits.rescan_searches
                .push((i, (matcher.work().regex_searches - before) as u32));
            (hits.dropped[i], rests[i]) = what_is_left(line, &cuts);
            hits.cuts[i] = cuts;
        }
        head_end = target;
    }
    hits.head_end = head_end;
    let total_chars: usize = blocks.iter().map(|b| b.end - b.start).sum();
    let mut chars_before = 0usize;
    let mut anchors: Option<usize> = None;
    for (i, block) in blocks.iter().enumerate() {
        let late = i * 3 >= n || chars_before * 2 >= total_chars;
        if late
            && i > 0
            && anchors.is_none()
            && hits.cuts[i]
                .iter()
                .any(|c| matcher.rule(c.rule).spec.anchor)
        {
            anchors = Some(i);
        }
        chars_before += block.end - block.start;
        if rests[i] >= BODY_CHARS && anchors.is_some_and(|a| a < i) {
            // Article text after the anchor: that anchor was not the footer; look for a later one.
            anchors = None;
        }
    }
    hits.tail_start = anchors;
    if let Some(tail) = hits.tail_start {
        for i in tail + 1..n {
            if hits.dropped[i] {
                continue;
            }
            let line = blocks[i].text(doc);
            let in_head = i < head_end;
            let known = first.prefiltered(i);
            // Likewise only the tail rules are new (the head scan, if any, is in `hits`).
            let windows = head_windows
                .iter()
                .find(|(b, _)| *b == i)
                .map_or(first.windows(i), |(_, w)| w.as_slice());
            if !matcher.may_add(&first.views[i], known, windows, |rule| {
                rule.spec.zone == Zone::Tail
            }) {
                continue;
            }
            let before = matcher.work().regex_searches;
            let cuts = matcher.cut_block(i, line, &first.views[i], Some(known), |rule| {
                zone_allows(rule, in_head, true)
            });
            hits.rescan_searches
                .push((i, (matcher.work().regex_searches - before) as u32));
            (hits.dropped[i], rests[i]) = what_is_left(line, &cuts);
            if let Some(c) = cuts
                .iter()
                .find(|c| matcher.rule(c.rule).spec.action == Action::CutTail)
            {
                hits.cut_tail = Some((i, c.rule));
            }
            hits.cuts[i] = cuts;
            if hits.cut_tail.is_some() {
                break;
            }
        }
    }
    mark_lists(doc, blocks, matcher, &mut hits);
    hits
}

/// The headline lines right after a box-title line go with it, up to the first line that is not
/// headline-like (long, or a Korean sentence).
fn mark_lists(doc: &str, blocks: &[Block], matcher: &LineMatcher, hits: &mut RuleHits) {
    let end = hits.cut_tail.map_or(blocks.len(), |(at, _)| at);
    let mut i = 0;
    while i < end {
        let title_rule = hits.dropped[i]
            .then(|| {
                hits.cuts[i]
                    .iter()
                    .find(|c| matcher.rule(c.rule).spec.opens_list)
            })
            .flatten()
            .map(|c| c.rule);
        let Some(rule) = title_rule else {
            i += 1;
            continue;
        };
        let mut items = Vec::new();
        let mut j = i + 1;
        while j < end && items.len() < MAX_LIST {
            if hits.dropped[j] {
                j += 1;
                continue;
            }
            if !headline_like(blocks[j].text(doc)) {
                break;
            }
            items.push((j, i, rule));
            j += 1;
        }
        // Before the tail, one line of a word or three under `Read more` and then the story again
        // is the next section's heading (`THE COUNCILS' CASE`, `UEFA Cup`), not a linked headline.
        let in_tail = hits.tail_start.is_some_and(|t| i >= t);
        let lone_heading = items.len() == 1 && heading_like(blocks[items[0].0].text(doc));
        if in_tail || !lone_heading {
            hits.list_items.extend(items);
        }
        i = j.max(i + 1);
    }
}

/// The head ends after the `head_blocks`-th surviving block, or after the first surviving block of
/// body text if that comes later, but never past `MAX_HEAD` surviving blocks.
pub fn head_end_for(dropped: &[bool], rests: &[usize], head_blocks: usize) -> usize {
    let surviving: Vec<usize> = (0..dropped.len())
        .filter(|&i| !dropped[i])
        .take(MAX_HEAD)
        .collect();
    let after_k = surviving
        .get(head_blocks.saturating_sub(1))
        .map_or(dropped.len(), |&i| i + 1);
    let after_body = surviving
        .iter()
        .find(|&&i| rests[i] >= BODY_CHARS)
        .map_or(0, |&i| i + 1);
    after_k.max(after_body)
}

fn zone_allows(rule: &CompiledRule, in_head: bool, in_tail: bool) -> bool {
    match rule.spec.zone {
        Zone::Anywhere => true,
        Zone::Head => in_head,
        Zone::Tail => in_tail,
    }
}
