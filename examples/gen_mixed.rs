//! Writes N MB of mixed Korean and English JSONL for the throughput benchmark, seeded and
//! reproducible: `cargo run --release --example gen_mixed -- corpus 200 42 [REALGOLD.jsonl.gz]`.
//!
//! Half the bytes are Korean documents (every corpus document in Korean), half English: every corpus
//! document in English, and, when a realgold file is given (the scraped
//! article pages of `../shared/realgold/article_body.dev.jsonl.gz`, field `raw`), those pages,
//! which have the size of real pages (6.7 KB on average). Each record is a document with its
//! figures shifted and two body lines swapped now and then, as in `gen_jsonl`, so records differ.

use std::io::{BufWriter, Read, Write};

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

struct Doc {
    source: String,
    lang: String,
    text: String,
}

fn realgold(path: &str) -> Vec<Doc> {
    let mut text = String::new();
    let file = std::fs::File::open(path).expect("realgold file");
    flate2::read::MultiGzDecoder::new(file)
        .read_to_string(&mut text)
        .expect("gunzip realgold");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("json");
            Doc {
                source: format!("realgold/{}", v["dataset"].as_str().unwrap_or("")),
                lang: v["lang"].as_str().unwrap_or("en").to_string(),
                text: v["raw"].as_str().unwrap_or("").to_string(),
            }
        })
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let root = args.get(1).map_or("corpus", String::as_str);
    let mb: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(100);
    let seed: u64 = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(42);
    let corpus = paraclean::eval::load_corpus(std::path::Path::new(root)).expect("corpus");
    let as_doc = |d: &paraclean::eval::GoldDoc| Doc {
        source: d.meta.source.clone(),
        lang: d.meta.lang.clone(),
        text: d.raw.clone(),
    };
    let korean: Vec<Doc> = corpus
        .iter()
        .filter(|d| d.meta.lang == "ko")
        .map(as_doc)
        .collect();
    let mut other: Vec<Doc> = corpus
        .iter()
        .filter(|d| d.meta.lang == "en")
        .map(as_doc)
        .collect();
    if let Some(path) = args.get(4) {
        other.extend(realgold(path));
    }
    let mut rng = Lcg(seed);
    let mut out = BufWriter::new(std::io::stdout().lock());
    let (mut written, mut korean_bytes, mut other_bytes) = (0usize, 0usize, 0usize);
    let mut id = 0u64;
    while written < mb << 20 {
        // The language that is behind in bytes comes next.
        let pool = if korean_bytes <= other_bytes {
            &korean
        } else {
            &other
        };
        let doc = &pool[rng.next() as usize % pool.len()];
        let mut lines: Vec<&str> = doc.text.lines().collect();
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
        if doc.lang == "ko" {
            korean_bytes += text.len();
        } else {
            other_bytes += text.len();
        }
        let record =
            serde_json::json!({"id": id, "source": doc.source, "lang": doc.lang, "text": text});
        let line = serde_json::to_string(&record).expect("json");
        out.write_all(line.as_bytes()).expect("write");
        out.write_all(b"\n").expect("write");
        written += line.len() + 1;
        id += 1;
    }
}
