//! Times pathological documents against normal ones of about the same size, single-threaded:
//! `cargo run --release --example pathological`. Prints MB/s of CPU time (median of 3) for each and
//! the ratio to normal documents (1.0 = the same cost per byte), then the duplicate detector's
//! counted work per MB.
//! Linearity itself is tested by counted work in `tests/hostile.rs`; this example gives the
//! wall-clock side for the README.

use paraclean::{Cleaner, Config, Work};
use std::fmt::Write;
use std::time::Instant;

fn mb_per_s(bytes: usize, secs: f64) -> f64 {
    bytes as f64 / secs / 1e6
}

/// Seconds this thread has run on a CPU (Linux), else wall-clock seconds since `start`: on a
/// machine shared with other builds, CPU time is what the cleaner costs.
fn cpu_seconds(start: Instant) -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or_else(|| start.elapsed().as_secs_f64(), |ns| ns / 1e9)
}

/// Median of three timed runs over `docs`, in MB/s, and the work counters of one run.
fn time_docs(cleaner: &Cleaner, docs: &[String]) -> (f64, Work) {
    let bytes: usize = docs.iter().map(String::len).sum();
    let mut speeds = Vec::new();
    let mut total = Work::default();
    for run in 0..3 {
        let wall = Instant::now();
        let t = cpu_seconds(wall);
        for d in docs {
            let (cleaned, work) = cleaner.clean_counted(d, None);
            std::hint::black_box(cleaned);
            if run == 0 {
                add(&mut total, &work);
            }
        }
        speeds.push(mb_per_s(bytes, cpu_seconds(wall) - t));
    }
    speeds.sort_by(f64::total_cmp);
    (speeds[1], total)
}

fn add(total: &mut Work, w: &Work) {
    total.blocks += w.blocks;
    total.dup_postings_scanned += w.dup_postings_scanned;
    total.dup_verifications += w.dup_verifications;
    total.dup_edit_distance_cells += w.dup_edit_distance_cells;
    total.dup_run_steps += w.dup_run_steps;
}

/// 600 distinct news sentences, each repeated `copies` times with a different number appended
/// (the shape of a scraped sensor log or a templated live feed).
pub fn numbered_sentences(copies: usize) -> String {
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
    let mut sentences = Vec::new();
    for s in subjects {
        for a in actions {
            for t in tails {
                sentences.push(format!("{s} {a}, {t}."));
            }
        }
    }
    let mut doc = String::new();
    let mut n: u64 = 12_345;
    for copy in 0..copies {
        for (i, s) in sentences.iter().enumerate() {
            n = n
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            writeln!(doc, "{s} 측정값 {} (#{copy}-{i})", n >> 44).unwrap();
        }
    }
    doc
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
    let numbered = numbered_sentences(256);
    let line: String = "서울시는 대중교통 요금 체계를 개편한다고 밝혔다. "
        .repeat(50_000_000 / 66)
        .trim_end()
        .to_string();

    println!(
        "| document | size | MB/s | normal docs of that size, MB/s | cost per byte vs normal |"
    );
    println!("|---|---:|---:|---:|---:|");
    let mut works = Vec::new();
    for (name, doc) in [
        ("1,000,000 short blocks", &million),
        ("100,000 near-identical blocks", &near),
        (
            "153,600 lines: 600 sentences × 256, numbers differ",
            &numbered,
        ),
        ("one 50 MB line", &line),
    ] {
        let (patho, patho_work) = time_docs(&cleaner, std::slice::from_ref(doc));
        let normal_docs = normal(doc.len());
        let (norm, norm_work) = time_docs(&cleaner, &normal_docs);
        println!(
            "| {name} | {:.1} MB | {patho:.1} | {norm:.1} | {:.2} |",
            doc.len() as f64 / 1e6,
            norm / patho
        );
        let normal_bytes: usize = normal_docs.iter().map(String::len).sum();
        works.push((name, doc.len(), patho_work, normal_bytes, norm_work));
    }
    println!();
    println!("Duplicate detector work per MB (pathological / normal documents of the same size):");
    println!();
    println!("| document | postings | verifications | edit-distance words | run steps |");
    println!("|---|---:|---:|---:|---:|");
    for (name, bytes, w, nbytes, nw) in works {
        let per = |x: usize, b: usize| x as f64 / (b as f64 / 1e6);
        println!(
            "| {name} | {:.0} / {:.0} | {:.0} / {:.0} | {:.0} / {:.0} | {:.0} / {:.0} |",
            per(w.dup_postings_scanned, bytes),
            per(nw.dup_postings_scanned, nbytes),
            per(w.dup_verifications, bytes),
            per(nw.dup_verifications, nbytes),
            per(w.dup_edit_distance_cells, bytes),
            per(nw.dup_edit_distance_cells, nbytes),
            per(w.dup_run_steps, bytes),
            per(nw.dup_run_steps, nbytes),
        );
    }
}
