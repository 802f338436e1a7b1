//! Feature dump for training the line scorer: the blocks the scorer sees (after the rules, learned
//! templates and duplicates ran, default settings), with their feature vectors, one JSON line per
//! document on stdout.
//!
//! ```sh
//! cargo run --release --example scorer_dump -- jsonl ../shared/realgold/article_body.dev.jsonl.gz raw > dev.jsonl
//! cargo run --release --example scorer_dump -- corpus corpus > corpus.jsonl
//! ```
//!
//! `jsonl FILE FIELD`: records with `id`, `dataset` and the text in FIELD (`.gz` read as gzip).
//! `corpus DIR`: the gold corpus (`raw.txt` of each document; the `learned/` set is skipped).

use paraclean::{Cleaner, Config};
use rayon::prelude::*;
use std::io::{BufRead, BufReader, Read, Write};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let cleaner = Cleaner::new(Config::default()).expect("default config");
    let docs: Vec<(serde_json::Value, String)> = match args.first().map(String::as_str) {
        Some("jsonl") => {
            let path = args.get(1).expect("jsonl FILE FIELD");
            let field = args.get(2).map_or("text", String::as_str);
            let file = std::fs::File::open(path).expect("open input");
            let reader: Box<dyn Read> = if path.ends_with(".gz") {
                Box::new(flate2::read::MultiGzDecoder::new(file))
            } else {
                Box::new(file)
            };
            BufReader::new(reader)
                .lines()
                .map(|l| l.expect("read line"))
                .filter(|l| !l.trim().is_empty())
                .enumerate()
                .map(|(n, l)| {
                    let rec: serde_json::Value = serde_json::from_str(&l).expect("JSON line");
                    let text = rec[field].as_str().unwrap_or_default().to_string();
                    let id = rec.get("id").cloned().unwrap_or_else(|| n.into());
                    let meta = serde_json::json!({
                        "id": id,
                        "dataset": rec.get("dataset").cloned().unwrap_or_default(),
                        "lang": rec.get("lang").cloned().unwrap_or_default(),
                    });
                    (meta, text)
                })
                .collect()
        }
        Some("corpus") => {
            let root = args.get(1).map_or("corpus", String::as_str);
            paraclean::eval::load_corpus(std::path::Path::new(root))
                .expect("load corpus")
                .into_iter()
                .map(|d| {
                    let meta = serde_json::json!({
                        "id": d.name,
                        "dataset": "corpus",
                        "lang": d.meta.lang,
                        "hard_negative": d.meta.hard_negative,
                    });
                    (meta, d.raw)
                })
                .collect()
        }
        _ => {
            eprintln!("usage: scorer_dump jsonl FILE FIELD | scorer_dump corpus DIR");
            std::process::exit(2);
        }
    };
    let lines: Vec<String> = docs
        .par_iter()
        .map(|(meta, text)| {
            let mut rec = meta.clone();
            rec["blocks"] = serde_json::to_value(cleaner.scorer_observations(text, None))
                .expect("observations serialize");
            serde_json::to_string(&rec).expect("serialize")
        })
        .collect();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for line in lines {
        writeln!(out, "{line}").expect("write");
    }
}
