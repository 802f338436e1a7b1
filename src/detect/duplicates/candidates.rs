//! Which earlier blocks might a block repeat? An inverted index of content-sampled char 4-grams
//! answers in bounded work: a 4-gram is sampled by its hash, so two copies sample the same 4-grams
//! wherever they share text; a posting list holds at most `posting_cap` blocks, and a full list is
//! not read at all (a 4-gram in that many blocks says nothing about which one a copy repeats), so a
//! document of 100,000 near-identical lines costs no more per block than an article.

use super::{DupConfig, DupWork};
use rustc_hash::FxHashMap;

pub struct Index {
    postings: FxHashMap<u64, Vec<u32>>,
    /// Sampled 4-grams of each indexed block (empty for the others).
    shingles: Vec<Vec<u64>>,
    /// Shared-4-gram counts per block for the current query, and which entries are set.
    counts: Vec<u32>,
    touched: Vec<u32>,
    cap: usize,
}

impl Index {
    pub fn new(blocks: usize, cfg: &DupConfig) -> Self {
        Index {
            postings: FxHashMap::default(),
            shingles: vec![Vec::new(); blocks],
            counts: vec![0; blocks],
            touched: Vec::new(),
            cap: cfg.posting_cap,
        }
    }

    /// Earlier indexed blocks sharing at least half of the smaller 4-gram set with `shingles`,
    /// most shared first, with the share of the larger set; `alive` filters out removed blocks.
    pub fn candidates(
        &mut self,
        shingles: &[u64],
        alive: impl Fn(usize) -> bool,
        work: &mut DupWork,
    ) -> Vec<(usize, f64)> {
        for h in shingles {
            let Some(list) = self.postings.get(h) else {
                continue;
            };
            if list.len() >= self.cap {
                continue;
            }
            work.postings_scanned += list.len();
            for &other in list {
                let c = &mut self.counts[other as usize];
                if *c == 0 {
                    self.touched.push(other);
                }
                *c += 1;
            }
        }
        let mut out: Vec<(usize, u32, f64)> = Vec::new();
        for &other in &self.touched {
            let other = other as usize;
            let shared = std::mem::take(&mut self.counts[other]);
            let theirs = self.shingles[other].len();
            let smaller = shingles.len().min(theirs).max(1);
            if alive(other) && shared as usize * 2 >= smaller {
                let larger = shingles.len().max(theirs).max(1);
                out.push((other, shared, shared as f64 / larger as f64));
            }
        }
        self.touched.clear();
        out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        out.into_iter()
            .map(|(o, _, overlap)| (o, overlap))
            .collect()
    }

    pub fn insert(&mut self, block: usize, shingles: Vec<u64>) {
        for &h in &shingles {
            let list = self.postings.entry(h).or_default();
            if list.len() < self.cap {
                list.push(block as u32);
            }
        }
        self.shingles[block] = shingles;
    }
}

/// Content-sampled char 4-gram hashes of a key: the same text always yields the same samples, so two
/// copies share samples wherever they share text. About one 4-gram in four is kept.
pub fn shingles(key: &[char]) -> Vec<u64> {
    let mut out: Vec<u64> = key
        .windows(4)
        .map(|w| {
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            for &c in w {
                h = (h ^ c as u64).wrapping_mul(0x0000_0100_0000_01b3);
            }
            h ^ (h >> 29)
        })
        .filter(|h| h % 4 == 0)
        .collect();
    if out.is_empty() && key.len() >= 4 {
        // Very short keys: keep every 4-gram so a short teaser still finds its paragraph.
        out = key
            .windows(4)
            .map(|w| w.iter().fold(0u64, |h, &c| h.rotate_left(21) ^ c as u64))
            .collect();
    }
    out.sort_unstable();
    out.dedup();
    out
}
