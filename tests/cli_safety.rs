//! Data safety of the CLI (issue 11, points 1–7): no output clobbers an input or another output,
//! compressed names hold compressed data, documents never run together, failed and binary inputs
//! leave nothing wrong behind, and JSONL on stdin is read as JSONL.

mod common;

use common::*;
use predicates::prelude::*;
use std::fs;

/// Point 1: no output (`-o`, `--report`, `learn -o`) may be an input or lie inside an input directory.
#[test]
fn no_output_is_an_input_or_inside_an_input_directory() {
    let dir = tempfile::tempdir().unwrap();
    let same = dir.path().join("same.txt");
    fs::write(&same, ARTICLE).unwrap();
    paraclean()
        .args(["clean", "-q"])
        .arg(&same)
        .arg("--report")
        .arg(&same)
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("refusing to write the report")
                .and(predicate::str::contains("same.txt")),
        );
    assert_eq!(
        fs::read_to_string(&same).unwrap(),
        ARTICLE,
        "input untouched"
    );

    let scraped = dir.path().join("scraped");
    fs::create_dir_all(scraped.join("en")).unwrap();
    fs::write(scraped.join("en/a.txt"), ARTICLE).unwrap();
    let before = walk(&scraped);
    paraclean()
        .args(["clean", "-q"])
        .arg(&scraped)
        .arg("-o")
        .arg(scraped.join("en/"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("inside the input directory"));
    paraclean()
        .args(["clean", "-q"])
        .arg(&scraped)
        .arg("--report")
        .arg(scraped.join("report.jsonl"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("inside the input directory"));
    paraclean()
        .args(["learn", "-q"])
        .arg(&scraped)
        .arg("-o")
        .arg(scraped.join("sites.table"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("refusing to write the table"));
    assert_eq!(
        walk(&scraped),
        before,
        "nothing written into the input tree"
    );
}

/// Point 2: two inputs that map to one output file are refused before anything is written.
#[test]
fn two_inputs_mapping_to_one_output_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["a1", "a2"] {
        fs::create_dir_all(dir.path().join(sub)).unwrap();
        fs::write(dir.path().join(sub).join("x.txt"), ARTICLE).unwrap();
    }
    let coll = dir.path().join("coll/");
    paraclean()
        .args(["clean", "-q"])
        .arg(dir.path().join("a1"))
        .arg(dir.path().join("a2"))
        .arg("-o")
        .arg(&coll)
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("a1/x.txt")
                .and(predicate::str::contains("a2/x.txt"))
                .and(predicate::str::contains("would both be written to")),
        );
    assert!(!coll.exists(), "nothing written");
}

/// Point 3: compressed output names get compressed data, and a mirrored tree keeps each input's
/// compression.
#[test]
fn outputs_are_compressed_by_their_extension() {
    let dir = tempfile::tempdir().unwrap();
    let crawl = dir.path().join("crawl.jsonl");
    let line = format!("{}\n", serde_json::json!({"text": ARTICLE}));
    let want = format!("{}\n", serde_json::json!({"text": CLEAN}));
    fs::write(&crawl, &line).unwrap();
    let gz = dir.path().join("out.jsonl.gz");
    let zst = dir.path().join("out.jsonl.zst");
    let report = dir.path().join("report.jsonl.gz");
    paraclean()
        .args(["clean", "-q"])
        .arg(&crawl)
        .arg("-o")
        .arg(&gz)
        .arg("--report")
        .arg(&report)
        .assert()
        .success();
    assert_eq!(
        String::from_utf8(gunzip(&fs::read(&gz).unwrap())).unwrap(),
        want
    );
    let report_text = String::from_utf8(gunzip(&fs::read(&report).unwrap())).unwrap();
    assert!(report_text.contains("\"removals\""), "{report_text}");
    paraclean()
        .args(["clean", "-q"])
        .arg(&crawl)
        .arg("-o")
        .arg(&zst)
        .assert()
        .success();
    let unzst = zstd::decode_all(&fs::read(&zst).unwrap()[..]).unwrap();
    assert_eq!(String::from_utf8(unzst).unwrap(), want);

    // A mirrored tree: art.txt.gz stays gzip, plain.txt stays plain.
    let tree = dir.path().join("tree");
    fs::create_dir_all(&tree).unwrap();
    fs::write(tree.join("art.txt.gz"), gzip(ARTICLE.as_bytes())).unwrap();
    fs::write(tree.join("plain.txt"), ARTICLE).unwrap();
    let out = dir.path().join("mirror");
    paraclean()
        .args(["clean", "-q"])
        .arg(&tree)
        .arg("-o")
        .arg(format!("{}/", out.display()))
        .assert()
        .success();
    assert_eq!(
        String::from_utf8(gunzip(&fs::read(out.join("art.txt.gz")).unwrap())).unwrap(),
        CLEAN
    );
    assert_eq!(fs::read_to_string(out.join("plain.txt")).unwrap(), CLEAN);
}

/// Point 4: a directory input (or several text inputs) with `-o NAME` mirrors into NAME as a
/// directory, or is refused if NAME is a file; text documents never run together in one file.
#[test]
fn text_documents_never_run_together_in_one_file() {
    let dir = tempfile::tempdir().unwrap();
    let scraped = dir.path().join("scraped");
    fs::create_dir_all(&scraped).unwrap();
    fs::write(scraped.join("a.txt"), ARTICLE).unwrap();
    fs::write(scraped.join("b.txt"), "둘째 문서입니다.").unwrap();
    let cleaned2 = dir.path().join("cleaned2");
    paraclean()
        .args(["clean", "-q"])
        .arg(&scraped)
        .arg("-o")
        .arg(&cleaned2)
        .assert()
        .success();
    assert!(cleaned2.is_dir(), "-o without a slash became a directory");
    assert_eq!(fs::read_to_string(cleaned2.join("a.txt")).unwrap(), CLEAN);
    assert_eq!(
        fs::read_to_string(cleaned2.join("b.txt")).unwrap(),
        "둘째 문서입니다."
    );

    let file = dir.path().join("existing.txt");
    fs::write(&file, "keep me").unwrap();
    paraclean()
        .args(["clean", "-q"])
        .arg(scraped.join("a.txt"))
        .arg(scraped.join("b.txt"))
        .arg("-o")
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("name a directory"));
    assert_eq!(fs::read_to_string(&file).unwrap(), "keep me");

    // JSONL documents are lines: several JSONL inputs may share one output file.
    fs::write(dir.path().join("1.jsonl"), "{\"text\":\"하나.\"}\n").unwrap();
    fs::write(dir.path().join("2.jsonl"), "{\"text\":\"둘.\"}\n").unwrap();
    let joined = dir.path().join("all.jsonl");
    paraclean()
        .args(["clean", "-q"])
        .arg(dir.path().join("1.jsonl"))
        .arg(dir.path().join("2.jsonl"))
        .arg("-o")
        .arg(&joined)
        .assert()
        .success();
    assert_eq!(
        fs::read_to_string(&joined).unwrap(),
        "{\"text\":\"하나.\"}\n{\"text\":\"둘.\"}\n"
    );
}

/// Point 5: an input that fails leaves no output file (not even an empty one), and no temporary
/// file is left anywhere.
#[test]
fn a_failed_input_leaves_no_output() {
    let dir = tempfile::tempdir().unwrap();
    let tree = dir.path().join("in");
    fs::create_dir_all(&tree).unwrap();
    fs::write(
        tree.join("bad.txt.gz"),
        b"\x1f\x8b\x08\x00 definitely not gzip",
    )
    .unwrap();
    fs::write(tree.join("good.txt"), ARTICLE).unwrap();
    let out = dir.path().join("out/");
    paraclean()
        .args(["clean", "-q"])
        .arg(&tree)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("bad.txt.gz"));
    assert_eq!(walk(&out), vec![out.join("good.txt")]);
    assert_eq!(fs::read_to_string(out.join("good.txt")).unwrap(), CLEAN);

    let one = dir.path().join("one.txt");
    paraclean()
        .args(["clean", "-q"])
        .arg(tree.join("bad.txt.gz"))
        .arg("-o")
        .arg(&one)
        .assert()
        .code(1);
    assert!(!one.exists(), "no output for an input that failed");
    let names: Vec<_> = walk(dir.path())
        .into_iter()
        .filter(|p| p.to_string_lossy().contains("paraclean"))
        .collect();
    assert!(names.is_empty(), "temporary files left: {names:?}");
}

/// Point 6: a binary input is never rewritten: passed through byte for byte (the default), left
/// out, or fatal, always with a warning naming it.
#[test]
fn binary_input_is_never_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("photo.dat");
    let bytes = junk(20_000);
    assert!(bytes.contains(&0));
    fs::write(&bin, &bytes).unwrap();
    let out = paraclean()
        .args(["clean", "-q"])
        .arg(&bin)
        .assert()
        .success()
        .stderr(predicate::str::contains("photo.dat: binary file"))
        .get_output()
        .clone();
    assert!(out.stdout == bytes, "passed through byte for byte");
    paraclean()
        .args(["clean", "-q", "--on-error", "skip"])
        .arg(&bin)
        .assert()
        .success()
        .stdout("")
        .stderr(
            predicate::str::contains("photo.dat: binary file")
                .and(predicate::str::contains("left out")),
        );
    paraclean()
        .args(["clean", "-q", "--on-error", "fail"])
        .arg(&bin)
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("photo.dat: binary file"));
    // The same in a mirrored tree: the output file is the input's bytes.
    let out_dir = dir.path().join("out/");
    fs::write(dir.path().join("ok.txt"), ARTICLE).unwrap();
    paraclean()
        .args(["clean", "-q"])
        .arg(&bin)
        .arg(dir.path().join("ok.txt"))
        .arg("-o")
        .arg(&out_dir)
        .assert()
        .success();
    assert_eq!(fs::read_to_string(out_dir.join("ok.txt")).unwrap(), CLEAN);
    assert!(fs::read(out_dir.join("photo.dat")).unwrap() == bytes);
}

/// Point 7: JSONL on stdin is read as JSONL (JSONL flags imply it; a leading `{` is sniffed with a
/// note), and compressed stdin is recognised by its magic bytes.
#[test]
fn jsonl_and_compression_on_stdin_are_recognised() {
    let body = serde_json::to_string(ARTICLE).unwrap();
    let crawl = format!("{{\"url\":\"u1\",\"body\":{body}}}\n");
    let want = format!("{}\n", serde_json::json!({"url": "u1", "body": CLEAN}));
    paraclean()
        .args(["clean", "-q", "--text-field", "body"])
        .write_stdin(crawl.clone())
        .assert()
        .success()
        .stdout(want.clone());
    let plain = format!("{}\n", serde_json::json!({"text": ARTICLE}));
    let plain_want = format!("{}\n", serde_json::json!({"text": CLEAN}));
    paraclean()
        .arg("clean")
        .write_stdin(plain.clone())
        .assert()
        .success()
        .stdout(plain_want.clone())
        .stderr(predicate::str::contains("read as JSONL"));
    paraclean()
        .args(["clean", "-q"])
        .write_stdin(gzip(plain.as_bytes()))
        .assert()
        .success()
        .stdout(plain_want.clone());
    paraclean()
        .args(["clean", "-q"])
        .write_stdin(zstd::encode_all(ARTICLE.as_bytes(), 1).unwrap())
        .assert()
        .success()
        .stdout(CLEAN);
}
