//! The line scorer: boilerplate that no rule names (share bars, comment furniture, tag lists,
//! breadcrumbs), found from the shape of a block and of the blocks around it.
//!
//! It runs after the rules, the learned templates and the duplicates, on the blocks they left
//! standing, and sees what they removed. Each standing block gets [`features`] (from the text
//! alone); a [`model`] turns them into a probability that the block is boilerplate; a block goes
//! when that probability reaches the threshold (chosen on development data so that the scorer's
//! own removals keep ≥ 99.8% of the content), unless it is protected:
//! - a list item (a bullet or a number first), as for duplicates;
//! - the first standing copy of a block that repeats, unless it would go on its own (`Reply` ×20
//!   goes; a short paragraph that a scraper repeated keeps one copy);
//! - a short heading: at most `HEADING_WORDS` words, no sentence ending, followed by running text
//!   and not repeated in the document;
//! - the last sentence of the article (the last standing block that ends like a sentence);
//! - the only block of a document.
//!
//! Removing blocks changes the neighbours of the others, so the scorer runs again on what is left
//! until nothing more goes (at most `MAX_ROUNDS`): cleaning the output again removes nothing.

pub mod features;
pub mod model;

use crate::assemble::{BlockPlan, WholeBlock};
use crate::class::Class;
use crate::report::{Reason, ScorerFeature};
use crate::segment::Segmented;
use features::{BlockStats, Context, Features};
pub use model::Model;
use serde::{Deserialize, Serialize};

/// `[scorer]` in the config.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ScorerConfig {
    pub enabled: bool,
    /// Boilerplate probability from which a block goes; default: the weights file's.
    pub threshold: Option<f64>,
}

impl Default for ScorerConfig {
    fn default() -> Self {
        ScorerConfig {
            enabled: true,
            threshold: None,
        }
    }
}

/// A heading is at most this many words.
const HEADING_WORDS: f32 = 12.0;
/// Removal rounds, at most.
const MAX_ROUNDS: usize = 4;
/// Features named in a removal's reason.
const EXPLAINED: usize = 3;

/// A standing block as the scorer saw it (for training: see `train/scorer/`).
#[derive(Debug, Clone, Serialize)]
pub struct Observation {
    /// 1-based line of the block in the document.
    pub line: usize,
    /// The block's text after rule cuts.
    pub text: String,
    pub features: Vec<f32>,
    pub protected: bool,
}

/// What the scorer works on: the standing blocks and what is known of the whole document.
struct Standing {
    /// Block indices.
    index: Vec<usize>,
    stats: Vec<BlockStats>,
    repeats: Vec<u32>,
    removed_nearby: Vec<bool>,
}

impl Standing {
    fn new(doc: &str, seg: &Segmented, plans: &[BlockPlan]) -> Standing {
        let index: Vec<usize> = (0..plans.len()).filter(|&i| plans[i].kept()).collect();
        let mut word = String::new();
        let counts: Vec<features::Counts> = index
            .iter()
            .map(|&i| features::count_with(&plans[i].rest, &mut word))
            .collect();
        let script = features::script(&counts);
        let stats: Vec<BlockStats> = counts.iter().map(|c| features::finish(c, script)).collect();
        // How often each standing block's key occurs among all blocks, removed ones included.
        let mut keys: rustc_hash::FxHashMap<u64, u32> = rustc_hash::FxHashMap::default();
        let mut at = 0;
        for (i, block) in seg.blocks.iter().enumerate() {
            let key = if index.get(at) == Some(&i) {
                at += 1;
                stats[at - 1].key
            } else {
                features::key(block.text(doc))
            };
            if key != 0 {
                *keys.entry(key).or_default() += 1;
            }
        }
        let repeats = stats
            .iter()
            .map(|s| keys.get(&s.key).copied().unwrap_or(1))
            .collect();
        let removed_nearby = index
            .iter()
            .map(|&i| {
                (i.saturating_sub(2)..(i + 3).min(plans.len())).any(|j| j != i && !plans[j].kept())
            })
            .collect();
        Standing {
            index,
            stats,
            repeats,
            removed_nearby,
        }
    }

    fn vectors(&self) -> Vec<Features> {
        features::vectors(&Context {
            stats: &self.stats,
            repeats: &self.repeats,
            removed_nearby: &self.removed_nearby,
        })
    }

    /// For each standing block, whether it is the first standing copy of a block that repeats.
    fn first_copies(&self) -> Vec<bool> {
        let mut seen = rustc_hash::FxHashSet::default();
        self.stats
            .iter()
            .zip(&self.repeats)
            .map(|(s, &r)| r > 1 && s.key != 0 && seen.insert(s.key))
            .collect()
    }

    /// Whether the `j`-th standing block may not be removed.
    fn protected(&self, j: usize) -> bool {
        let s = &self.stats[j];
        if self.stats.len() <= 1 || s.list_marker {
            return true;
        }
        let heading = s.words <= HEADING_WORDS
            && !s.ends_sentence
            && !s.link_like
            && self.repeats[j] <= 1
            && self.stats.get(j + 1).is_some_and(BlockStats::is_prose);
        let last_sentence = self.stats.iter().rposition(|b| b.ends_sentence) == Some(j);
        heading || last_sentence
    }

    /// Leaves every copy of a repeated block standing when taking the model's picks would leave two
    /// of its copies side by side: the duplicate detector, which ran first, kept them apart from
    /// each other by the number of copies (a refrain stands three times), and cleaning the output
    /// again would take the pair for a stutter and decide otherwise.
    fn keep_repeated_groups<T>(&self, candidates: &mut [Option<T>]) {
        let mut keep_group = rustc_hash::FxHashSet::default();
        let mut previous: Option<u64> = None;
        for (j, s) in self.stats.iter().enumerate() {
            if candidates[j].is_some() {
                continue;
            }
            let key = (self.repeats[j] > 1 && s.key != 0).then_some(s.key);
            if key.is_some() && key == previous {
                keep_group.insert(s.key);
            }
            previous = key;
        }
        if keep_group.is_empty() {
            return;
        }
        for (j, s) in self.stats.iter().enumerate() {
            if self.repeats[j] > 1 && keep_group.contains(&s.key) {
                candidates[j] = None;
            }
        }
    }

    fn retain(&mut self, keep: &[bool]) {
        fn filter<T>(v: &mut Vec<T>, keep: &[bool]) {
            let mut k = keep.iter();
            v.retain(|_| k.next().copied().unwrap_or(true));
        }
        filter(&mut self.index, keep);
        filter(&mut self.stats, keep);
        filter(&mut self.repeats, keep);
        filter(&mut self.removed_nearby, keep);
    }
}

/// Marks the standing blocks the model scores as boilerplate.
pub fn mark(model: &Model, threshold: f64, doc: &str, seg: &Segmented, plans: &mut [BlockPlan]) {
    let mut standing = Standing::new(doc, seg, plans);
    for _ in 0..MAX_ROUNDS {
        let vectors = standing.vectors();
        let first_copies = standing.first_copies();
        // First the blocks the model would take, then the decision per group of copies.
        let mut candidates: Vec<Option<(f64, Features)>> = vec![None; vectors.len()];
        for (j, x) in vectors.iter().enumerate() {
            if standing.protected(j) {
                continue;
            }
            // The first copy of a repeated block goes only if it would go on its own: one copy of a
            // repeated short paragraph stays, and cleaning the output again (where that copy no
            // longer repeats) decides the same.
            let mut alone = *x;
            if first_copies[j] {
                alone[features::REPEATS] = 0.0;
            }
            let score = model.score(&alone);
            if score >= threshold {
                candidates[j] = Some((score, alone));
            }
        }
        standing.keep_repeated_groups(&mut candidates);
        let mut keep = vec![true; vectors.len()];
        for (j, candidate) in candidates.into_iter().enumerate() {
            let Some((score, x)) = candidate else {
                continue;
            };
            keep[j] = false;
            let features = model
                .top_contributions(&x, EXPLAINED)
                .into_iter()
                .map(|c| ScorerFeature {
                    name: features::NAMES[c.feature].to_string(),
                    value: round3(features::natural(c.feature, c.value)),
                    weight: round3(c.weight as f64),
                })
                .collect();
            plans[standing.index[j]].whole = Some(WholeBlock {
                class: Class::Layout,
                reason: Reason::Scorer {
                    score: round3(score),
                    features,
                },
            });
        }
        if keep.iter().all(|&k| k) {
            break;
        }
        standing.retain(&keep);
    }
}

/// The standing blocks with their features, as [`mark`] would see them in its first round.
pub fn observe(doc: &str, seg: &Segmented, plans: &[BlockPlan]) -> Vec<Observation> {
    let standing = Standing::new(doc, seg, plans);
    standing
        .vectors()
        .into_iter()
        .enumerate()
        .map(|(j, x)| Observation {
            line: seg.blocks[standing.index[j]].line,
            text: plans[standing.index[j]].rest.to_string(),
            features: x.to_vec(),
            protected: standing.protected(j),
        })
        .collect()
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}
