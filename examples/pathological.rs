//! Times pathological documents against normal ones of about the same size, single-threaded:
//! `cargo run --release --example pathological`. Prints MB/s for each and the ratio to normal
//! documents (1.0 = the same cost per byte). Linearity itself is tested by counted work in
//! `tests/hostile.rs`; this example gives the wall-clock side for the README.

use paraclean::{Cleaner, Config};
use std::fmt::Write;
use std::time::Instant;

fn mb_per_s(bytes: usize, secs: f64) -> f64 {
    bytes as f64 / secs / 1e6
}

fn time_docs(cleaner: &Cleaner, docs: &[String]) -> f64 {
    let bytes: usize = docs.iter().map(String::len).sum();
    let t = Instant::now();
    for d in docs {
        std::hint::black_box(cleaner.clean(d));
    }
    mb_per_s(bytes, t.elapsed().as_secs_f64())
}

fn main() {
    let cleaner = Cleaner::new(Config::default()).expect("rules");
    let corpus = paraclean::eval::load_corpus(std::path::Path::new("corpus")).expect("corpus");
    let normal = |target: usize| -> Vec<String> {
        let mut out = Vec::new();
        let mut size = 0;
        for d in corpus.iter().cycle() {
            if size >= target {
                break;
            }
            size += d.raw.len();
            out.push(d.raw.clone());
        }
        out
    };

    let mut million = String::new();
    for i in 0..1_000_000u64 {
        writeln!(million, "항목 {i}: 값은 {}이다.", i * 7).unwrap();
    }
    let mut near = String::new();
    let base = "정부는 올해 하반기 경제정책방향을 발표하고 내수 회복을 위한 재정 지원을 확대하겠다고 밝혔다";
    for i in 0..100_000u64 {
        // Near-identical paragraphs: one varying letter pair, same figures.
        let tweak = ["가나", "다라", "마바", "사아"][(i % 4) as usize];
        writeln!(near, "{base} {tweak}{}.", "다".repeat((i % 3) as usize)).unwrap();
    }
    let line: String = "서울시는 대중교통 요금 체계를 개편한다고 밝혔다. "
        .repeat(50_000_000 / 66)
        .trim_end()
        .to_string();

    println!(
        "| document | size | MB/s | normal docs of that size, MB/s | cost per byte vs normal |"
    );
    println!("|---|---:|---:|---:|---:|");
    for (name, doc) in [
        ("1,000,000 short blocks", &million),
        ("100,000 near-identical blocks", &near),
        ("one 50 MB line", &line),
    ] {
        let patho = time_docs(&cleaner, std::slice::from_ref(doc));
        let norm = time_docs(&cleaner, &normal(doc.len()));
        println!(
            "| {name} | {:.1} MB | {patho:.1} | {norm:.1} | {:.2} |",
            doc.len() as f64 / 1e6,
            norm / patho
        );
    }
}
