//! Unix manners of the CLI (issue 11, points 8–15): flags that do not eat paths, quiet closed
//! pipes, report ids, `rules --check` as `clean` loads a pack, errors once, color and filters,
//! learned tables that remember how sources were named, and the small things.

mod common;

use common::*;
use predicates::prelude::*;
use std::fs;
use std::io::Read;
use std::process::{Command, Stdio};

/// Point 8: `--disable` takes one comma-separated value per occurrence (a path after it stays a
/// path), and ids match in any case.
#[test]
fn disable_does_not_eat_the_path_and_ignores_case() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("article.txt");
    fs::write(&article, ARTICLE).unwrap();
    paraclean()
        .args(["clean", "-q", "--disable", "web"])
        .arg(&article)
        .assert()
        .success()
        .stdout(CLEAN);
    // The README's example.
    paraclean()
        .args(["clean", "-q", "--disable", "web,EN-TIME-001"])
        .arg(&article)
        .assert()
        .success()
        .stdout(CLEAN);
    paraclean()
        .args([
            "clean",
            "-q",
            "--disable",
            "web,ko-dateline-001,ko-inline-001",
        ])
        .arg(&article)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "(서울=연합뉴스) 홍길동 기자 = 정부는",
        ));
    paraclean()
        .args([
            "clean",
            "-q",
            "--disable",
            "web",
            "--disable",
            "KO-DATELINE-001",
            "--disable",
            "KO-INLINE-001",
        ])
        .arg(&article)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "(서울=연합뉴스) 홍길동 기자 = 정부는",
        ));
}

/// Runs `paraclean ARGS` with its stdout closed before it writes; returns (status, stderr).
fn with_closed_stdout(args: &[&str], stdin: &[u8]) -> (std::process::ExitStatus, String) {
    let mut child = Command::new(bin())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    {
        use std::io::Write;
        let mut input = child.stdin.take().unwrap();
        let _ = input.write_all(stdin);
    }
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    (child.wait().unwrap(), stderr)
}

/// Point 9: every command ends quietly (exit 0, nothing on stderr, no temporary file) when the
/// reader of its output goes away.
#[test]
fn a_closed_pipe_ends_every_command_quietly() {
    let (status, stderr) = with_closed_stdout(&["rules"], b"");
    assert!(status.success() && stderr.is_empty(), "{status}: {stderr}");
    let (status, stderr) = with_closed_stdout(&["rules", "--json"], b"");
    assert!(status.success() && stderr.is_empty(), "{status}: {stderr}");

    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("gold/ko/d1");
    fs::create_dir_all(&doc).unwrap();
    fs::write(doc.join("raw.txt"), ARTICLE).unwrap();
    fs::write(doc.join("gold.txt"), CLEAN).unwrap();
    fs::write(
        doc.join("doc.toml"),
        "source = \"연합뉴스\"\nvia = \"site\"\nlang = \"ko\"\nera = \"2023\"\nwhy = \"test\"\n",
    )
    .unwrap();
    let gold = dir.path().join("gold");
    let (status, stderr) = with_closed_stdout(&["eval", "--gold", gold.to_str().unwrap()], b"");
    assert!(status.success() && stderr.is_empty(), "{status}: {stderr}");

    let report = dir.path().join("r.jsonl");
    let big = ARTICLE.repeat(2000);
    let (status, stderr) = with_closed_stdout(
        &["clean", "-q", "--report", report.to_str().unwrap()],
        big.as_bytes(),
    );
    assert!(status.success() && stderr.is_empty(), "{status}: {stderr}");
    let left: Vec<_> = walk(dir.path())
        .into_iter()
        .filter(|p| p.to_string_lossy().contains("paraclean"))
        .collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
}

/// Point 10: report ids default to the record's `id` field with its JSON type, and `--explain`
/// names the document by the same id.
#[test]
fn report_ids_come_from_the_id_field_with_their_type() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("r.jsonl");
    let input = format!(
        "{}\n{}\n{}\n",
        serde_json::json!({"id": 7, "text": ARTICLE}),
        serde_json::json!({"id": "a-1", "text": "짧은 글."}),
        serde_json::json!({"text": "아이디 없는 글."}),
    );
    paraclean()
        .args(["clean", "-q", "--format", "jsonl", "--report"])
        .arg(&report)
        .write_stdin(input.clone())
        .assert()
        .success();
    let ids: Vec<serde_json::Value> = fs::read_to_string(&report)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].clone())
        .collect();
    assert_eq!(
        ids,
        vec![
            serde_json::json!(7),
            serde_json::json!("a-1"),
            serde_json::json!("<stdin>:3")
        ]
    );
    paraclean()
        .args([
            "clean",
            "-q",
            "--explain",
            "--format",
            "jsonl",
            "--id-field",
            "id",
        ])
        .write_stdin(input)
        .assert()
        .success()
        .stdout(
            predicate::str::contains("== 7 (<stdin>:1)\n")
                .and(predicate::str::contains("== a-1 (<stdin>:2)\n"))
                .and(predicate::str::contains("== <stdin>:3\n")),
        );
}

const PACK_HEAD: &str = "[pack]\nid = \"mine\"\ndescription = \"my site\"\n";

/// Point 11: `rules --check` loads a pack as `clean --rules` does (a duplicate of a built-in id
/// fails, naming the file), warns about rules that cannot fire, and shows regex errors on the
/// user's own pattern.
#[test]
fn rules_check_loads_the_pack_as_clean_does() {
    let dir = tempfile::tempdir().unwrap();
    let dup = dir.path().join("dup.toml");
    fs::write(
        &dup,
        format!("{PACK_HEAD}[[rule]]\nid = \"KO-COPY-001\"\nclass = \"promo\"\ndescription = \"d\"\npattern = 'buy now'\nexamples = [{{ text = \"buy now\" }}]\n"),
    )
    .unwrap();
    paraclean()
        .args(["rules", "--check"])
        .arg(&dup)
        .assert()
        .failure()
        .stderr(
            predicate::str::contains("dup.toml")
                .and(predicate::str::contains("KO-COPY-001: duplicate rule id")),
        );
    paraclean()
        .args(["clean", "-q", "--rules"])
        .arg(&dup)
        .write_stdin("x\n")
        .assert()
        .failure()
        .stderr(predicate::str::contains("dup.toml"));

    let tail = dir.path().join("tail.toml");
    fs::write(
        &tail,
        format!("{PACK_HEAD}[[rule]]\nid = \"MINE-TAIL-1\"\nclass = \"promo\"\ndescription = \"d\"\nzone = \"tail\"\npattern = 'more stories'\nexamples = [{{ text = \"More stories\" }}]\n"),
    )
    .unwrap();
    paraclean()
        .args(["rules", "--check"])
        .arg(&tail)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "tail.toml: warning: rule MINE-TAIL-1: zone = \"tail\" fires only after a footer anchor",
        ))
        .stdout(predicate::str::contains("1 rule, 1 example, 0 failed, 1 warning"));

    let bad = dir.path().join("bad.toml");
    fs::write(
        &bad,
        format!("{PACK_HEAD}[[rule]]\nid = \"MINE-1\"\nclass = \"promo\"\ndescription = \"d\"\npattern = 'buy (now'\nexamples = [{{ text = \"buy now\" }}]\n"),
    )
    .unwrap();
    let out = paraclean()
        .args(["rules", "--check"])
        .arg(&bad)
        .assert()
        .failure()
        .stderr(
            predicate::str::contains("bad.toml")
                .and(predicate::str::contains("rule MINE-1"))
                .and(predicate::str::contains("buy (now")),
        )
        .get_output()
        .clone();
    assert!(!stderr_of(&out).contains("(?i)"), "{}", stderr_of(&out));
}

/// Point 12: one error is printed once; a missing input among good ones is reported and the good
/// ones are still cleaned (exit 1), unless `--on-error fail`.
#[test]
fn errors_are_printed_once_and_do_not_stop_the_good_inputs() {
    let out = paraclean()
        .args(["clean", "-q", "--format", "jsonl", "--on-error", "fail"])
        .write_stdin("{\"text\":\"좋은 줄.\"}\n{not json\n")
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stderr = stderr_of(&out);
    assert_eq!(stderr.matches("malformed JSON").count(), 1, "{stderr}");
    assert!(!stderr.contains("passed through"), "{stderr}");

    let out = paraclean()
        .args(["rules", "--check", "nope.toml"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stderr = stderr_of(&out);
    assert_eq!(
        stderr.matches("No such file or directory").count(),
        1,
        "{stderr}"
    );
    assert!(stderr.contains("nope.toml"), "{stderr}");

    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.txt");
    fs::write(&good, ARTICLE).unwrap();
    let missing = dir.path().join("missing.txt");
    paraclean()
        .args(["clean", "-q"])
        .arg(&missing)
        .arg(&good)
        .assert()
        .code(1)
        .stdout(CLEAN)
        .stderr(predicate::str::contains("missing.txt"));
    paraclean()
        .args(["clean", "-q", "--on-error", "fail"])
        .arg(&missing)
        .arg(&good)
        .assert()
        .code(1)
        .stdout("");
}

/// Point 13: `--color`, `NO_COLOR`, `--include` (repeatable, paths relative to the directory
/// named) and a warning when a filter leaves no input.
#[test]
fn color_choice_and_include_filters() {
    paraclean()
        .args(["clean", "-q", "--explain", "--color", "always"])
        .write_stdin(ARTICLE)
        .assert()
        .success()
        .stdout(predicate::str::contains("\x1b["));
    paraclean()
        .args(["clean", "-q", "--explain", "--color", "never"])
        .env("NO_COLOR", "1")
        .write_stdin(ARTICLE)
        .assert()
        .success()
        .stdout(predicate::str::contains("\x1b[").not());

    let dir = tempfile::tempdir().unwrap();
    let scraped = dir.path().join("scraped");
    for (path, text) in [
        ("en/a.txt", "English one."),
        ("en/deep/b.txt", "English deep."),
        ("fr/c.txt", "Français."),
        ("ko/d.md", "한국어."),
    ] {
        let p = scraped.join(path);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }
    paraclean()
        .args(["clean", "-q", "--include", "en/*.txt"])
        .arg(&scraped)
        .assert()
        .success()
        .stdout("English one.");
    paraclean()
        .args(["clean", "-q", "--include", "fr/*.txt", "--include", "*.md"])
        .arg(&scraped)
        .assert()
        .success()
        .stdout("Français.한국어.");
    paraclean()
        .args(["clean", "-q", "--include", "de/*.txt"])
        .arg(&scraped)
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(
            "--include 'de/*.txt' matched none of the 4 files",
        ));
}

/// Point 14: a learned table records the field that named the sources, and `clean --learned`
/// uses it without being told again.
#[test]
fn clean_learned_names_sources_as_the_table_was_learned() {
    let dir = tempfile::tempdir().unwrap();
    let crawl = dir.path().join("crawl.jsonl");
    let menu = "Home | World | Business | Sports | Weather | Contact us";
    let mut lines = String::new();
    let stories = [
        "The town council approved a new budget for the library after a long debate.",
        "Heavy rain flooded the river road, and crews worked through the night.",
        "A local bakery won a regional prize for its sourdough and rye loaves.",
        "Students at the high school built a robot that sorts recycling by color.",
        "The mayor announced plans to repair the old bridge before winter arrives.",
        "Farmers reported an early harvest thanks to a warm and dry September.",
        "A new bus line will connect the hospital with the northern suburbs.",
        "Volunteers planted three hundred trees along the lake shore on Saturday.",
    ];
    for story in stories {
        let text = format!("{menu}\n{story}\n");
        lines.push_str(&format!(
            "{}\n",
            serde_json::json!({"site": "example-news", "text": text})
        ));
    }
    fs::write(&crawl, &lines).unwrap();
    let table = dir.path().join("sites.table");
    paraclean()
        .args(["learn", "-q", "--source-field", "site", "-o"])
        .arg(&table)
        .arg(&crawl)
        .assert()
        .success();
    let header = fs::read_to_string(&table).unwrap();
    assert!(
        header
            .lines()
            .next()
            .unwrap()
            .contains("\"source_field\":\"site\""),
        "{header}"
    );
    let out = paraclean()
        .args(["clean", "-q", "--learned"])
        .arg(&table)
        .arg(&crawl)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(!out.contains("Home | World"), "{out}");
    for story in stories {
        assert!(out.contains(story), "{out}");
    }
}

/// Point 15: plural forms, rule settings as the TOML spells them, `rules --help` without the
/// cleaning flags, `learn` refusing a terminal, and metadata without job titles and with English
/// stamps read as dates.
#[test]
fn the_small_things() {
    paraclean()
        .args(["clean"])
        .write_stdin("하나의 문서.")
        .assert()
        .success()
        .stderr(predicate::str::contains("1 document in, 1 out"));
    paraclean()
        .args(["rules", "KO-COPY-001"])
        .assert()
        .success()
        .stdout(predicate::str::contains("zone anywhere, action cut-span"));
    paraclean()
        .args(["rules", "--help"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("--no-dedup")
                .not()
                .and(predicate::str::contains("--learned").not())
                .and(predicate::str::contains("--min-docs").not())
                .and(predicate::str::contains("--disable")),
        );

    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), ARTICLE).unwrap();
    let script_ok = Command::new("script").arg("--version").output().is_ok();
    if script_ok {
        // `script` gives the command a terminal for stdout.
        let cmd = format!(
            "{} learn -q {}",
            bin().display(),
            dir.path().join("a.txt").display()
        );
        let out = Command::new("script")
            .args(["-qec", &cmd, "/dev/null"])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(2), "{text}");
        assert!(text.contains("not for a terminal"), "{text}");
    } else {
        eprintln!("note: `script` is not installed; the terminal check of `learn` is not run");
    }

    let report = dir.path().join("r.jsonl");
    paraclean()
        .args(["clean", "-q", "--report"])
        .arg(&report)
        .write_stdin(
            "The coach said it was a good day for everyone involved in the program this year.\n\
By Jane Doe, AP Sports Writer\n\
More text in the article that goes on for a while and has substance to it.\n\
Updated 5:42 PM EDT, April 16, 2024\n",
        )
        .assert()
        .success();
    let line: serde_json::Value =
        serde_json::from_str(fs::read_to_string(&report).unwrap().trim()).unwrap();
    assert_eq!(line["metadata"]["authors"], serde_json::json!(["Jane Doe"]));
    assert_eq!(line["metadata"]["published"], "2024-04-16 17:42");
}
