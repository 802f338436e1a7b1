//! Which earlier blocks might a block repeat? An inverted index of content-sampled char 4-grams
//! answers in bounded work: a 4-gram is sampled by its hash, so two copies sample the same 4-grams
//! wherever they share text; a posting list holds at most `posting_cap` blocks, and a full list is
//! not read at all (a 4-gram in that many blocks says nothing about which one a copy repeats), so a
//! document of 100,000 near-identical lines costs no more per block than an article.

use super::{DupConfig, DupWork};
use rustc_hash::FxHashMap;

/// The end of a posting chain.
const NONE: u32 = u32::MAX;

pub struct Index {
    /// Per sampled 4-gram: its posting list as (first node in `nodes`, length). The lists are
    /// chained through one arena instead of a vector per 4-gram: one allocation per document, not
    /// one per distinct 4-gram (allocating and freeing those was ~4% of all cleaning work).
    postings: FxHashMap<u64, (u32, u32)>,
    /// Posting nodes: (block, next node or `NONE`).
    nodes: Vec<(u32, u32)>,
    /// How many sampled 4-grams each indexed block has (0 for the others).
    shingles: Vec<u32>,
    /// Shared-4-gram counts per block for the current query, and which entries are set.
    counts: Vec<u32>,
    touched: Vec<u32>,
    cap: usize,
}

impl Index {
    /// `shingles`: about how many sampled 4-grams will be inserted (a capacity hint).
    pub fn new(blocks: usize, cfg: &DupConfig, shingles: usize) -> Self {
        let mut postings = FxHashMap::default();
        postings.reserve(shingles);
        Index {
            postings,
            nodes: Vec::new(),
            shingles: vec![0; blocks],
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
            let Some(&(head, len)) = self.postings.get(h) else {
                continue;
            };
            if len as usize >= self.cap {
                continue;
            }
            work.postings_scanned += len as usize;
            // The order blocks are met in does not matter: the result is sorted below.
            let mut at = head;
            while at != NONE {
                let (other, next) = self.nodes[at as usize];
                let c = &mut self.counts[other as usize];
                if *c == 0 {
                    self.touched.push(other);
                }
                *c += 1;
                at = next;
            }
        }
        let mut out: Vec<(usize, u32, f64)> = Vec::new();
        for &other in &self.touched {
            let other = other as usize;
            let shared = std::mem::take(&mut self.counts[other]);
            let theirs = self.shingles[other] as usize;
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
            let (head, len) = self.postings.entry(h).or_insert((NONE, 0));
            if (*len as usize) < self.cap {
                self.nodes.push((block as u32, *head));
                *head = (self.nodes.len() - 1) as u32;
                *len += 1;
            }
        }
        self.shingles[block] = shingles.len() as u32;
    }
}

/// Content-sampled char 4-gram hashes of a key: the same text always yields the same samples, so two
/// copies share samples wherever they share text. About one 4-gram in four is kept.
pub fn shingles(key: &[char]) -> Vec<u64> {
    // About a quarter of the 4-grams are kept: room for a third, so that the vector rarely grows.
    let mut out: Vec<u64> = Vec::with_capacity(key.len() / 3 + 4);
    out.extend(
        key.windows(4)
            .map(|w| {
                let mut h: u64 = 0xcbf2_9ce4_8422_2325;
                for &c in w {
                    h = (h ^ c as u64).wrapping_mul(0x0000_0100_0000_01b3);
                }
                h ^ (h >> 29)
            })
            .filter(|h| h % 4 == 0),
    );
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
