//! The cheap checks that run before a rule's regex — the literal prefilter and the edge-char gates —
//! must never rule out a line the regex matches. Checked on every line of the corpus (and the
//! same lines with spaces and punctuation around them), for every built-in rule.

use paraclean::normalize::MatchView;
use paraclean::rules::prefilter::Hits;
use paraclean::{Cleaner, Config};
use std::path::Path;

fn corpus_lines(dir: &Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            corpus_lines(&path, out);
        } else if path.file_name().is_some_and(|n| n == "raw.txt") {
            let text = std::fs::read_to_string(&path).unwrap();
            out.extend(
                text.lines()
                    .filter(|l| !l.trim().is_empty())
                    .map(String::from),
            );
        }
    }
}

#[test]
fn gates_never_rule_out_a_line_the_regex_matches() {
    let cleaner = Cleaner::new(Config::default()).unwrap();
    let rules = &cleaner.rules().rules;
    let mut lines = Vec::new();
    corpus_lines(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("corpus")
            .as_path(),
        &mut lines,
    );
    for rule in rules {
        for e in &rule.spec.examples {
            lines.push(e.text.clone());
        }
        lines.extend(rule.spec.counter_examples.iter().cloned());
    }
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
