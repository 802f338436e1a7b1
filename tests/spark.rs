//! The PySpark example (`examples/spark/paraclean_job.py`) gives, byte for byte, what one
//! machine gives: the same learned table after per-partition `learn` and `learn --merge`, and
//! the same cleaned JSONL after per-partition `clean --learned`.
//!
//! Needs `python3` with `pyspark` (and Java). Without them the test prints a note and passes,
//! unless `PARACLEAN_REQUIRE_SPARK` is set (as in CI): then it fails.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Instant;

const BIN: &str = env!("CARGO_BIN_EXE_paraclean");

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn pyspark_available() -> bool {
    Command::new("python3")
        .args(["-c", "import pyspark"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

fn check(what: &str, out: &Output) {
    assert!(
        out.status.success(),
        "{what} failed ({})\n--- stdout ---\n{}\n--- stderr ---\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
}

/// `corpus/learned/<source>/<nnn>/raw.txt`, in sorted path order, as JSONL.
fn corpus_jsonl() -> (String, usize) {
    let base = root().join("corpus/learned");
    let mut paths = Vec::new();
    for source in fs::read_dir(&base).unwrap() {
        let source = source.unwrap().path();
        if !source.is_dir() {
            continue;
        }
        for doc in fs::read_dir(&source).unwrap() {
            let raw = doc.unwrap().path().join("raw.txt");
            if raw.is_file() {
                paths.push(raw);
            }
        }
    }
    paths.sort();
    let mut jsonl = String::new();
    for raw in &paths {
        let doc = raw.parent().unwrap();
        let source = doc.parent().unwrap().file_name().unwrap().to_str().unwrap();
        let nnn = doc.file_name().unwrap().to_str().unwrap();
        let line = serde_json::json!({
            "id": format!("{source}/{nnn}"),
            "source": source,
            "text": fs::read_to_string(raw).unwrap(),
        });
        jsonl.push_str(&serde_json::to_string(&line).unwrap());
        jsonl.push('\n');
    }
    (jsonl, paths.len())
}

fn part_files(dir: &Path) -> Vec<PathBuf> {
    let mut parts: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("part-"))
        })
        .collect();
    parts.sort();
    parts
}

#[test]
fn spark_job_matches_single_machine_byte_for_byte() {
    if !pyspark_available() {
        if std::env::var_os("PARACLEAN_REQUIRE_SPARK").is_some() {
            panic!(
                "PARACLEAN_REQUIRE_SPARK is set but `python3 -c \"import pyspark\"` fails: \
                 pip install pyspark==3.5.3 (and have Java 17)"
            );
        }
        eprintln!(
            "skipping spark_job_matches_single_machine_byte_for_byte: pyspark is not \
             installed (pip install pyspark==3.5.3; set PARACLEAN_REQUIRE_SPARK=1 to require it)"
        );
        return;
    }

    let dir = tempfile::tempdir().unwrap();
    let (jsonl, docs) = corpus_jsonl();
    assert_eq!(
        docs, 500,
        "expected 5 sources × 100 documents in corpus/learned"
    );
    let input = dir.path().join("corpus.jsonl");
    fs::write(&input, &jsonl).unwrap();

    // One machine: one learn pass, one clean pass.
    let t1 = dir.path().join("single.table");
    let out = Command::new(BIN)
        .arg("learn")
        .arg(&input)
        .args(["--source-field", "source", "-q", "-o"])
        .arg(&t1)
        .output()
        .unwrap();
    check("paraclean learn", &out);
    let out = Command::new(BIN)
        .arg("clean")
        .arg(&input)
        .arg("--learned")
        .arg(&t1)
        .args(["--source-field", "source", "-q"])
        .output()
        .unwrap();
    check("paraclean clean --learned", &out);
    let expected = out.stdout;
    let out = Command::new(BIN)
        .arg("clean")
        .arg(&input)
        .args(["--source-field", "source", "-q"])
        .output()
        .unwrap();
    check("paraclean clean", &out);
    let without_table = out.stdout;

    // The test must not pass vacuously: cleaning removed text, and the table removed more.
    assert_eq!(expected.iter().filter(|&&b| b == b'\n').count(), docs);
    assert!(
        expected.len() < jsonl.len(),
        "cleaning removed nothing ({} >= {} bytes)",
        expected.len(),
        jsonl.len()
    );
    assert!(
        expected.len() < without_table.len(),
        "the learned table removed nothing ({} >= {} bytes)",
        expected.len(),
        without_table.len()
    );

    // Spark: learn per partition → reduce(merge) → addFile(table) → clean per partition.
    let t2 = dir.path().join("spark.table");
    let output = dir.path().join("spark-out");
    let started = Instant::now();
    let out = Command::new("python3")
        .arg(root().join("examples/spark/paraclean_job.py"))
        .arg("--input")
        .arg(&input)
        .args(["--partitions", "4", "--output"])
        .arg(&output)
        .arg("--table")
        .arg(&t2)
        .args([
            "--binary",
            BIN,
            "--source-field",
            "source",
            "--master",
            "local[2]",
        ])
        .env("PYSPARK_PYTHON", "python3")
        .env("PYSPARK_DRIVER_PYTHON", "python3")
        .env("SPARK_LOCAL_IP", "127.0.0.1")
        .env_remove("PYSPARK_GATEWAY_PORT")
        .env_remove("PYSPARK_GATEWAY_SECRET")
        .current_dir(dir.path())
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    check("examples/spark/paraclean_job.py", &out);
    eprintln!("spark job took {:.1?}", started.elapsed());

    let t1_bytes = fs::read(&t1).unwrap();
    let t2_bytes = fs::read(&t2).unwrap();
    assert!(
        t1_bytes == t2_bytes,
        "merged Spark table differs from the single-pass table ({} vs {} bytes)",
        t2_bytes.len(),
        t1_bytes.len()
    );

    assert!(
        output.join("_SUCCESS").is_file(),
        "no _SUCCESS in {output:?}"
    );
    let parts = part_files(&output);
    assert!(
        parts.len() >= 4,
        "expected at least 4 partitions, got {} part files",
        parts.len()
    );
    let mut got = Vec::new();
    for part in &parts {
        got.extend(fs::read(part).unwrap());
    }
    if got != expected {
        let first_diff = got
            .iter()
            .zip(&expected)
            .position(|(a, b)| a != b)
            .unwrap_or(got.len().min(expected.len()));
        panic!(
            "Spark output ({} bytes) differs from single-machine output ({} bytes) at byte {}",
            got.len(),
            expected.len(),
            first_diff
        );
    }
}
