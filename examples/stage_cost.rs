//! Where the time goes, stage by stage, in-process (no I/O, no JSON, regexes compiled before timing):
//! `cargo run --release --example stage_cost -- FILE.jsonl [--text-field F] [--reps N] [--only-clean]`.
//!
//! Prints, for the documents of a JSONL file: MB/s of each stage on its own (segmenting, the match
//! view, the literal prefilter, the rule pass over every line, duplicate detection) and of the whole
//! `clean`, and the rule engine's counters per document: lines scanned, regex searches, and regex
//! searches on lines that come out unchanged (the work a content line should never cost).
//!
//! `--only-clean` runs just the whole `clean` once after the warm-up, inside `profiled` — for
//! `valgrind --tool=callgrind --collect-atstart=no --toggle-collect=*profiled*`.

use paraclean::detect::duplicates::{find_duplicates, DupConfig};
use paraclean::normalize::{dup_key, MatchView};
use paraclean::rules::prefilter::Hits;
use paraclean::rules::{LineMatcher, Zone};
use paraclean::segment::segment;
use paraclean::{Cleaner, Config, Work};
use std::hint::black_box;
use std::time::{Duration, Instant};

fn load(path: &str, field: &str) -> Vec<String> {
    let bytes = std::fs::read(path).expect("read");
    let bytes = if path.ends_with(".gz") {
        let mut out = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::MultiGzDecoder::new(&bytes[..]), &mut out)
            .expect("gunzip");
        out
    } else {
        bytes
    };
    let text = String::from_utf8(bytes).expect("utf-8");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("json");
            v[field].as_str().unwrap_or("").to_string()
        })
        .collect()
}

#[inline(never)]
fn measured(cleaner: &Cleaner, docs: &[String]) -> Work {
    let mut total = Work::default();
    for d in docs {
        let (cleaned, w) = cleaner.clean_counted(d, None);
        black_box(cleaned);
        total.line_scans += w.line_scans;
        total.regex_searches += w.regex_searches;
        total.regex_searches_kept += w.regex_searches_kept;
        total.blocks += w.blocks;
        total.blocks_kept += w.blocks_kept;
    }
    total
}

/// The measured run under callgrind (`--toggle-collect=*profiled*`): after the warm-up.
#[inline(never)]
fn profiled(cleaner: &Cleaner, docs: &[String]) -> Work {
    measured(cleaner, docs)
}

fn best_of(reps: usize, mut f: impl FnMut()) -> Duration {
    (0..reps)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .expect("reps")
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = args.get(1).expect("JSONL file");
    let opt = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1).cloned())
    };
    let field = opt("--text-field").unwrap_or_else(|| "text".into());
    let reps: usize = opt("--reps").and_then(|s| s.parse().ok()).unwrap_or(3);
    let docs = load(path, &field);
    let bytes: usize = docs.iter().map(String::len).sum();
    let mb = bytes as f64 / 1e6;
    let t = Instant::now();
    let cleaner = Cleaner::new(Config::default()).expect("rules");
    let build = t.elapsed();
    // Warm-up: the rule regexes the input reaches compile here, as they would on a long input.
    let t = Instant::now();
    let work = measured(&cleaner, &docs);
    let first = t.elapsed();
    if args.iter().any(|a| a == "--only-clean") {
        black_box(profiled(&cleaner, &docs));
        return;
    }
    let rate = |d: Duration| format!("{:8.1} MB/s", mb / d.as_secs_f64());
    println!(
        "{} documents, {:.1} MB, {:.0} bytes/doc; Cleaner::new {:.1?}, first pass with regex compilation {:.2?}",
        docs.len(),
        mb,
        bytes as f64 / docs.len() as f64,
        build,
        first
    );
    let n = docs.len() as f64;
    println!(
        "per document: {:.1} blocks, {:.1} line scans, {:.2} regex searches, {:.2} on lines kept unchanged ({:.1} such lines)",
        work.blocks as f64 / n,
        work.line_scans as f64 / n,
        work.regex_searches as f64 / n,
        work.regex_searches_kept as f64 / n,
        work.blocks_kept as f64 / n,
    );
    let segs: Vec<_> = docs.iter().map(|d| segment(d)).collect();
    let lines: Vec<Vec<&str>> = docs
        .iter()
        .zip(&segs)
        .map(|(d, s)| s.blocks.iter().map(|b| b.text(d)).collect())
        .collect();
    let clean = best_of(reps, || {
        black_box(measured(&cleaner, &docs));
    });
    let seg = best_of(reps, || {
        for d in &docs {
            black_box(segment(d));
        }
    });
    let view = best_of(reps, || {
        for ls in &lines {
            for l in ls {
                black_box(MatchView::new(l).text.len());
            }
        }
    });
    let keys = best_of(reps, || {
        for ls in &lines {
            for l in ls {
                black_box(dup_key(l));
            }
        }
    });
    let mut hits = Hits::default();
    let prefilter = best_of(reps, || {
        for ls in &lines {
            for l in ls {
                let v = MatchView::new(l);
                cleaner.rules().prefilter.candidates(&v.text, &mut hits);
                black_box(hits.rules.len());
            }
        }
    });
    let rules = best_of(reps, || {
        for ls in &lines {
            let matcher = LineMatcher::new(cleaner.rules());
            for l in ls {
                black_box(matcher.cut_line(l, |r| r.spec.zone == Zone::Anywhere));
            }
        }
    });
    let dups = best_of(reps, || {
        for ls in &lines {
            black_box(find_duplicates(ls, &DupConfig::default()));
        }
    });
    let share = |d: Duration| 100.0 * d.as_secs_f64() / clean.as_secs_f64();
    println!(
        "| stage (each on its own, best of {reps}) | throughput | time vs clean |\n|---|---:|---:|"
    );
    for (name, d) in [
        ("segment", seg),
        ("match view (every line)", view),
        ("dup keys (every line)", keys),
        ("match view + literal prefilter", prefilter),
        (
            "anywhere rules, one pass (view, prefilter, gates, regexes)",
            rules,
        ),
        ("duplicates (keys, index, verification)", dups),
        ("**clean** (all stages)", clean),
    ] {
        println!("| {name} | {} | {:.0}% |", rate(d), share(d));
    }
}
