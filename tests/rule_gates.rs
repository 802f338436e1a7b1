//! The cheap checks that run before a rule's regex — the literal prefilter and the edge-char gates —
//! must never rule out a line the regex matches. Checked on every line of the corpus (and the
//! same lines with spaces and punctuation around them), for every built-in rule.

mod common;

use paraclean::normalize::MatchView;
use paraclean::rules::prefilter::Hits;
use paraclean::{Cleaner, Config};

#[test]
fn gates_never_rule_out_a_line_the_regex_matches() {
    let cleaner = Cleaner::new(Config::default()).unwrap();
    let rules = &cleaner.rules().rules;
    let lines = common::rule_probe_lines(rules);
    assert!(lines.len() > 10_000, "{} lines", lines.len());
    let mut hits = Hits::default();
    let mut checked = 0;
    for line in &lines {
        for variant in [
            line.clone(),
            format!("  {line} "),
            format!("{line}."),
            format!("▶ {line}"),
        ] {
            let view = MatchView::new(&variant);
            let text: &str = &view.text;
            cleaner.rules().prefilter.candidates(text, &mut hits);
            for (i, rule) in rules.iter().enumerate() {
                let prefiltered = hits.rules.binary_search(&i).is_ok();
                let edges = rule.edges.allow(text);
                if prefiltered && edges {
                    continue;
                }
                // Only the pairs a gate rules out need the regex: it must not match either.
                checked += 1;
                assert!(
                    !rule.is_match(text),
                    "{} matches {text:?} but the {} ruled it out",
                    rule.spec.id,
                    if prefiltered {
                        "edge gate"
                    } else {
                        "prefilter"
                    }
                );
            }
        }
    }
    assert!(checked > 1_000_000, "{checked} pairs checked");
}

/// A head or tail rescan that `LineMatcher::may_add` rules out (no rule of the new zone passes
/// the gates on any window the earlier scan reached) would give exactly the earlier scan's cuts.
/// Checked on every corpus line for head, tail, and head-then-tail rescans; the rescans that do
/// run are counted, so that the check is not vacuous. Scans of a block that reuse what earlier
/// scans of it found (`cut_block`) give what fresh scans give.
#[test]
fn a_rescan_that_may_add_rules_out_changes_nothing() {
    use paraclean::rules::{CompiledRule, LineMatcher, Zone};
    let cleaner = Cleaner::new(Config::default()).unwrap();
    let matcher = LineMatcher::new(cleaner.rules());
    let lines = common::rule_probe_lines(&cleaner.rules().rules);
    let zones = |head: bool, tail: bool| {
        move |r: &CompiledRule| match r.spec.zone {
            Zone::Anywhere => true,
            Zone::Head => head,
            Zone::Tail => tail,
        }
    };
    let (mut skipped, mut rescanned) = (0, 0);
    let remembering = LineMatcher::new(cleaner.rules());
    for (block, line) in lines.iter().enumerate() {
        let view = MatchView::new(line);
        let base = matcher.cut_view(line, &view, None, zones(false, false));
        // The same scans through the per-block memo: first pass, head, tail, head and tail.
        for (head, tail) in [(false, false), (true, false), (false, true), (true, true)] {
            assert_eq!(
                remembering.cut_block(block, line, &view, None, zones(head, tail)),
                matcher.cut_view(line, &view, None, zones(head, tail)),
                "memo, head {head}, tail {tail}: {line:?}"
            );
        }
        let base = {
            let again = matcher.cut_view(line, &view, None, zones(false, false));
            assert_eq!(again, base);
            again
        };
        let (mut known, mut windows) = (Vec::new(), Vec::new());
        matcher.append_last_prefiltered(&mut known);
        matcher.append_last_windows(&mut windows);
        // Head, then tail on top of the head scan (or of the first scan when it was skipped).
        let head_new = |r: &CompiledRule| r.spec.zone == Zone::Head;
        let tail_new = |r: &CompiledRule| r.spec.zone == Zone::Tail;
        let (head_cuts, head_windows) = if matcher.may_add(&view, &known, &windows, head_new) {
            rescanned += 1;
            let cuts = matcher.cut_view(line, &view, Some(&known), zones(true, false));
            let mut w = Vec::new();
            matcher.append_last_windows(&mut w);
            (cuts, w)
        } else {
            skipped += 1;
            let cuts = matcher.cut_view(line, &view, Some(&known), zones(true, false));
            assert_eq!(cuts, base, "head rescan of {line:?}");
            (base.clone(), windows.clone())
        };
        for (before, before_windows, head) in
            [(&base, &windows, false), (&head_cuts, &head_windows, true)]
        {
            if !matcher.may_add(&view, &known, before_windows, tail_new) {
                skipped += 1;
                let cuts = matcher.cut_view(line, &view, Some(&known), zones(head, true));
                assert_eq!(&cuts, before, "tail rescan (head: {head}) of {line:?}");
            } else {
                rescanned += 1;
            }
        }
    }
    assert!(
        skipped > 5_000 && rescanned > 100,
        "{skipped} skipped, {rescanned} rescanned"
    );
}
