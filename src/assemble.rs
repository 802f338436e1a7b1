//! Applies the detectors' decisions: writes the clean text and one removal record per removed piece,
//! from the same decisions, so the report can never disagree with the output.

use crate::class::Class;
use crate::rules::Cut;
use crate::segment::Segmented;
use crate::{Reason, Removal};

/// A detector's verdict on a whole block (what is left of it after rule cuts).
#[derive(Debug, Clone)]
pub struct WholeBlock {
    pub class: Class,
    pub reason: Reason,
}

/// What happens to one block.
pub struct BlockPlan<'a> {
    /// Rule cuts inside the line, with the class and reason of each.
    pub cuts: Vec<(Cut, Class, Reason)>,
    /// The rule cuts leave nothing (or only a husk such as `()`).
    pub dropped_by_cuts: bool,
    /// What is left of the line after the cuts.
    pub rest: std::borrow::Cow<'a, str>,
    /// The rest goes too (duplicate, after a cut-tail rule, list item under a box title).
    pub whole: Option<WholeBlock>,
}

impl BlockPlan<'_> {
    pub fn kept(&self) -> bool {
        !self.dropped_by_cuts && self.whole.is_none()
    }
}

/// Withdraws the whole-block verdicts whose class the user keeps (`Config::keep`). Run after each
/// detector, so that the next one sees the block as standing.
pub fn honour_keep(plans: &mut [BlockPlan], keep: &[Class]) {
    if keep.is_empty() {
        return;
    }
    for plan in plans {
        if plan.whole.as_ref().is_some_and(|w| keep.contains(&w.class)) {
            plan.whole = None;
        }
    }
}

/// Builds the output text and the removal list.
pub fn assemble(doc: &str, seg: &Segmented, mut plans: Vec<BlockPlan>) -> (String, Vec<Removal>) {
    let blocks = &seg.blocks;
    let mut removals = Vec::new();
    for (block, plan) in blocks.iter().zip(&mut plans) {
        let line = block.text(doc);
        // The cuts' reasons move into the removals (only `kept` and `rest` are read below).
        let mut spans: Vec<(usize, usize, Class, Reason)> = std::mem::take(&mut plan.cuts)
            .into_iter()
            .map(|(c, class, reason)| (c.start, c.end, class, reason))
            .collect();
        if plan.dropped_by_cuts {
            // Whatever husk the cuts left (`()`, `[]`) goes with its neighbouring cut.
            if let Some(first) = spans.first_mut() {
                first.0 = 0;
            }
            for i in 0..spans.len() {
                let next = spans.get(i + 1).map_or(line.len(), |s| s.0);
                spans[i].1 = next;
            }
        } else if let Some(whole) = &plan.whole {
            let mut at = 0;
            let mut kept_pieces = Vec::new();
            for (s, e, ..) in &spans {
                if *s > at {
                    kept_pieces.push((at, *s));
                }
                at = *e;
            }
            if at < line.len() {
                kept_pieces.push((at, line.len()));
            }
            for (s, e) in kept_pieces {
                if !line[s..e].chars().all(crate::normalize::is_space) {
                    spans.push((s, e, whole.class, whole.reason.clone()));
                }
            }
            spans.sort_by_key(|s| s.0);
        }
        for (s, e, class, reason) in spans {
            removals.push(Removal {
                line: block.line,
                start: block.start + s,
                end: block.start + e,
                char_start: 0,
                char_end: 0,
                text: line[s..e].to_string(),
                class,
                reason,
            });
        }
    }
    fill_char_offsets(doc, &mut removals);

    let kept: Vec<usize> = (0..blocks.len()).filter(|&i| plans[i].kept()).collect();
    let mut out = String::with_capacity(doc.len());
    if kept.is_empty() {
        return (out, removals);
    }
    out.push_str(&doc[..seg.prefix_end]);
    for (j, &i) in kept.iter().enumerate() {
        out.push_str(&plans[i].rest);
        let separator = match kept.get(j + 1) {
            // Between two kept blocks: the widest break that stood anywhere between them, so a
            // paragraph break survives the removal of the lines around it.
            Some(&next) => blocks[i..next]
                .iter()
                .max_by_key(|b| (b.separator_breaks(doc), std::cmp::Reverse(b.start)))
                .map_or("", |b| b.separator(doc)),
            // After the last kept block: the document ends the way the input ended.
            None => blocks.last().map_or("", |b| b.separator(doc)),
        };
        out.push_str(separator);
    }
    (out, removals)
}

/// Char offsets for removals sorted by byte offset, in one pass over the document.
fn fill_char_offsets(doc: &str, removals: &mut [Removal]) {
    let (mut byte, mut chars) = (0usize, 0usize);
    let mut advance = |to: usize| {
        if to >= byte {
            chars += doc[byte..to].chars().count();
        } else {
            chars -= doc[to..byte].chars().count();
        }
        byte = to;
        chars
    };
    for r in removals.iter_mut() {
        r.char_start = advance(r.start);
        r.char_end = advance(r.end);
    }
}
