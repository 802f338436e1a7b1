//! In-process throughput of the library's `Cleaner::clean_batch` on the records of a JSONL file
//! (the `text` field), on a rayon pool of a given size: the Rust side of
//! `benches/python_throughput.py`, which times `paraclean.Cleaner.clean_many` on the same
//! documents. No I/O is timed. `cargo run --release --example lib_throughput -- FILE THREADS [RUNS]`
//! prints one line of JSON per run: `{"threads": N, "seconds": S, "cpu_seconds": C, "bytes": B,
//! "docs": D}` (CPU time of the whole process over the run, from /proc; null elsewhere: on a machine
//! shared with other work it tells the cost apart from the waiting).

use paraclean::{Cleaner, Config};
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("JSONL file");
    let threads: usize = args.next().and_then(|s| s.parse().ok()).expect("threads");
    let runs: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(1);
    let text = std::fs::read_to_string(&path).expect("read the JSONL file");
    let docs: Vec<String> = text
        .lines()
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).expect("a JSON record");
            v["text"].as_str().unwrap_or_default().to_string()
        })
        .collect();
    let bytes: usize = docs.iter().map(String::len).sum();
    let cleaner = Cleaner::new(Config::default()).expect("the built-in rules");
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a thread pool");
    // Warm-up: the rules compile on first use.
    pool.install(|| cleaner.clean_batch(&docs[..docs.len().min(200)]));
    for _ in 0..runs {
        let cpu0 = cpu_seconds();
        let t0 = Instant::now();
        let cleaned = pool.install(|| cleaner.clean_batch(&docs));
        let seconds = t0.elapsed().as_secs_f64();
        let cpu = match (cpu0, cpu_seconds()) {
            (Some(a), Some(b)) => format!("{:.2}", b - a),
            _ => "null".to_string(),
        };
        assert_eq!(cleaned.len(), docs.len());
        println!(
            "{{\"threads\": {threads}, \"seconds\": {seconds:.4}, \"cpu_seconds\": {cpu}, \"bytes\": {bytes}, \"docs\": {}}}",
            docs.len()
        );
    }
}

/// User + system CPU time of this process so far (Linux: /proc/self/stat, in clock ticks of 1/100 s).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which is in parentheses and may hold spaces).
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}
