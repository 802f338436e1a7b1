//! Helpers shared by the CLI tests.
#![allow(dead_code)]

use assert_cmd::Command;
use std::fs;
use std::path::{Path, PathBuf};

pub const ARTICLE: &str = "정부가 내년 예산안을 발표했다.\n(서울=연합뉴스) 홍길동 기자 = 정부는 3일 국무회의에서 677조원 규모의 예산안을 의결했다고 밝혔다.\n기획재정부는 \"건전 재정 기조를 유지했다\"고 설명했다.\nhong@yna.co.kr\n<저작권자(c) 연합뉴스, 무단 전재-재배포 금지>\n";
pub const CLEAN: &str = "정부가 내년 예산안을 발표했다.\n정부는 3일 국무회의에서 677조원 규모의 예산안을 의결했다고 밝혔다.\n기획재정부는 \"건전 재정 기조를 유지했다\"고 설명했다.\n";

/// The binary under test; `PARACLEAN_BIN` runs the tests against another build (an older one,
/// to see a test fail before its fix).
pub fn bin() -> PathBuf {
    match std::env::var_os("PARACLEAN_BIN") {
        Some(p) => PathBuf::from(p),
        None => assert_cmd::cargo::cargo_bin("paraclean"),
    }
}

pub fn paraclean() -> Command {
    Command::new(bin())
}

/// Every file under `dir`, recursively, sorted.
pub fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = fs::read_dir(dir) {
        for e in entries {
            let p = e.unwrap().path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

pub fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

pub fn gunzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Read;
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(bytes)
        .read_to_end(&mut out)
        .unwrap();
    out
}

/// Deterministic pseudo-random bytes (with NULs among them).
pub fn junk(n: usize) -> Vec<u8> {
    let mut x: u32 = 12345;
    (0..n)
        .map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            (x >> 16) as u8
        })
        .collect()
}

/// The lines the rule-engine equivalence tests probe: every non-blank line of every `raw.txt`
/// under `corpus/`, then every built-in rule's examples and counter-examples.
pub fn rule_probe_lines(rules: &[paraclean::rules::CompiledRule]) -> Vec<String> {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut lines: Vec<String> = walk(&corpus)
        .into_iter()
        .filter(|p| p.file_name().is_some_and(|n| n == "raw.txt"))
        .flat_map(|p| {
            let text = fs::read_to_string(&p).unwrap();
            text.lines()
                .filter(|l| !l.trim().is_empty())
                .map(String::from)
                .collect::<Vec<_>>()
        })
        .collect();
    for rule in rules {
        lines.extend(rule.spec.examples.iter().map(|e| e.text.clone()));
        lines.extend(rule.spec.counter_examples.iter().cloned());
    }
    lines
}
