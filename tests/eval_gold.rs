//! `paraclean eval` on a gold set (JSONL), against the figures of `../shared/realgold/score.py`.
//!
//! `tests/fixtures/realgold-mini.jsonl` is 12 invented documents (English, Korean, one Japanese):
//! boilerplate, a heading and a quote legitimately repeated, injected copies (exact, curly quotes,
//! a "…" teaser), a document whose gold has no token, one with no boilerplate at all.
//! `realgold-mini.pred.jsonl` is a hand-made cleaner output for them with typical mistakes (a repeat
//! kept, a legitimate repeat removed, boilerplate left, one empty output).
//!
//! The expected figures were computed once, on 2026-12-04, with
//! `python3 ../shared/realgold/score.py --gold tests/fixtures/realgold-mini.jsonl
//!  --pred tests/fixtures/realgold-mini.pred.jsonl --by-dataset [--min-noise 0.1] --json out.json`
//! (Python 3.11.7), and copied here: the printed table and the full-precision values from out.json.
//! When `../shared/realgold` is there, `agrees_with_score_py_on_the_cleaner_output` also runs
//! score.py live on whatever the built-in cleaner outputs today.

mod eval_support;

use assert_cmd::Command;
use paraclean::eval::token_metrics::{self, GoldBags, Metric, ScoredDoc, TokenReport};
use paraclean::eval::{load_gold_set, load_predictions};
use predicates::prelude::*;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn gold() -> PathBuf {
    fixture("realgold-mini.jsonl")
}

fn paraclean() -> Command {
    Command::cargo_bin("paraclean").unwrap()
}

/// The library on the committed predictions, documents with at least `min_noise` non-gold tokens.
fn library_report(min_noise: f64) -> TokenReport {
    let records = load_gold_set(&gold(), None).unwrap();
    let preds = load_predictions(&fixture("realgold-mini.pred.jsonl")).unwrap();
    let scored: Vec<ScoredDoc> = records
        .iter()
        .map(|r| (r, GoldBags::new(&r.raw, &r.gold)))
        .filter(|(_, b)| b.noise_share >= min_noise)
        .map(|(r, b)| token_metrics::score_record(r, &b, &preds[&r.name], None))
        .collect();
    token_metrics::report(&scored, min_noise)
}

/// score.py's `all` or `injected_only` aggregate: docs, then (mean, se) in `KEYS` order.
type Expected = (usize, [(f64, f64); 8]);

fn assert_aggregate(got: &token_metrics::Aggregate, (docs, values): Expected, what: &str) {
    assert_eq!(got.docs, docs, "{what}: docs");
    for (m, (mean, se)) in Metric::ALL.into_iter().zip(values) {
        let (g_mean, g_se) = (got.mean(m).unwrap(), got.se(m).unwrap());
        assert!(
            (g_mean - mean).abs() < 1e-12 && (g_se - se).abs() < 1e-12,
            "{what} {}: {g_mean} ±{g_se}, score.py {mean} ±{se}",
            m.key()
        );
    }
}

// From score.py's --json (see the top of the file).
const ALL: Expected = (
    12,
    [
        (0.7454030079201664, 0.10410843526711999),
        (0.882213608957795, 0.08426432209896782),
        (0.765182803586342, 0.10456421403688602),
        (0.7135277815637636, 0.09855521936147106),
        (0.8715057552266855, 0.09155862284201367),
        (0.020833333333333332, 0.020833333333333332),
        (0.041666666666666664, 0.028091660935968415),
        (0.08333333333333333, 0.08333333333333333),
    ],
);
const INJECTED: Expected = (
    3,
    [
        (0.7973826409996622, 0.04865736865645623),
        (1.0, 0.0),
        (0.8856733173623376, 0.029510133805925223),
        (0.6013409961685824, 0.1494622461415658),
        (1.0, 0.0),
        (0.08333333333333333, 0.08333333333333334),
        (0.16666666666666666, 0.08333333333333334),
        (0.0, 0.0),
    ],
);
const HEAVY: Expected = (
    10,
    [
        (0.7944836095041997, 0.09346160374223525),
        (0.958656330749354, 0.031029277627448212),
        (0.8182193643036104, 0.09276448522893495),
        (0.68488055972014, 0.104252443288357),
        (0.9540625897215045, 0.034309503301751365),
        (0.025, 0.025),
        (0.05, 0.03333333333333334),
        (0.0, 0.0),
    ],
);

/// `score.py --by-dataset` on the committed predictions, as printed.
const SCORE_PY_TABLE: &str = "\
                        docs      P      R           F1  bp_removed  content_kept  dup_exact  dup_near  empty
all                       12  0.745  0.882  0.765 ±0.105       0.714         0.872      0.021     0.042  0.083
  (injected docs only)     3  0.797  1.000  0.886 ±0.030       0.601         1.000      0.083     0.167  0.000
  forum-en                 1  1.000  1.000  1.000 ±0.000       1.000         1.000      0.000     0.000  0.000
  news-en                  7  0.638  0.798  0.638 ±0.166       0.751         0.764      0.036     0.071  0.143
  news-ja                  1  0.800  1.000  0.889 ±0.000       0.560         1.000      0.000     0.000  0.000
  news-ko                  3  0.893  1.000  0.943 ±0.019       0.595         1.000      0.000     0.000  0.000
";

#[test]
fn library_figures_equal_score_py() {
    let report = library_report(0.0);
    assert_aggregate(&report.all, ALL, "all");
    assert_aggregate(report.injected_only.as_ref().unwrap(), INJECTED, "injected");
    let f1 = |k: &str| report.by_dataset[k].mean(Metric::F1).unwrap();
    assert!((f1("news-en") - 0.6379444295815665).abs() < 1e-12);
    assert!((f1("news-ko") - 0.9425645823587505).abs() < 1e-12);
    assert!((f1("news-ja") - 0.888888888888889).abs() < 1e-12);
}

#[test]
fn heavy_subset_equals_score_py_min_noise() {
    let report = library_report(0.1);
    assert_aggregate(&report.all, HEAVY, "min-noise 0.1");
    assert_aggregate(report.injected_only.as_ref().unwrap(), INJECTED, "injected");
}

#[test]
fn cli_prints_score_py_table_for_the_same_predictions() {
    let out = paraclean()
        .args(["eval", "--worst", "0", "--gold"])
        .arg(gold())
        .arg("--pred")
        .arg(fixture("realgold-mini.pred.jsonl"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains(SCORE_PY_TABLE), "{stdout}");
    // --worst 0: no header for an empty list (issue 11, point 15).
    assert!(!stdout.contains("worst documents"), "{stdout}");
}

#[test]
fn predictions_round_trip_and_input_unchanged_keeps_everything() {
    let dir = tempfile::tempdir().unwrap();
    let preds = dir.path().join("cat.jsonl");
    paraclean()
        .args(["eval", "--system", "cat", "--gold"])
        .arg(gold())
        .arg("--pred-out")
        .arg(&preds)
        .assert()
        .success()
        // Input unchanged (score.py on the raw texts): nothing removed, everything kept.
        .stdout(predicate::str::contains(
            "all                       12  0.683  1.000  0.774 ±0.077       0.000         1.000      0.048     0.076  0.000",
        ));
    let written = load_predictions(&preds).unwrap();
    let records = load_gold_set(&gold(), None).unwrap();
    assert_eq!(written.len(), records.len());
    for r in &records {
        assert_eq!(written[&r.name], r.raw, "{}", r.name);
    }
    // The ids go back as the gold set writes them.
    let first = std::fs::read_to_string(&preds).unwrap();
    assert!(first.starts_with("{\"id\":\"news-en/harbour\",\"text\":\"By Martha"));
}

#[test]
fn compressed_sets_read_the_same() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let plain = std::fs::read(gold()).unwrap();
    let gz = dir.path().join("mini.jsonl.gz");
    let mut enc = flate2::write::GzEncoder::new(
        std::fs::File::create(&gz).unwrap(),
        flate2::Compression::default(),
    );
    enc.write_all(&plain).unwrap();
    enc.finish().unwrap();
    let zst = dir.path().join("mini.jsonl.zst");
    std::fs::write(&zst, zstd::encode_all(&plain[..], 3).unwrap()).unwrap();
    for path in [&gz, &zst] {
        paraclean()
            .args(["eval", "--worst", "0", "--gold"])
            .arg(path)
            .arg("--pred")
            .arg(fixture("realgold-mini.pred.jsonl"))
            .assert()
            .success()
            .stdout(predicate::str::contains(SCORE_PY_TABLE));
    }
}

#[test]
fn min_noise_and_missing_predictions() {
    let dir = tempfile::tempdir().unwrap();
    let partial = dir.path().join("partial.jsonl");
    let text = std::fs::read_to_string(fixture("realgold-mini.pred.jsonl")).unwrap();
    std::fs::write(
        &partial,
        text.lines().skip(1).collect::<Vec<_>>().join("\n"),
    )
    .unwrap();
    paraclean()
        .args(["eval", "--worst", "0", "--min-noise", "0.1", "--gold"])
        .arg(gold())
        .arg("--pred")
        .arg(&partial)
        .assert()
        .success()
        .stdout(
            predicate::str::contains("10 documents (of 12").and(predicate::str::contains(
                "WARNING: 1 documents had no prediction (scored as empty output)",
            )),
        );
}

#[test]
fn cleaner_report_has_removals_by_class() {
    let out = paraclean()
        .args(["eval", "--json", "--gold"])
        .arg(gold())
        .output()
        .unwrap();
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let by_class = json["by_class"].as_object().unwrap();
    assert!(!by_class.is_empty(), "{json}");
    let removed: u64 = by_class
        .values()
        .map(|c| c["removed"].as_u64().unwrap())
        .sum();
    assert!(removed > 0);
    assert_eq!(json["documents"].as_array().unwrap().len(), 12);
    assert_eq!(json["all"]["docs"], 12);
}

#[test]
fn directory_flags_are_refused_and_worst_zero_prints_no_header() {
    paraclean()
        .args(["eval", "--min-noise", "0.1", "--gold"])
        .arg(fixture(""))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("need a gold set"));
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("en/d1");
    std::fs::create_dir_all(&doc).unwrap();
    std::fs::write(doc.join("raw.txt"), "Menu\nThe text.\n").unwrap();
    std::fs::write(doc.join("gold.txt"), "The text.\n").unwrap();
    std::fs::write(
        doc.join("doc.toml"),
        "source = \"x\"\nvia = \"site\"\nlang = \"en\"\nera = \"2024\"\nwhy = \"test\"\n",
    )
    .unwrap();
    for (worst, header) in [("0", false), ("1", true)] {
        let out = paraclean()
            .args(["eval", "--system", "cat", "--worst", worst, "--gold"])
            .arg(dir.path())
            .output()
            .unwrap();
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert_eq!(stdout.contains("worst documents"), header, "{stdout}");
    }
}

/// score.py's `--json` result for a predictions file.
fn score_py(dir: &Path, preds: &Path, min_noise: &str, out: &Path) -> serde_json::Value {
    let status = std::process::Command::new("python3")
        .arg(dir.join("score.py"))
        .arg("--gold")
        .arg(gold())
        .arg("--pred")
        .arg(preds)
        .args(["--by-dataset", "--min-noise", min_noise, "--json"])
        .arg(out)
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    serde_json::from_str(&std::fs::read_to_string(out).unwrap()).unwrap()
}

/// The largest difference between two score.py-shaped aggregates.
fn max_diff(a: &serde_json::Value, b: &serde_json::Value) -> f64 {
    assert_eq!(a["docs"], b["docs"]);
    Metric::ALL
        .into_iter()
        .flat_map(|m| [m.key().to_string(), format!("{}_se", m.key())])
        .map(|k| match (a[&k].as_f64(), b[&k].as_f64()) {
            (Some(x), Some(y)) => (x - y).abs(),
            (None, None) => 0.0,
            _ => f64::INFINITY,
        })
        .fold(0.0, f64::max)
}

#[test]
fn agrees_with_score_py_on_the_cleaner_output() {
    let Some(realgold) = eval_support::realgold() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    for min_noise in ["0", "0.1"] {
        let preds = dir.path().join("preds.jsonl");
        let out = paraclean()
            .args(["eval", "--json", "--min-noise", min_noise, "--gold"])
            .arg(gold())
            .arg("--pred-out")
            .arg(&preds)
            .output()
            .unwrap();
        assert!(out.status.success());
        let ours: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let theirs = score_py(&realgold, &preds, min_noise, &dir.path().join("s.json"));
        let mut pairs = vec![
            (&ours["all"], &theirs["all"]),
            (&ours["injected_only"], &theirs["injected_only"]),
        ];
        for (k, v) in theirs["by_dataset"].as_object().unwrap() {
            pairs.push((&ours["by_dataset"][k], v));
        }
        for (a, b) in pairs {
            let d = max_diff(a, b);
            assert!(d < 1e-9, "min-noise {min_noise}: differs by {d}\n{a}\n{b}");
        }
    }
}
