//! Micro-benchmarks of each stage in bytes/s, on short, typical and long documents from the corpus.
//! `cargo bench` (CI only builds them: `cargo bench --no-run`).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use paraclean::detect::duplicates::{find_duplicates, DupConfig};
use paraclean::normalize::{dup_key, MatchView};
use paraclean::rules::LineMatcher;
use paraclean::segment::segment;
use paraclean::{Cleaner, Config};

const DOCS: &[(&str, &str)] = &[
    ("ko-short", include_str!("../corpus/ko/k001/raw.txt")),
    ("ko-typical", include_str!("../corpus/ko/seed/raw.txt")),
    ("ko-long", include_str!("../corpus/long/L001/raw.txt")),
    ("en-typical", include_str!("../corpus/en/e001/raw.txt")),
    ("en-long", include_str!("../corpus/long/L005/raw.txt")),
];

fn stages(c: &mut Criterion) {
    let cleaner = Cleaner::new(Config::default()).expect("rules");
    let mut group = c.benchmark_group("stage");
    for (name, doc) in DOCS {
        group.throughput(Throughput::Bytes(doc.len() as u64));
        group.bench_with_input(BenchmarkId::new("segment", name), doc, |b, doc| {
            b.iter(|| segment(doc))
        });
        group.bench_with_input(BenchmarkId::new("normalize", name), doc, |b, doc| {
            b.iter(|| {
                doc.lines()
                    .map(|l| MatchView::new(l).text.len() + dup_key(l).len())
                    .sum::<usize>()
            })
        });
        group.bench_with_input(BenchmarkId::new("duplicates", name), doc, |b, doc| {
            let lines: Vec<&str> = doc.lines().collect();
            b.iter(|| find_duplicates(&lines, &DupConfig::default()))
        });
        group.bench_with_input(BenchmarkId::new("rules", name), doc, |b, doc| {
            let matcher = LineMatcher::new(cleaner.rules());
            b.iter(|| {
                doc.lines()
                    .map(|l| matcher.cut_line(l, |_| true).len())
                    .sum::<usize>()
            })
        });
        group.bench_with_input(BenchmarkId::new("clean", name), doc, |b, doc| {
            b.iter(|| cleaner.clean(doc))
        });
    }
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
