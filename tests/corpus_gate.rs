//! The quality gate: the cleaner against the gold corpus in `corpus/`.
//! Thresholds are the project's targets (issue 3); they are not tuned to today's output.

use paraclean::eval::{self, DocScore};
use paraclean::{Cleaner, Config};

const MIN_PRECISION: f64 = 0.995;
const MAX_CONTENT_LOST_RATE: f64 = 0.001;
const MIN_RECALL: f64 = 0.98;

/// The project's gold corpus, loaded once per test.
fn corpus() -> Vec<eval::GoldDoc> {
    eval::load_corpus(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/corpus"
    )))
    .unwrap()
}

fn run() -> (Vec<DocScore>, eval::Summary) {
    let docs = corpus();
    let cleaner = Cleaner::new(Config::default()).unwrap();
    let scores: Vec<DocScore> = docs
        .iter()
        .map(|d| {
            let cleaned = cleaner.clean(&d.raw);
            eval::score(d, &cleaned.text, Some(&cleaned.removals))
        })
        .collect();
    let summary = eval::summarize(&scores);
    (scores, summary)
}

#[test]
fn corpus_meets_the_quality_gate() {
    let (scores, summary) = run();
    eprintln!("{}", eval::markdown_table(&summary));
    let worst: Vec<String> = scores
        .iter()
        .filter(|s| s.content_lost > 0)
        .map(|s| format!("{} lost {} chars:\n{}", s.name, s.content_lost, s.diff))
        .collect();
    assert!(
        summary.precision >= MIN_PRECISION,
        "removal precision {:.4} < {MIN_PRECISION}\n{}",
        summary.precision,
        worst.join("\n")
    );
    assert!(
        summary.content_lost_rate <= MAX_CONTENT_LOST_RATE,
        "content lost {:.4}% > 0.1%\n{}",
        summary.content_lost_rate * 100.0,
        worst.join("\n")
    );
    assert!(
        summary.hard_negatives_damaged.is_empty(),
        "hard negatives lost text: {:?}",
        summary.hard_negatives_damaged
    );
    assert!(
        summary.recall >= MIN_RECALL,
        "removal recall {:.4} < {MIN_RECALL}",
        summary.recall
    );
}

#[test]
fn corpus_has_the_promised_spread() {
    let docs = corpus();
    let count = |lang: &str| docs.iter().filter(|d| d.meta.lang == lang).count();
    assert!(docs.len() >= 200);
    assert!(count("ko") >= 120, "korean: {}", count("ko"));
    assert!(count("en") >= 50, "english: {}", count("en"));
    assert!(
        docs.iter()
            .filter(|d| !matches!(d.meta.lang.as_str(), "ko" | "en"))
            .count()
            >= 15
    );
    assert!(docs.iter().filter(|d| d.meta.hard_negative).count() >= 30);
    assert!(docs.iter().filter(|d| d.raw.lines().count() >= 300).count() >= 5);
    let ko_sources: std::collections::BTreeSet<&str> = docs
        .iter()
        .filter(|d| d.meta.lang == "ko")
        .map(|d| d.meta.source.as_str())
        .collect();
    assert!(
        ko_sources.len() >= 30,
        "korean publishers: {}",
        ko_sources.len()
    );
    let en_sources: std::collections::BTreeSet<&str> = docs
        .iter()
        .filter(|d| d.meta.lang == "en")
        .map(|d| d.meta.source.as_str())
        .collect();
    assert!(
        en_sources.len() >= 12,
        "english outlets: {}",
        en_sources.len()
    );
}

#[test]
fn every_gold_is_the_raw_minus_removals_and_every_note_is_found() {
    let docs = corpus();
    for d in &docs {
        // The gold only removes: diffing raw against gold must add nothing.
        let mask = eval::removed_mask(&d.raw, &d.gold);
        let kept: String = d
            .raw
            .chars()
            .zip(&mask)
            .filter(|(_, m)| !**m)
            .map(|(c, _)| c)
            .collect();
        assert_eq!(kept, d.gold, "{}: gold is not raw minus removals", d.name);
        for note in &d.meta.removed {
            assert!(
                d.raw.contains(&note.text),
                "{}: removed note not in raw: {:?}",
                d.name,
                note.text
            );
        }
        for note in &d.meta.kept {
            assert!(
                d.gold.contains(&note.text),
                "{}: kept note not in gold: {:?}",
                d.name,
                note.text
            );
        }
    }
}
