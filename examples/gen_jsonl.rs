//! Writes N MB of Korean-news-like JSONL built from the gold corpus's documents, seeded and
//! reproducible: `cargo run --release --example gen_jsonl -- corpus 200 42 > bench.jsonl`
//! (arguments: corpus root, MB, seed, language or `all`, and `unique` for records that share no block).
//!
//! Each record takes a corpus document (raw, with its boilerplate and repeats), renumbers its figures
//! and reorders some of its body lines with a seeded generator, so records differ while keeping the
//! shapes (bylines, footers, portal tails, duplicates) the cleaner meets in real crawls.

use std::io::{BufWriter, Write};

struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let root = args.get(1).map_or("corpus", String::as_str);
    let mb: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(100);
    let seed: u64 = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(42);
    let only_lang = args.get(4).cloned().filter(|l| l != "all");
    // `unique`: every line carries the record number, so no two records share a block (the worst
    // case for `paraclean learn`'s memory: every block is a new key).
    let unique = args.get(5).is_some_and(|a| a == "unique");
    let mut docs = paraclean::eval::load_corpus(std::path::Path::new(root)).expect("corpus");
    if let Some(lang) = &only_lang {
        docs.retain(|d| &d.meta.lang == lang);
    }
    let mut rng = Lcg(seed);
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut written = 0usize;
    let mut id = 0u64;
    while written < mb << 20 {
        let doc = &docs[rng.next() as usize % docs.len()];
        let mut lines: Vec<String> = doc.raw.lines().map(str::to_string).collect();
        // Swap two body lines now and then, and shift every figure by a per-record offset.
        if lines.len() > 6 && rng.next().is_multiple_of(2) {
            let a = 2 + rng.next() as usize % (lines.len() / 2);
            let b = 2 + rng.next() as usize % (lines.len() / 2);
            lines.swap(a, b);
        }
        let shift = (rng.next() % 9) as u8;
        let text: String = lines
            .join("\n")
            .chars()
            .map(|c| {
                if c.is_ascii_digit() {
                    (b'0' + (c as u8 - b'0' + shift) % 10) as char
                } else {
                    c
                }
            })
            .collect();
        let text = if unique {
            text.lines()
                .map(|l| format!("{l} #{id}"))
                .collect::<Vec<_>>()
                .join("\n")
        } else {
            text
        };
        let record = serde_json::json!({"id": id, "source": doc.meta.source, "lang": doc.meta.lang, "text": text});
        let line = serde_json::to_string(&record).expect("json");
        out.write_all(line.as_bytes()).expect("write");
        out.write_all(b"\n").expect("write");
        written += line.len() + 1;
        id += 1;
    }
}
