//! Learned per-source templates: the quality gate on `corpus/learned` (5 sources × 100 documents whose
//! site templates no rule pack knows), and the properties users rely on: tables merge exactly, and
//! nothing depends on thread count, shard split or input order.

use assert_cmd::Command;
use paraclean::eval::{self, GoldDoc};
use paraclean::learn::table::TableReader;
use paraclean::learn::{document_prints, LearnedModel, Learner, Thresholds};
use paraclean::{Class, Cleaner, Config, Reason};
use std::fs;
use std::path::{Path, PathBuf};

const MIN_PRECISION: f64 = 0.99;
const MIN_RECALL: f64 = 0.95;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/learned")
}

fn corpus() -> Vec<GoldDoc> {
    eval::load_corpus(&root()).unwrap()
}

fn learn(docs: &[&GoldDoc]) -> Vec<u8> {
    let mut learner = Learner::new(10_000, None);
    for d in docs {
        learner.add(&d.source, &document_prints(&d.raw)).unwrap();
    }
    learner.finish(Vec::new(), None).unwrap().0
}

fn model(table: &[u8]) -> LearnedModel {
    let reader = TableReader::new(Box::new(std::io::Cursor::new(table.to_vec())), "table").unwrap();
    LearnedModel::read(reader, Thresholds::default()).unwrap()
}

fn evaluate(docs: &[GoldDoc], cleaner: &Cleaner) -> eval::Summary {
    let scores: Vec<_> = docs
        .iter()
        .map(|d| {
            let c = cleaner.clean_source(&d.raw, Some(&d.source));
            eval::score(d, &c.text, Some(&c.removals))
        })
        .collect();
    eval::summarize(&scores)
}

#[test]
fn learned_templates_meet_the_gate_and_rules_alone_do_not() {
    let docs = corpus();
    assert!(docs.len() >= 500, "{} documents", docs.len());
    let sources: std::collections::BTreeSet<&str> =
        docs.iter().map(|d| d.source.as_str()).collect();
    assert!(sources.len() >= 5, "{sources:?}");

    // The rule packs alone hardly touch these templates: the corpus tests learning, not the rules.
    let rules_only = evaluate(&docs, &Cleaner::new(Config::default()).unwrap());
    assert!(
        rules_only.recall < 0.2,
        "rules alone recall {:.4}",
        rules_only.recall
    );

    let all: Vec<&GoldDoc> = docs.iter().collect();
    let cleaner = Cleaner::new(Config::default())
        .unwrap()
        .with_learned(model(&learn(&all)));
    let summary = evaluate(&docs, &cleaner);
    eprintln!("{}", eval::markdown_table(&summary));
    assert!(
        summary.precision >= MIN_PRECISION,
        "precision {:.4}",
        summary.precision
    );
    assert!(summary.recall >= MIN_RECALL, "recall {:.4}", summary.recall);
    assert_eq!(summary.content_lost, 0, "article text lost");
    assert!(summary.hard_negatives >= 100);
    assert!(
        summary.hard_negatives_damaged.is_empty(),
        "standing paragraphs removed: {:?}",
        summary.hard_negatives_damaged
    );
}

#[test]
fn removals_say_which_source_and_how_often() {
    let docs = corpus();
    let all: Vec<&GoldDoc> = docs.iter().collect();
    let cleaner = Cleaner::new(Config::default())
        .unwrap()
        .with_learned(model(&learn(&all)));
    let doc = docs.iter().find(|d| d.name == "ko-regional/001").unwrap();
    let cleaned = cleaner.clean_source(&doc.raw, Some(&doc.source));
    let menu = cleaned
        .removals
        .iter()
        // The tool bar: a template no rule names (the `|` section menu above it is now a rule's,
        // KO-SITE-017).
        .find(|r| r.text.starts_with("가 가+ 가- 글자크기"))
        .unwrap();
    assert_eq!(menu.class, Class::Learned);
    let Reason::Learned {
        source,
        docs: n,
        source_docs,
        ..
    } = &menu.reason
    else {
        panic!("{:?}", menu.reason)
    };
    assert_eq!((source.as_str(), *source_docs), ("ko-regional", 100));
    assert!(*n >= 90, "{n}");
    assert!(menu
        .reason
        .explain()
        .starts_with("learned template of `ko-regional`: this block is in"));
    // Another source's table entries never apply: the same text under another source stays.
    let other = cleaner.clean_source(&doc.raw, Some("en-local"));
    assert!(other.removals.iter().all(|r| r.class != Class::Learned));
    // Without a source (plain `clean`), learned templates do not apply.
    assert!(cleaner
        .clean(&doc.raw)
        .removals
        .iter()
        .all(|r| r.class != Class::Learned));
}

#[test]
fn merged_shards_equal_one_pass_whatever_the_split_and_order() {
    let docs = corpus();
    let all: Vec<&GoldDoc> = docs.iter().collect();
    let whole = learn(&all);
    // Interleaved shards, in reverse order, with tiny memory budgets (many spills).
    let shards: Vec<Vec<u8>> = (0..4)
        .rev()
        .map(|k| {
            let mut learner = Learner::new(97, None);
            for d in docs.iter().skip(k).step_by(4) {
                learner.add(&d.source, &document_prints(&d.raw)).unwrap();
            }
            learner.finish(Vec::new(), None).unwrap().0
        })
        .collect();
    let readers = shards
        .iter()
        .map(|s| TableReader::new(Box::new(std::io::Cursor::new(s.clone())), "shard").unwrap())
        .collect();
    let merged = paraclean::learn::table::merge(readers, Vec::new(), None)
        .unwrap()
        .0;
    assert_eq!(merged, whole);
}

fn paraclean() -> Command {
    Command::cargo_bin("paraclean").unwrap()
}

#[test]
fn cli_learn_merge_and_clean_learned() {
    let dir = tempfile::tempdir().unwrap();
    let t = |name: &str| dir.path().join(name);
    // One pass over the corpus, with 1 and 2 threads.
    for (jobs, out) in [("1", "one.table"), ("2", "two.table")] {
        paraclean()
            .args(["learn", "-q", "--include", "raw.txt", "--jobs", jobs, "-o"])
            .arg(t(out))
            .arg(root())
            .assert()
            .success();
    }
    assert_eq!(
        fs::read(t("one.table")).unwrap(),
        fs::read(t("two.table")).unwrap()
    );
    // Per-source shards (`--source` names them), merged in another order, give the same table.
    for source in [
        "ko-regional",
        "en-local",
        "ja-news",
        "ko-broadcast",
        "ko-webzine",
    ] {
        paraclean()
            .args([
                "learn",
                "-q",
                "--include",
                "raw.txt",
                "--source",
                source,
                "-o",
            ])
            .arg(t(&format!("{source}.table")))
            .arg(root().join(source))
            .assert()
            .success();
    }
    paraclean()
        .args(["learn", "--merge", "-o"])
        .arg(t("merged.table"))
        .args(
            [
                "ko-webzine",
                "ja-news",
                "en-local",
                "ko-regional",
                "ko-broadcast",
            ]
            .map(|s| t(&format!("{s}.table"))),
        )
        .assert()
        .success()
        .stderr(predicates::str::contains(
            "learned table: 5 sources, 500 documents",
        ));
    assert_eq!(
        fs::read(t("merged.table")).unwrap(),
        fs::read(t("one.table")).unwrap()
    );

    // JSONL with a source field: the learned menu line goes, the article stays.
    let doc = fs::read_to_string(root().join("ko-regional/001/raw.txt")).unwrap();
    let gold = fs::read_to_string(root().join("ko-regional/001/gold.txt")).unwrap();
    let line = serde_json::json!({"id": 1, "site": "ko-regional", "text": doc}).to_string();
    let expected = serde_json::json!({"id": 1, "site": "ko-regional", "text": gold}).to_string();
    paraclean()
        .args([
            "clean",
            "-q",
            "--format",
            "jsonl",
            "--source-field",
            "site",
            "--learned",
        ])
        .arg(t("one.table"))
        .write_stdin(format!("{line}\n"))
        .assert()
        .success()
        .stdout(format!("{expected}\n"));
}

#[test]
fn a_broken_table_is_a_usage_error_naming_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let table = dir.path().join("bad.table");
    fs::write(
        &table,
        "{\"format\":\"paraclean-learned-table\",\"version\":1,\"fingerprint\":1,\"max_block_chars\":400,\"sources\":[{\"name\":\"a\",\"docs\":3}]}\n{\"s\":0,\"k\":\"key\",\"h\":\"zz\",\"n\":1}\n",
    )
    .unwrap();
    paraclean()
        .args(["clean", "-q", "--learned"])
        .arg(&table)
        .write_stdin("본문이다.\n")
        .assert()
        .code(2)
        .stderr(predicates::str::contains(format!(
            "learned table {}:2: bad entry",
            table.display()
        )));
    paraclean()
        .args(["learn", "--merge", "-o", "-"])
        .arg(dir.path().join("missing.table"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("missing.table"));
}

mod merge_properties {
    use super::*;
    use proptest::prelude::*;

    const LINES: &[&str] = &[
        "Home | News | Sports",
        "구독신청 · 광고문의 · 기사제보",
        "조회수 1,204",
        "조회수 87",
        "- 다른 기사 제목 | 중앙일보",
        "윤정민 기자 yunjm@joongang.co.kr",
        "정부는 내년 예산안을 발표했다.",
        "The mayor signed the budget on Tuesday.",
        "▶ 많이 본 뉴스",
        "",
    ];

    fn table(docs: &[(String, String)], budget: usize) -> Vec<u8> {
        let mut learner = Learner::new(budget, None);
        for (source, text) in docs {
            learner.add(source, &document_prints(text)).unwrap();
        }
        learner.finish(Vec::new(), None).unwrap().0
    }

    fn docs() -> impl Strategy<Value = Vec<(String, String)>> {
        prop::collection::vec(
            (
                prop::sample::select(vec!["a", "b", "c"]),
                prop::collection::vec(prop::sample::select(LINES.to_vec()), 0..8),
            )
                .prop_map(|(s, lines)| (s.to_string(), lines.join("\n"))),
            0..24,
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Any split into shards, in any order, with any memory budget, merges to the one-pass table.
        #[test]
        fn any_split_merges_to_the_one_pass_table(
            docs in docs(),
            cuts in prop::collection::vec(0usize..24, 0..4),
            budget in 1usize..40,
            reverse in any::<bool>(),
        ) {
            let whole = table(&docs, usize::MAX);
            let mut bounds: Vec<usize> = cuts.into_iter().map(|c| c.min(docs.len())).collect();
            bounds.push(0);
            bounds.push(docs.len());
            bounds.sort_unstable();
            let mut shards: Vec<Vec<u8>> = bounds
                .windows(2)
                .map(|w| table(&docs[w[0]..w[1]], budget))
                .collect();
            if reverse {
                shards.reverse();
            }
            let readers = shards
                .into_iter()
                .map(|s| TableReader::new(Box::new(std::io::Cursor::new(s)), "shard").unwrap())
                .collect();
            let merged = paraclean::learn::table::merge(readers, Vec::new(), None).unwrap().0;
            prop_assert_eq!(merged, whole);
        }
    }
}

#[test]
fn an_unknown_source_is_named_once_and_source_fixes_it() {
    let dir = tempfile::tempdir().unwrap();
    let table = dir.path().join("t.table");
    paraclean()
        .args(["learn", "-q", "--include", "raw.txt", "-o"])
        .arg(&table)
        .arg(root())
        .assert()
        .success();
    let doc = root().join("en-local/005/raw.txt");
    let gold = fs::read_to_string(root().join("en-local/005/gold.txt")).unwrap();
    // Named directly, the file's source is its directory `005`, which the table does not know.
    paraclean()
        .args(["clean", "--learned"])
        .arg(&table)
        .arg(&doc)
        .arg(&doc)
        .assert()
        .success()
        .stderr(
            predicates::str::contains("warning: source `005` is not in the learned table (it knows en-local, ja-news, ko-broadcast, ko-regional, ko-webzine)").count(1),
        );
    paraclean()
        .args(["clean", "-q", "--source", "en-local", "--learned"])
        .arg(&table)
        .arg(&doc)
        .assert()
        .success()
        .stdout(gold);
}
