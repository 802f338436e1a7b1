//! The article the project started from (`corpus/ko/seed`), end to end through the CLI.

use assert_cmd::Command;
use serde_json::Value;

const RAW: &str = include_str!("../corpus/ko/seed/raw.txt");
const GOLD: &str = include_str!("../corpus/ko/seed/gold.txt");

fn paraclean() -> Command {
    Command::cargo_bin("paraclean").unwrap()
}

fn raw_lines() -> Vec<&'static str> {
    RAW.split('\n').collect()
}

#[test]
fn gold_is_the_lines_the_issue_names() {
    let lines = raw_lines();
    let expected: Vec<&str> = [1, 3, 5, 6, 7, 10, 11, 14, 15, 16]
        .iter()
        .map(|&n| lines[n - 1])
        .collect();
    assert_eq!(GOLD, expected.join("\n"));
}

#[test]
fn clean_prints_exactly_the_article() {
    paraclean()
        .args(["clean", "-q", "corpus/ko/seed/raw.txt"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .assert()
        .success()
        .stdout(GOLD);
}

#[test]
fn report_accounts_for_every_removal_with_class_and_reason() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.jsonl");
    paraclean()
        .args(["clean", "-q", "--report"])
        .arg(&report)
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/corpus/ko/seed/raw.txt"
        ))
        .assert()
        .success()
        .stdout(GOLD);
    let text = std::fs::read_to_string(&report).unwrap();
    let doc: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    let removals = doc["removals"].as_array().unwrap();
    let got: Vec<(u64, &str)> = removals
        .iter()
        .map(|r| (r["line"].as_u64().unwrap(), r["class"].as_str().unwrap()))
        .collect();
    let mut expected = vec![
        (2, "byline"),
        (4, "separator"),
        (8, "separator"),
        (9, "duplicate"),
        (12, "separator"),
        (13, "duplicate"),
        (17, "signature"),
        (18, "copyright"),
        (19, "portal-ui"),
        (20, "portal-ui"),
    ];
    expected.extend((21..=30).map(|l| (l, "related-list")));
    assert_eq!(got, expected);
    let lines = raw_lines();
    for r in removals {
        // Each removal is a whole line here, with the exact text of that line.
        let line = r["line"].as_u64().unwrap() as usize;
        assert_eq!(r["text"].as_str().unwrap(), lines[line - 1]);
        let reason = &r["reason"];
        match r["class"].as_str().unwrap() {
            "duplicate" => {
                assert_eq!(reason["by"], "duplicate");
                assert_eq!(reason["kind"], "exact");
                assert_eq!(
                    reason["of_line"].as_u64().unwrap() as usize,
                    line + 2,
                    "the copy under the heading stays"
                );
            }
            _ => {
                assert_eq!(reason["by"], "rule");
                assert!(!reason["rule"].as_str().unwrap().is_empty());
                assert!(!reason["matched"].as_str().unwrap().is_empty());
            }
        }
    }
    let meta = &doc["metadata"];
    assert_eq!(meta["authors"], serde_json::json!(["윤정민"]));
    assert_eq!(meta["emails"], serde_json::json!(["yunjm@joongang.co.kr"]));
    assert_eq!(meta["publisher"], "중앙일보");
    assert_eq!(meta["published"], "2024-07-14 14:32");
}

#[test]
fn blank_lines_and_crlf_give_the_same_article_in_the_same_layout() {
    // (layout, what follows the file's last line)
    for (newline, tail) in [("\n\n", ""), ("\r\n", "\r\n")] {
        let raw = RAW.replace('\n', newline) + tail;
        let gold = GOLD.replace('\n', newline) + tail;
        paraclean()
            .args(["clean", "-q"])
            .write_stdin(raw)
            .assert()
            .success()
            .stdout(gold);
    }
}

#[test]
fn one_jsonl_record_gives_the_same_article_and_keeps_other_fields() {
    let record = serde_json::json!({"id": "daum-1", "url": "https://v.daum.net/v/1", "text": RAW});
    let out = paraclean()
        .args(["clean", "-q", "--format", "jsonl", "--id-field", "id"])
        .write_stdin(format!("{record}\n"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(out["text"], GOLD);
    assert_eq!(out["id"], "daum-1");
    assert_eq!(out["url"], "https://v.daum.net/v/1");
}

#[test]
fn explain_marks_every_removed_line_with_its_reason() {
    let out = paraclean()
        .args(["clean", "-q", "--explain"])
        .write_stdin(RAW)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert_eq!(out.lines().filter(|l| l.starts_with("- ")).count(), 20);
    assert!(out.contains("^ duplicate: exact duplicate of line 11"));
    assert!(out.contains("^ signature: KO-SIG-001"));
}

/// Cleaners with different rule selections on one thread (a Python job builds several): the
/// prefilter's reused buffers must fit each one. Found by the Python suite: the second cleaner
/// indexed the first one's larger buffers and panicked.
#[test]
fn cleaners_with_different_rule_selections_share_a_thread() {
    use paraclean::{Cleaner, Config};
    let all = Cleaner::new(Config::default()).unwrap();
    let mut fewer = Config::default();
    fewer.rules.disable = vec!["web".into(), "ko-inline".into()];
    let fewer = Cleaner::new(fewer).unwrap();
    for _ in 0..2 {
        assert_eq!(all.clean(RAW).text.trim_end(), GOLD.trim_end());
        assert_eq!(fewer.clean(RAW).text.trim_end(), GOLD.trim_end());
    }
}
