//! The command line as users drive it: inputs, outputs, formats, rules, exit codes.

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;

const ARTICLE: &str = "정부가 내년 예산안을 발표했다.\n(서울=연합뉴스) 홍길동 기자 = 정부는 3일 국무회의에서 677조원 규모의 예산안을 의결했다고 밝혔다.\n기획재정부는 \"건전 재정 기조를 유지했다\"고 설명했다.\nhong@yna.co.kr\n<저작권자(c) 연합뉴스, 무단 전재-재배포 금지>\n";
const CLEAN: &str = "정부가 내년 예산안을 발표했다.\n정부는 3일 국무회의에서 677조원 규모의 예산안을 의결했다고 밝혔다.\n기획재정부는 \"건전 재정 기조를 유지했다\"고 설명했다.\n";

fn paraclean() -> Command {
    Command::cargo_bin("paraclean").unwrap()
}

/// `paraclean clean -q ARGS` on the test article from stdin; it must succeed.
fn clean_article(args: &[&str]) -> assert_cmd::assert::Assert {
    paraclean()
        .args(["clean", "-q"])
        .args(args)
        .write_stdin(ARTICLE)
        .assert()
        .success()
}

#[test]
fn stdin_to_stdout() {
    clean_article(&[]).stdout(CLEAN);
}

#[test]
fn files_are_cleaned_in_the_order_given() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    fs::write(&a, ARTICLE).unwrap();
    fs::write(&b, "둘째 문서입니다.\n").unwrap();
    paraclean()
        .args(["clean", "-q"])
        .arg(&b)
        .arg(&a)
        .assert()
        .success()
        .stdout(format!("둘째 문서입니다.\n{CLEAN}"));
}

#[test]
fn directory_is_mirrored_into_an_output_directory() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir_all(input.join("sub")).unwrap();
    fs::write(input.join("sub/a.txt"), ARTICLE).unwrap();
    fs::write(input.join("b.txt"), "그대로 남는 문서.\n").unwrap();
    let out = dir.path().join("out/");
    paraclean()
        .args(["clean", "-q"])
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    assert_eq!(fs::read_to_string(out.join("sub/a.txt")).unwrap(), CLEAN);
    assert_eq!(
        fs::read_to_string(out.join("b.txt")).unwrap(),
        "그대로 남는 문서.\n"
    );
    // No temporary files are left behind.
    let leftovers: Vec<_> = walk(&out)
        .into_iter()
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .contains(".paraclean-")
        })
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn output_file_and_refusal_to_overwrite_the_input() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("a.txt");
    fs::write(&input, ARTICLE).unwrap();
    let out = dir.path().join("clean.txt");
    paraclean()
        .args(["clean", "-q"])
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    assert_eq!(fs::read_to_string(&out).unwrap(), CLEAN);
    paraclean()
        .args(["clean", "-q"])
        .arg(&input)
        .arg("-o")
        .arg(&input)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("refusing to write the output"));
    assert_eq!(
        fs::read_to_string(&input).unwrap(),
        ARTICLE,
        "input untouched"
    );
}

#[test]
fn jsonl_with_a_chosen_text_field_keeps_other_fields() {
    let body = serde_json::to_string(ARTICLE).unwrap();
    let input = format!(
        "{{\"url\":\"u1\",\"body\":{body},\"n\":1.50}}\n{{\"url\":\"u2\",\"body\":\"짧은 글.\"}}\n"
    );
    let out = paraclean()
        .args(["clean", "-q", "--format", "jsonl", "--text-field", "body"])
        .write_stdin(input)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0].starts_with("{\"url\":\"u1\",\"body\":"));
    assert!(
        lines[0].ends_with(",\"n\":1.50}"),
        "numbers keep their spelling: {}",
        lines[0]
    );
    let first: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(first["body"], CLEAN);
    assert_eq!(lines[1], r#"{"url":"u2","body":"짧은 글."}"#);
}

#[test]
fn gzip_and_zstd_inputs() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let gz = dir.path().join("a.txt.gz");
    let mut enc =
        flate2::write::GzEncoder::new(fs::File::create(&gz).unwrap(), flate2::Compression::fast());
    enc.write_all(ARTICLE.as_bytes()).unwrap();
    enc.finish().unwrap();
    paraclean()
        .args(["clean", "-q"])
        .arg(&gz)
        .assert()
        .success()
        .stdout(CLEAN);
    let zst = dir.path().join("a.jsonl.zst");
    let line = format!("{}\n", serde_json::json!({"text": ARTICLE}));
    fs::write(&zst, zstd::encode_all(line.as_bytes(), 1).unwrap()).unwrap();
    let out = paraclean()
        .args(["clean", "-q"])
        .arg(&zst)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["text"], CLEAN);
}

#[test]
fn usage_errors_exit_2_and_failures_exit_1() {
    paraclean()
        .args(["clean", "--no-such-flag"])
        .assert()
        .code(2);
    paraclean()
        .args(["clean", "--jobs", "0"])
        .write_stdin("x")
        .assert()
        .code(2);
    paraclean()
        .args(["clean", "--disable", "NO-SUCH-RULE"])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("NO-SUCH-RULE"));
    paraclean()
        .args(["clean", "/no/such/file.txt"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("/no/such/file.txt"));
    paraclean()
        .args(["clean", "--encoding", "klingon"])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown encoding"));
}

#[test]
fn help_teaches_with_examples() {
    paraclean()
        .args(["clean", "--help"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("Examples:").and(predicate::str::contains("--text-field")),
        );
    paraclean()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("paraclean eval --gold corpus"));
}

#[test]
fn disabling_a_rule_keeps_what_it_would_remove() {
    // The dateline is named by two rules: the head-zone one and the inline one.
    clean_article(&["--disable", "KO-DATELINE-001", "--disable", "KO-INLINE-001"]).stdout(
        predicate::str::contains("(서울=연합뉴스) 홍길동 기자 = 정부는"),
    );
    clean_article(&["--disable", "ko-press,ko-inline"])
        .stdout(predicate::str::contains("홍길동 기자"));
}

#[test]
fn user_rule_pack_adds_a_site_template_and_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("site.toml");
    fs::write(
        &pack,
        r#"[pack]
id = "my-site"
description = "Our site's menu line"

[[rule]]
id = "SITE-MENU-001"
class = "site-ui"
description = "Menu bar"
pattern = '''홈 \| 정치 \| 경제 \| 사회'''
examples = [{ text = "홈 | 정치 | 경제 | 사회" }]
counter_examples = ["정치와 경제는 사회의 일부다."]
"#,
    )
    .unwrap();
    paraclean()
        .args(["rules", "--check"])
        .arg(&pack)
        .assert()
        .success()
        .stdout(predicate::str::contains("1 rule, 2 examples, 0 failed"));
    paraclean()
        .args(["clean", "-q", "--rules"])
        .arg(&pack)
        .write_stdin("홈 | 정치 | 경제 | 사회\n본문입니다.\n")
        .assert()
        .success()
        .stdout("본문입니다.\n");
    let bad = dir.path().join("bad.toml");
    fs::write(&bad, "[pack]\nid = \"x\"\ndescription = \"x\"\n[[rule]]\nid = \"X-1\"\nclass = \"promo\"\ndescription = \"d\"\npattern = 'a('\nexamples = [{ text = \"a\" }]\n").unwrap();
    paraclean()
        .args(["rules", "--check"])
        .arg(&bad)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("rule X-1"));
    let failing = dir.path().join("failing.toml");
    fs::write(&failing, "[pack]\nid = \"y\"\ndescription = \"y\"\n[[rule]]\nid = \"Y-1\"\nclass = \"promo\"\ndescription = \"d\"\npattern = 'buy now'\nexamples = [{ text = \"buy later\" }]\n").unwrap();
    paraclean()
        .args(["rules", "--check"])
        .arg(&failing)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("rule Y-1: example \"buy later\""));
}

#[test]
fn rules_lists_every_rule_and_shows_one() {
    paraclean()
        .arg("rules")
        .assert()
        .success()
        .stdout(predicate::str::contains("KO-COPY-001").and(predicate::str::contains("ko-press")));
    paraclean()
        .args(["rules", "KO-SIG-001"])
        .assert()
        .success()
        .stdout(predicate::str::contains("example:"));
}

#[test]
fn eval_scores_a_command_against_gold() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("ko/d1");
    fs::create_dir_all(&doc).unwrap();
    fs::write(doc.join("raw.txt"), ARTICLE).unwrap();
    fs::write(doc.join("gold.txt"), CLEAN).unwrap();
    fs::write(
        doc.join("doc.toml"),
        "source = \"연합뉴스\"\nvia = \"site\"\nlang = \"ko\"\nera = \"2023\"\nwhy = \"test\"\n",
    )
    .unwrap();
    paraclean()
        .args(["eval", "--gold"])
        .arg(dir.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("1 documents, 1 exact"));
    // `cat` removes nothing: recall 0, nothing lost.
    paraclean()
        .args(["eval", "--gold"])
        .arg(dir.path())
        .args(["--system", "cat"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("**0.0000**")
                .and(predicate::str::contains("content chars lost 0")),
        );
}

#[test]
fn glued_tail_is_cut_and_the_sentence_kept() {
    let raw = "(서울=연합뉴스) 김병규 기자 = 정부가 새 대책을 내놨다.\n업계는 \"효과를 지켜봐야 한다\"고 밝혔다.binzz@yna.co.kr제보는 카카오톡 okjebo<저작권자(c) 연합뉴스, 무단 전재-재배포 금지>\n";
    let out = paraclean()
        .args(["clean", "-q"])
        .write_stdin(raw)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert_eq!(
        out,
        "정부가 새 대책을 내놨다.\n업계는 \"효과를 지켜봐야 한다\"고 밝혔다.\n"
    );
}

#[test]
fn report_lists_the_repeats_that_stay_with_their_reason() {
    // A section heading used twice is the author's repetition: it stays, and the report says why.
    let doc = "Quarterly results by region\n\
               Sales in the north rose by a tenth over the quarter, led by the new stores.\n\
               The south held steady as prices fell and volumes grew in the same measure.\n\
               Quarterly results by region\n\
               Costs in the north grew faster than sales, mostly wages and rents in the city.\n";
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("r.jsonl");
    paraclean()
        .args(["clean", "-q", "--report"])
        .arg(&report)
        .write_stdin(doc)
        .assert()
        .success()
        .stdout(doc);
    let line: serde_json::Value =
        serde_json::from_str(fs::read_to_string(&report).unwrap().trim()).unwrap();
    assert_eq!(line["removals"], serde_json::json!([]));
    assert_eq!(
        line["repeats_kept"],
        serde_json::json!([{"line": 4, "of_line": 1, "kind": "exact", "why": "short"}])
    );
}
