//! Rule packs over a whole document: zones decide which rules may fire on which block.
//!
//! - head zone: the first `head_blocks` blocks (bylines, datelines, portal headers);
//! - tail zone: from the footer anchor on. The anchor is the first block cut by an `anchor` rule
//!   (copyright, portal UI, signature) that stands late in the document: after a third of its blocks
//!   or after half of its characters. Tail rules (related-headline lists) fire only there, so the same
//!   list shape in the middle of an article stays.

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
}

pub fn detect(doc: &str, blocks: &[Block], matcher: &LineMatcher, head_blocks: usize) -> RuleHits {
    let n = blocks.len();
    let mut hits = RuleHits {
        cuts: Vec::with_capacity(n),
        dropped: Vec::with_capacity(n),
        ..Default::default()
    };
    let total_chars: usize = blocks.iter().map(|b| b.end - b.start).sum();
    let mut chars_before = 0usize;
    for (i, block) in blocks.iter().enumerate() {
        let line = block.text(doc);
        let in_head = i < head_blocks;
        let cuts = matcher.cut_line(line, |rule| zone_allows(rule, in_head, false));
        if hits.tail_start.is_none()
            && (i * 3 >= n || chars_before * 2 >= total_chars)
            && i > 0
            && cuts.iter().any(|c| matcher.rule(c.rule).spec.anchor)
        {
            hits.tail_start = Some(i);
        }
        chars_before += block.end - block.start;
        hits.dropped.push(apply_cuts(line, &cuts).is_empty() && !cuts.is_empty());
        hits.cuts.push(cuts);
    }
    if let Some(tail) = hits.tail_start {
        for i in tail..n {
            if hits.dropped[i] {
                continue;
            }
            let line = blocks[i].text(doc);
            let in_head = i < head_blocks;
            let cuts = matcher.cut_line(line, |rule| zone_allows(rule, in_head, true));
            if let Some(c) = cuts.iter().find(|c| matcher.rule(c.rule).spec.action == Action::CutTail) {
                hits.cut_tail = Some((i, c.rule));
            }
            hits.dropped[i] = !cuts.is_empty() && apply_cuts(line, &cuts).is_empty();
            hits.cuts[i] = cuts;
            if hits.cut_tail.is_some() {
                break;
            }
        }
    }
    hits
}

fn zone_allows(rule: &CompiledRule, in_head: bool, in_tail: bool) -> bool {
    match rule.spec.zone {
        Zone::Anywhere => true,
        Zone::Head => in_head,
        Zone::Tail => in_tail,
    }
}
