//! Hostile input: clear errors naming file and line, no panics, no document lost.

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;

fn paraclean() -> Command {
    Command::cargo_bin("paraclean").unwrap()
}

const ARTICLE: &str = "정부가 예산안을 발표했다.\n윤정민 기자 yunjm@joongang.co.kr\n";

#[test]
fn invalid_utf8_is_replaced_with_a_warning_naming_the_byte() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("bad.txt");
    let mut bytes = "본문입니다.\n".as_bytes().to_vec();
    bytes.extend_from_slice(b"\xff\xfe broken\n");
    fs::write(&f, &bytes).unwrap();
    paraclean()
        .arg("clean")
        .arg(&f)
        .assert()
        .success()
        .stdout("본문입니다.\n\u{fffd}\u{fffd} broken\n")
        .stderr(predicate::str::contains(
            "bad.txt: invalid UTF-8 at byte 17",
        ));
}

#[test]
fn euc_kr_is_decoded_with_auto_and_output_is_utf8() {
    // Detected, or named.
    for encoding in ["auto", "euc-kr"] {
        let (bytes, _, _) = encoding_rs::EUC_KR.encode(ARTICLE);
        paraclean()
            .args(["clean", "-q", "--encoding", encoding])
            .write_stdin(bytes.into_owned())
            .assert()
            .success()
            .stdout("정부가 예산안을 발표했다.\n");
    }
}

fn jsonl_with_bad_lines() -> String {
    let good = |id: u32| format!("{}\n", serde_json::json!({"id": id, "text": ARTICLE}));
    // 100,000 levels deep: no stack overflow, a clear message.
    let deep = format!("{}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    [
        good(1),
        "{\"id\":2,\"text\": \"unterminated\n".to_string(),
        "{\"id\":3,\"body\":\"no text field\"}\n".to_string(),
        "{\"id\":4,\"text\":42}\n".to_string(),
        deep,
        "{\"id\":6,\"text\":\"nul\u{0}byte\"}\n".to_string(),
        good(7),
    ]
    .concat()
}

#[test]
fn broken_jsonl_lines_pass_through_in_order_with_line_numbers() {
    let input = jsonl_with_bad_lines();
    let out = paraclean()
        .args(["clean", "--format", "jsonl"])
        .write_stdin(input.clone())
        .assert()
        .success()
        .stderr(
            predicate::str::contains("<stdin>:2: malformed JSON")
                .and(predicate::str::contains("<stdin>:3: no `text` field"))
                .and(predicate::str::contains(
                    "<stdin>:4: field `text` is not a string",
                ))
                .and(predicate::str::contains("<stdin>:5: malformed JSON"))
                .and(predicate::str::contains("<stdin>:6: malformed JSON"))
                .and(predicate::str::contains(
                    "7 documents in, 7 out, 5 passed through",
                )),
        )
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    let in_lines: Vec<&str> = input.lines().collect();
    let out_lines: Vec<&str> = out.lines().collect();
    assert_eq!(out_lines.len(), in_lines.len(), "every record comes out");
    for i in 1..6 {
        assert_eq!(
            out_lines[i],
            in_lines[i],
            "bad line {} passes through unchanged",
            i + 1
        );
    }
    for i in [0, 6] {
        let v: serde_json::Value = serde_json::from_str(out_lines[i]).unwrap();
        assert_eq!(v["text"], "정부가 예산안을 발표했다.\n");
    }
}

#[test]
fn on_error_fail_stops_with_exit_1_naming_the_line() {
    paraclean()
        .args(["clean", "-q", "--format", "jsonl", "--on-error", "fail"])
        .write_stdin(jsonl_with_bad_lines())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("<stdin>:2: malformed JSON"));
}

#[test]
fn oversized_documents_pass_through_with_a_warning() {
    let line = format!("{}\n", serde_json::json!({"text": ARTICLE.repeat(50)}));
    paraclean()
        .args(["clean", "--format", "jsonl", "--max-doc-bytes", "1000"])
        .write_stdin(line.clone())
        .assert()
        .success()
        .stdout(line)
        .stderr(
            predicate::str::contains("<stdin>:1: line of")
                .and(predicate::str::contains("exceeds --max-doc-bytes 1000")),
        );
}

#[test]
fn empty_inputs_give_empty_outputs() {
    paraclean()
        .args(["clean", "-q"])
        .write_stdin("")
        .assert()
        .success()
        .stdout("");
    paraclean()
        .args(["clean", "-q", "--format", "jsonl"])
        .write_stdin("")
        .assert()
        .success()
        .stdout("");
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("empty.txt");
    fs::write(&f, "").unwrap();
    paraclean()
        .args(["clean", "-q"])
        .arg(&f)
        .assert()
        .success()
        .stdout("");
    paraclean()
        .args(["clean", "-q"])
        .write_stdin("\n\n")
        .assert()
        .success()
        .stdout("");
}

#[test]
fn binary_junk_does_not_panic() {
    let mut junk = Vec::new();
    let mut x: u32 = 12345;
    for _ in 0..200_000 {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
        junk.push((x >> 16) as u8);
    }
    paraclean()
        .args(["clean", "-q"])
        .write_stdin(junk.clone())
        .assert()
        .success();
    paraclean()
        .args(["clean", "-q", "--format", "jsonl"])
        .write_stdin(junk)
        .assert()
        .success();
}

#[test]
fn a_50_mb_line_without_newline_comes_out_whole() {
    let sentence = "정부는 올해 경제 성장률 전망을 2.1%로 유지했다고 밝혔다. ";
    let line = sentence.repeat(50 * 1024 * 1024 / sentence.len());
    let out = paraclean()
        .args(["clean", "-q"])
        .write_stdin(line.clone())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(out.len(), line.len());
    assert!(out == line.as_bytes());
}

#[test]
fn bom_and_crlf_are_kept() {
    let raw = "\u{feff}제목입니다\r\n본문입니다.\r\nhong@yna.co.kr\r\n";
    paraclean()
        .args(["clean", "-q"])
        .write_stdin(raw)
        .assert()
        .success()
        .stdout("\u{feff}제목입니다\r\n본문입니다.\r\n");
}

#[test]
fn many_files_come_out_in_order_even_across_batches() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..40 {
        fs::write(
            dir.path().join(format!("{i:03}.txt")),
            format!("문서 {i}번의 본문이다.\n"),
        )
        .unwrap();
    }
    let expected: String = (0..40)
        .map(|i| format!("문서 {i}번의 본문이다.\n"))
        .collect();
    paraclean()
        .args(["clean", "-q", "--batch-bytes", "64", "--jobs", "2"])
        .arg(dir.path())
        .assert()
        .success()
        .stdout(expected);
}

/// A long document of short numbered lines with a copyright line every 1,000th line.
fn many_blocks(n: u64) -> String {
    use std::fmt::Write;
    let mut doc = String::with_capacity(n as usize * 40);
    for i in 0..n {
        if i % 1000 == 999 {
            doc.push_str("<저작권자(c) 연합뉴스, 무단 전재-재배포 금지>\n");
        } else {
            writeln!(doc, "항목 {i}: 값은 {}이다.", i * 7).unwrap();
        }
    }
    doc
}

#[test]
fn a_million_blocks_cost_ten_times_a_hundred_thousand() {
    // Linear cost shown by counted work, not time: every counter of a 1,000,000-block document is
    // within 5% of ten times that of a 100,000-block document of the same make-up.
    let cleaner = paraclean::Cleaner::new(paraclean::Config::default()).unwrap();
    let small_doc = many_blocks(100_000);
    let big_doc = many_blocks(1_000_000);
    let (small_out, small) = cleaner.clean_counted(&small_doc, None);
    let (big_out, big) = cleaner.clean_counted(&big_doc, None);
    assert_eq!(big.blocks, 1_000_000);
    assert!(big.rounds <= 3, "{big:?}");
    for (what, s, b) in [
        ("line scans", small.line_scans, big.line_scans),
        ("regex searches", small.regex_searches, big.regex_searches),
        (
            "dup postings",
            small.dup_postings_scanned,
            big.dup_postings_scanned,
        ),
        (
            "dup verifications",
            small.dup_verifications,
            big.dup_verifications,
        ),
    ] {
        assert!(
            (b as f64) <= 10.5 * (s.max(1) as f64),
            "{what}: {s} for 100k blocks, {b} for 1M"
        );
    }
    // Each block is scanned at most twice per round (body pass, then the tail zone).
    assert!(big.line_scans <= 2 * big.rounds * big.blocks, "{big:?}");
    // Only the copyright lines go; the million numbered lines stay, in order.
    assert_eq!(big_out.removals.len(), 1000);
    assert_eq!(small_out.removals.len(), 100);
    assert_eq!(
        big_out.text,
        big_doc
            .lines()
            .filter(|l| !l.starts_with("<저작권자"))
            .map(|l| format!("{l}\n"))
            .collect::<String>()
    );
}
