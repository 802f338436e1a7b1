//! One pass of `learn`: document frequencies per source in bounded memory.
//!
//! Counts live in a hash map until it holds `budget` entries; then they are sorted and spilled to a
//! temporary file in the table format (a partial table, with the document counts since the last
//! spill), and the map starts again. The final table is the merge of the spilled runs, which is
//! exact, so memory is bounded by the budget whatever the input size, and the result is the same
//! whatever the budget, thread count or input split.

use super::fingerprint::{fingerprint, Kind};
use super::table::{merge, Entry, Header, MergeStats, SourceDocs, TableReader, TableWriter};
use crate::error::{Error, Result};
use crate::segment::segment;
use rustc_hash::FxHashMap;
use std::io::{BufReader, Seek, Write};
use std::path::PathBuf;

/// The distinct fingerprints of one document: each counts once per document.
pub fn document_prints(doc: &str) -> Vec<(Kind, u64)> {
    let seg = segment(doc);
    let mut prints = Vec::with_capacity(seg.blocks.len() * 2);
    for block in &seg.blocks {
        if let Some(fp) = fingerprint(block.text(doc)) {
            prints.push((Kind::Key, fp.key));
            prints.extend(fp.shapes);
        }
    }
    prints.sort_unstable();
    prints.dedup();
    prints
}

/// Default budget: a million entries before a spill (a 2^21-bucket map of 25-byte slots, ~52 MB,
/// plus the sorted run being written, ~24 MB).
pub const DEFAULT_BUDGET: usize = 1_000_000;

/// Accumulates document frequencies; see the module docs.
pub struct Learner {
    budget: usize,
    spill_dir: Option<PathBuf>,
    names: Vec<String>,
    ids: FxHashMap<String, u32>,
    /// Documents per source id since the last spill.
    docs: Vec<u64>,
    counts: FxHashMap<(u32, Kind, u64), u64>,
    runs: Vec<std::fs::File>,
}

impl Learner {
    /// `budget`: entries kept in memory before a spill; `spill_dir`: where runs go (default: the
    /// system's temporary directory).
    pub fn new(budget: usize, spill_dir: Option<PathBuf>) -> Learner {
        Learner {
            budget: budget.max(1),
            spill_dir,
            names: Vec::new(),
            ids: FxHashMap::default(),
            docs: Vec::new(),
            counts: FxHashMap::default(),
            runs: Vec::new(),
        }
    }

    /// Counts one document of `source`, given its [`document_prints`].
    pub fn add(&mut self, source: &str, prints: &[(Kind, u64)]) -> Result<()> {
        let id = match self.ids.get(source) {
            Some(&id) => id,
            None => {
                let id = self.names.len() as u32;
                self.names.push(source.to_string());
                self.ids.insert(source.to_string(), id);
                self.docs.push(0);
                id
            }
        };
        self.docs[id as usize] += 1;
        for &(kind, hash) in prints {
            *self.counts.entry((id, kind, hash)).or_default() += 1;
        }
        if self.counts.len() >= self.budget {
            self.spill()?;
        }
        Ok(())
    }

    /// How many runs went to disk so far.
    pub fn spills(&self) -> usize {
        self.runs.len()
    }

    /// Writes the in-memory counts as one sorted partial table.
    fn write_partial<W: Write>(&mut self, out: W) -> std::io::Result<W> {
        let mut order: Vec<u32> = (0..self.names.len() as u32).collect();
        order.sort_by(|&a, &b| self.names[a as usize].cmp(&self.names[b as usize]));
        let mut rank = vec![0u32; order.len()];
        for (r, &id) in order.iter().enumerate() {
            rank[id as usize] = r as u32;
        }
        let header = Header::new(
            order
                .iter()
                .map(|&id| SourceDocs {
                    name: self.names[id as usize].clone(),
                    docs: self.docs[id as usize],
                })
                .collect(),
            None,
        );
        let mut entries: Vec<Entry> = self
            .counts
            .drain()
            .map(|((id, kind, hash), docs)| Entry {
                source: rank[id as usize],
                kind,
                hash,
                docs,
            })
            .collect();
        entries.sort_unstable_by_key(|e| (e.source, e.kind, e.hash));
        self.counts.shrink_to(self.budget.min(1 << 16));
        self.docs.iter_mut().for_each(|d| *d = 0);
        let mut writer = TableWriter::new(out, &header)?;
        for e in entries {
            writer.push(e)?;
        }
        writer.finish()
    }

    fn spill(&mut self) -> Result<()> {
        let dir = self.spill_dir.clone().unwrap_or_else(std::env::temp_dir);
        let file = tempfile::tempfile_in(&dir).map_err(|e| Error::io(&dir, e))?;
        let mut file = self
            .write_partial(std::io::BufWriter::with_capacity(1 << 20, file))
            .and_then(|w| w.into_inner().map_err(|e| e.into_error()))
            .map_err(|e| Error::io(&dir, e))?;
        file.rewind().map_err(|e| Error::io(&dir, e))?;
        self.runs.push(file);
        Ok(())
    }

    /// Writes the table (merging spilled runs, if any); `prune_below` drops rare entries for a final,
    /// smaller table.
    pub fn finish<W: Write>(mut self, out: W, prune_below: Option<u64>) -> Result<(W, MergeStats)> {
        if self.runs.is_empty() && prune_below.is_none() {
            let stats = MergeStats {
                sources: self.names.len(),
                documents: self.docs.iter().sum(),
                entries: self.counts.len() as u64,
            };
            let out = self
                .write_partial(out)
                .map_err(|e| Error::Output(e.to_string()))?;
            return Ok((out, stats));
        }
        if !self.counts.is_empty() || self.docs.iter().any(|&d| d > 0) || self.runs.is_empty() {
            self.spill()?;
        }
        let readers = self
            .runs
            .into_iter()
            .enumerate()
            .map(|(i, file)| {
                TableReader::new(
                    Box::new(BufReader::with_capacity(1 << 20, file)),
                    &format!("<spilled run {i}>"),
                )
            })
            .collect::<Result<Vec<_>>>()?;
        merge(readers, out, prune_below)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(docs: &[(&str, &str)], budget: usize) -> String {
        let mut learner = Learner::new(budget, None);
        for (source, doc) in docs {
            learner.add(source, &document_prints(doc)).unwrap();
        }
        String::from_utf8(learner.finish(Vec::new(), None).unwrap().0).unwrap()
    }

    const DOCS: &[(&str, &str)] = &[
        ("b", "메뉴 | 정치 | 경제\n첫 기사 본문이다.\n조회수 12\n"),
        (
            "a",
            "Home News Sports\nA story about the mayor.\nViews 40\n",
        ),
        (
            "b",
            "메뉴 | 정치 | 경제\n둘째 기사 본문이다.\n조회수 7\n메뉴 | 정치 | 경제\n",
        ),
        ("a", "Home News Sports\nAnother story.\n"),
        ("c", ""),
    ];

    #[test]
    fn spilling_does_not_change_the_table() {
        let whole = table(DOCS, usize::MAX);
        for budget in [1, 2, 3, 5] {
            assert_eq!(table(DOCS, budget), whole, "budget {budget}");
        }
        assert!(whole.starts_with(r#"{"format":"paraclean-learned-table""#));
        assert!(
            whole.contains(r#"{"name":"a","docs":2},{"name":"b","docs":2},{"name":"c","docs":1}"#)
        );
    }

    #[test]
    fn a_block_counts_once_per_document() {
        let t = table(DOCS, usize::MAX);
        let menu = fingerprint("메뉴 | 정치 | 경제").unwrap().key;
        let line = t
            .lines()
            .find(|l| l.contains(&format!("{menu:016x}")))
            .unwrap();
        assert!(line.ends_with(r#""n":2}"#), "{line}");
    }

    #[test]
    fn merged_shards_equal_one_pass_in_any_order() {
        let whole = table(DOCS, usize::MAX);
        let parts = [
            table(&DOCS[3..], 2),
            table(&DOCS[..1], 1),
            table(&DOCS[1..3], 9),
        ];
        let readers = parts
            .iter()
            .map(|p| {
                TableReader::new(
                    Box::new(std::io::Cursor::new(p.clone().into_bytes())),
                    "part",
                )
            })
            .collect::<Result<Vec<_>>>()
            .unwrap();
        let merged = String::from_utf8(merge(readers, Vec::new(), None).unwrap().0).unwrap();
        assert_eq!(merged, whole);
    }

    #[test]
    fn pruned_tables_are_final() {
        let mut learner = Learner::new(usize::MAX, None);
        for (source, doc) in DOCS {
            learner.add(source, &document_prints(doc)).unwrap();
        }
        let pruned = String::from_utf8(learner.finish(Vec::new(), Some(2)).unwrap().0).unwrap();
        assert!(pruned.lines().skip(1).all(|l| !l.ends_with(r#""n":1}"#)));
        let reader = TableReader::new(
            Box::new(std::io::Cursor::new(pruned.into_bytes())),
            "t.jsonl",
        )
        .unwrap();
        let err = merge(vec![reader], Vec::new(), None)
            .unwrap_err()
            .to_string();
        assert!(err.contains("was pruned"), "{err}");
    }

    #[test]
    fn broken_tables_are_refused_with_the_line() {
        let t = table(DOCS, usize::MAX);
        let mut lines: Vec<&str> = t.lines().collect();
        lines.swap(1, 2);
        let mut r = TableReader::new(
            Box::new(std::io::Cursor::new(lines.join("\n").into_bytes())),
            "t.jsonl",
        )
        .unwrap();
        let err = loop {
            match r.next_entry() {
                Ok(Some(_)) => continue,
                Ok(None) => panic!("no error"),
                Err(e) => break e.to_string(),
            }
        };
        assert!(
            err.starts_with("learned table t.jsonl:3: entries are not sorted"),
            "{err}"
        );
        let err = TableReader::new(Box::new(std::io::Cursor::new(b"{}".to_vec())), "x")
            .err()
            .unwrap()
            .to_string();
        assert!(err.contains("x:1: not a paraclean learned table"), "{err}");
    }
}
