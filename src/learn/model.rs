//! A learned table loaded for cleaning: only the counts that can pass the thresholds are kept.

use super::fingerprint::{ends_like_sentence, fingerprint, Kind};
use super::table::TableReader;
use crate::error::{Error, Result};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// When a frequent block counts as the source's template.
///
/// Defaults were chosen on `corpus/learned` (see the README's "Learned boilerplate" section):
/// site templates sit in most of a source's documents, while article text that a newsroom repeats
/// (a standing background paragraph of a running series) sits in a minority of them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Thresholds {
    /// A block must occur in at least this many documents of its source …
    pub min_docs: u64,
    /// … and in at least this share of them.
    pub min_share: f64,
    /// A block that reads like article prose (a sentence of at least `prose_chars` chars) needs this
    /// larger share.
    pub prose_share: f64,
    pub prose_chars: usize,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            min_docs: 5,
            min_share: 0.25,
            prose_share: 0.35,
            prose_chars: 40,
        }
    }
}

/// Why a block was taken for a learned template.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Evidence {
    pub kind: Kind,
    /// Documents of the source that have this key or shape.
    pub docs: u64,
    /// Documents of the source.
    pub source_docs: u64,
}

#[derive(Debug, Default)]
struct SourceModel {
    docs: u64,
    counts: FxHashMap<(Kind, u64), u64>,
}

/// The frequent keys and shapes of every source of a table.
#[derive(Debug, Default)]
pub struct LearnedModel {
    sources: FxHashMap<String, SourceModel>,
    thresholds: Thresholds,
}

impl LearnedModel {
    pub fn load(path: &Path, thresholds: Thresholds) -> Result<LearnedModel> {
        LearnedModel::read(TableReader::open(path)?, thresholds)
    }

    /// Streams a table, keeping only entries that pass the thresholds (memory: the template lines).
    pub fn read(mut reader: TableReader, thresholds: Thresholds) -> Result<LearnedModel> {
        if !(0.0..=1.0).contains(&thresholds.min_share)
            || !(0.0..=1.0).contains(&thresholds.prose_share)
        {
            return Err(Error::Config {
                origin: "learned thresholds".to_string(),
                message: "shares must be between 0 and 1".to_string(),
            });
        }
        let names: Vec<(String, u64)> = reader
            .header()
            .sources
            .iter()
            .map(|s| (s.name.clone(), s.docs))
            .collect();
        let mut sources: Vec<SourceModel> = names
            .iter()
            .map(|(_, docs)| SourceModel {
                docs: *docs,
                counts: FxHashMap::default(),
            })
            .collect();
        let lowest = thresholds.min_share.min(thresholds.prose_share);
        while let Some(e) = reader.next_entry()? {
            let source = &mut sources[e.source as usize];
            if e.docs >= thresholds.min_docs && e.docs as f64 >= lowest * source.docs as f64 {
                source.counts.insert((e.kind, e.hash), e.docs);
            }
        }
        Ok(LearnedModel {
            sources: names.into_iter().map(|(n, _)| n).zip(sources).collect(),
            thresholds,
        })
    }

    pub fn thresholds(&self) -> Thresholds {
        self.thresholds
    }

    /// Sources the table knows, with their document counts, in name order.
    pub fn sources(&self) -> Vec<(&str, u64)> {
        let mut v: Vec<(&str, u64)> = self
            .sources
            .iter()
            .map(|(n, s)| (n.as_str(), s.docs))
            .collect();
        v.sort();
        v
    }

    /// Whether the table has counts for this source.
    pub fn knows(&self, source: &str) -> bool {
        self.sources.contains_key(source)
    }

    /// Whether `block` is a frequent block of `source` by the thresholds: its key first, else its
    /// shape.
    pub fn evidence(&self, source: &str, block: &str) -> Option<Evidence> {
        let model = self.sources.get(source)?;
        let fp = fingerprint(block)?;
        let t = &self.thresholds;
        let prose = ends_like_sentence(block) && block.trim().chars().nth(t.prose_chars).is_some();
        let share = if prose { t.prose_share } else { t.min_share };
        let passes = |docs: u64| docs >= t.min_docs && docs as f64 >= share * model.docs as f64;
        let found = |kind: Kind, hash: u64| {
            model
                .counts
                .get(&(kind, hash))
                .filter(|&&d| passes(d))
                .map(|&docs| Evidence {
                    kind,
                    docs,
                    source_docs: model.docs,
                })
        };
        found(Kind::Key, fp.key).or_else(|| fp.shapes.iter().find_map(|&(k, h)| found(k, h)))
    }
}
