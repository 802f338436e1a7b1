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

/// 600 distinct news sentences, each repeated `copies` times with a different number appended: the
/// shape of a scraped sensor log or a templated live feed, where every line is a near copy of 255
/// others and none is a duplicate.
fn numbered_sentences(copies: usize) -> String {
    use std::fmt::Write;
    let subjects = [
        "정부는",
        "서울시는",
        "한국은행은",
        "기상청은",
        "경찰은",
        "교육부는",
        "국토부는",
        "산업부는",
        "The council",
        "The ministry",
        "Regulators",
        "The central bank",
    ];
    let actions = [
        "올해 하반기 경제정책방향을 발표하고 내수 회복을 위한 재정 지원을 확대하겠다고 밝혔다",
        "대중교통 요금 체계를 개편하고 청년층 정기권 할인 폭을 넓히기로 했다고 전했다",
        "주말 사이 남부 지방에 최대 200㎜의 많은 비가 내릴 것으로 예상된다고 예보했다",
        "said it would review the spending plan before the next budget session opens",
        "expects inflation to ease gradually as energy prices fall over the coming months",
    ];
    let tails = [
        "관련 부처와 협의를 이어갈 계획이다",
        "구체적인 일정은 다음 달 발표된다",
        "시민 의견도 함께 수렴한다",
        "according to officials familiar with the plan",
        "officials said on Tuesday",
        "현장 점검도 병행한다",
        "세부 내용은 추후 공개된다",
        "the statement said",
        "예산 규모는 아직 정해지지 않았다",
        "후속 조치가 뒤따를 전망이다",
    ];
    let mut doc = String::new();
    let mut n: u64 = 12_345;
    for copy in 0..copies {
        let mut i = 0;
        for s in subjects {
            for a in actions {
                for t in tails {
                    n = n
                        .wrapping_mul(6_364_136_223_846_793_005)
                        .wrapping_add(1_442_695_040_888_963_407);
                    writeln!(doc, "{s} {a}, {t}. 측정값 {} (#{copy}-{i})", n >> 44).unwrap();
                    i += 1;
                }
            }
        }
    }
    doc
}

#[test]
fn near_identical_numbered_lines_cost_per_byte_at_most_twice_an_article() {
    // 150,000 lines that are near copies of one another (same sentence, other figures) against the
    // gold corpus: every counter of the cleaner's work, per byte, is at most twice the corpus's.
    // Before bit-parallel edit distance and the full-posting-list rule, such a document cost ten
    // times as much per byte as articles (issue 14).
    let cleaner = paraclean::Cleaner::new(paraclean::Config::default()).unwrap();
    let corpus = paraclean::eval::load_corpus(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/corpus"
    )))
    .unwrap();
    let mut normal = paraclean::Work::default();
    let mut normal_bytes = 0;
    for d in &corpus {
        let (_, w) = cleaner.clean_counted(&d.raw, None);
        normal_bytes += d.raw.len();
        normal.line_scans += w.line_scans;
        normal.regex_searches += w.regex_searches;
        normal.dup_postings_scanned += w.dup_postings_scanned;
        normal.dup_verifications += w.dup_verifications;
        normal.dup_edit_distance_cells += w.dup_edit_distance_cells;
        normal.dup_run_steps += w.dup_run_steps;
    }
    let doc = numbered_sentences(250);
    assert!(doc.lines().count() >= 150_000);
    let (out, work) = cleaner.clean_counted(&doc, None);
    let per_byte = |x: usize, bytes: usize| x as f64 / bytes as f64;
    for (what, patho, norm) in [
        ("line scans", work.line_scans, normal.line_scans),
        ("regex searches", work.regex_searches, normal.regex_searches),
        (
            "dup postings",
            work.dup_postings_scanned,
            normal.dup_postings_scanned,
        ),
        (
            "dup verifications",
            work.dup_verifications,
            normal.dup_verifications,
        ),
        (
            "dup edit-distance words",
            work.dup_edit_distance_cells,
            normal.dup_edit_distance_cells,
        ),
        ("dup run steps", work.dup_run_steps, normal.dup_run_steps),
    ] {
        let (p, n) = (per_byte(patho, doc.len()), per_byte(norm, normal_bytes));
        assert!(
            p <= 2.0 * n,
            "{what}: {p:.5} per byte, {n:.5} per byte on the corpus ({patho} in {} bytes)",
            doc.len()
        );
    }
    // Every line is a different fact: none goes.
    assert!(out.removals.is_empty(), "{:?}", &out.removals[..3]);
    assert_eq!(out.text, doc);
}
