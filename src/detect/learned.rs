//! Learned per-source templates as a detector: marks the blocks a learned table knows.

use crate::assemble::{BlockPlan, WholeBlock};
use crate::class::Class;
use crate::learn;
use crate::report::Reason;
use crate::segment;

/// Marks the blocks that a learned table knows as templates of `source`.
///
/// A block whose exact key is frequent goes wherever it stands (a prose-like block needs the larger
/// `prose_share`, see [`learn::Thresholds`]). A block matched only by a *shape* (digits, links,
/// headline or a name slot masked) goes only outside the article body — before the first or after
/// the last block of prose that the table does not know — because a shape such as `▶ <headline>`
/// also fits a list that is part of the story; a list-item shape goes only in a run of two or more.
pub fn mark(
    model: &learn::LearnedModel,
    source: &str,
    doc: &str,
    seg: &segment::Segmented,
    plans: &mut [BlockPlan],
) {
    let evidence: Vec<Option<learn::Evidence>> = seg
        .blocks
        .iter()
        .zip(plans.iter())
        .map(|(block, plan)| {
            if plan.kept() {
                model.evidence(source, block.text(doc))
            } else {
                None
            }
        })
        .collect();
    let is_body = |i: usize| {
        let plan = &plans[i];
        plan.kept()
            && evidence[i].is_none()
            && learn::fingerprint::ends_like_sentence(&plan.rest)
            && plan
                .rest
                .trim()
                .chars()
                .nth(model.thresholds().prose_chars)
                .is_some()
    };
    let first_body = (0..plans.len()).find(|&i| is_body(i));
    let last_body = (0..plans.len()).rev().find(|&i| is_body(i));
    let is_list = |i: Option<usize>| {
        i.and_then(|i| evidence.get(i))
            .is_some_and(|e| e.is_some_and(|e| e.kind == learn::Kind::List))
    };
    for (i, ev) in evidence.iter().enumerate() {
        let Some(ev) = *ev else { continue };
        let in_body = matches!((first_body, last_body), (Some(a), Some(b)) if a < i && i < b);
        if ev.kind != learn::Kind::Key && in_body {
            continue;
        }
        // A list item shape (`▶ <t>`, `1. <t>`) fits a lone headline (a title) too: only runs of
        // items go, or an item in the tail right after another learned block (its box title).
        let after_learned = i > 0 && evidence[i - 1].is_some() && last_body.is_some_and(|b| i > b);
        if ev.kind == learn::Kind::List
            && !is_list(i.checked_sub(1))
            && !is_list(Some(i + 1))
            && !after_learned
        {
            continue;
        }
        plans[i].whole = Some(WholeBlock {
            class: Class::Learned,
            reason: Reason::Learned {
                source: source.to_string(),
                kind: ev.kind,
                docs: ev.docs,
                source_docs: ev.source_docs,
            },
        });
    }
}
