//! Learned tables: per source, in how many documents each block key and shape occurs.
//!
//! File format (JSON lines, UTF-8): the first line is the [`Header`], then one [`Entry`] per line,
//! sorted by (source, kind, hash). The header lists the sources in name order with their document
//! counts; an entry names its source by index in that list. Counts are document frequencies, so
//! merging tables is a streaming k-way merge that sums them: merging the tables of any split of the
//! input gives exactly the table of one pass over all of it.

use super::fingerprint::{Kind, FINGERPRINT_VERSION, MAX_BLOCK_CHARS};
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};
use std::io::{BufRead, Write};

/// The `format` field of every table.
pub const FORMAT: &str = "paraclean-learned-table";
/// Bumped when the file layout changes.
pub const TABLE_VERSION: u32 = 1;

/// The first line of a table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    pub format: String,
    pub version: u32,
    /// [`FINGERPRINT_VERSION`] of the keys and shapes.
    pub fingerprint: u32,
    /// Blocks longer than this were not counted.
    pub max_block_chars: usize,
    /// Sources in name order, with how many documents each had.
    pub sources: Vec<SourceDocs>,
    /// Entries seen in fewer documents than this were dropped: such a table is final, not mergeable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pruned_below: Option<u64>,
    /// How documents were given their source when the table was learned, so that `clean` can
    /// name them the same way without being told again: the JSONL field that named each document's source…
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_field: Option<String>,
    /// … or whose URL's host did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url_field: Option<String>,
}

/// How a table's documents were given their source: the header's `source_field`/`url_field`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Naming {
    pub source_field: Option<String>,
    pub url_field: Option<String>,
}

impl Header {
    pub fn new(sources: Vec<SourceDocs>, pruned_below: Option<u64>) -> Header {
        Header {
            format: FORMAT.to_string(),
            version: TABLE_VERSION,
            fingerprint: FINGERPRINT_VERSION,
            max_block_chars: MAX_BLOCK_CHARS,
            sources,
            pruned_below,
            source_field: None,
            url_field: None,
        }
    }

    pub fn naming(&self) -> Naming {
        Naming {
            source_field: self.source_field.clone(),
            url_field: self.url_field.clone(),
        }
    }

    pub fn set_naming(&mut self, naming: Naming) {
        self.source_field = naming.source_field;
        self.url_field = naming.url_field;
    }
}

/// A writer that records `naming` in the header line of the table written through it (the
/// learner writes the header itself, without knowing how sources were named).
pub struct WithNaming<W: Write> {
    out: W,
    naming: Naming,
    /// The header line until it is complete; then `None`.
    header: Option<Vec<u8>>,
}

impl<W: Write> WithNaming<W> {
    pub fn new(out: W, naming: Naming) -> WithNaming<W> {
        WithNaming {
            out,
            naming,
            header: Some(Vec::new()),
        }
    }
}

impl<W: Write> Write for WithNaming<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let Some(header) = self.header.as_mut() else {
            return self.out.write(buf);
        };
        let Some(end) = memchr::memchr(b'\n', buf) else {
            header.extend_from_slice(buf);
            return Ok(buf.len());
        };
        header.extend_from_slice(&buf[..end]);
        let mut parsed: Header = serde_json::from_slice(header).map_err(std::io::Error::other)?;
        parsed.set_naming(self.naming.clone());
        serde_json::to_writer(&mut self.out, &parsed)?;
        self.out.write_all(b"\n")?;
        self.header = None;
        Ok(end + 1)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceDocs {
    pub name: String,
    pub docs: u64,
}

/// One count: the block key or shape `hash` occurs in `docs` documents of source number `source`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    #[serde(rename = "s")]
    pub source: u32,
    #[serde(rename = "k")]
    pub kind: Kind,
    #[serde(rename = "h", with = "hex64")]
    pub hash: u64,
    #[serde(rename = "n")]
    pub docs: u64,
}

impl Entry {
    fn order(&self) -> (u32, Kind, u64) {
        (self.source, self.kind, self.hash)
    }
}

/// Hashes as 16 hex digits: JSON numbers above 2^53 do not survive many JSON readers.
mod hex64 {
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(v: &u64, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format!("{v:016x}"))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
        let s = <&str>::deserialize(d)?;
        u64::from_str_radix(s, 16).map_err(D::Error::custom)
    }
}

/// Reads a table entry by entry, checking the format and the sort order.
pub struct TableReader {
    header: Header,
    reader: Box<dyn BufRead + Send>,
    origin: String,
    line: u64,
    last: Option<(u32, Kind, u64)>,
    buf: String,
}

impl TableReader {
    /// `origin` names the table in error messages (a path).
    pub fn new(mut reader: Box<dyn BufRead + Send>, origin: &str) -> Result<TableReader> {
        let mut buf = String::new();
        let bad = |line: u64, message: String| Error::Table {
            origin: origin.to_string(),
            line,
            message,
        };
        reader
            .read_line(&mut buf)
            .map_err(|e| bad(1, e.to_string()))?;
        let header: Header = serde_json::from_str(buf.trim_end())
            .map_err(|e| bad(1, format!("not a paraclean learned table ({e})")))?;
        if header.format != FORMAT {
            return Err(bad(
                1,
                format!("format is `{}`, not `{FORMAT}`", header.format),
            ));
        }
        if header.version != TABLE_VERSION
            || header.fingerprint != FINGERPRINT_VERSION
            || header.max_block_chars != MAX_BLOCK_CHARS
        {
            return Err(bad(
                1,
                format!(
                    "made by another version (table {} / fingerprint {}; this build reads {TABLE_VERSION} / {FINGERPRINT_VERSION}): learn it again",
                    header.version, header.fingerprint
                ),
            ));
        }
        if header.sources.windows(2).any(|w| w[0].name >= w[1].name) {
            return Err(bad(1, "sources are not in name order".to_string()));
        }
        Ok(TableReader {
            header,
            reader,
            origin: origin.to_string(),
            line: 1,
            last: None,
            buf,
        })
    }

    /// Opens a table file; `.gz` and `.zst` tables (as `learn -o t.table.gz` writes) are
    /// decompressed.
    pub fn open(path: &std::path::Path) -> Result<TableReader> {
        let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        let raw = std::io::BufReader::with_capacity(1 << 20, file);
        let reader = crate::input::Compression::of_path(path)
            .decoder(raw)
            .map_err(|e| Error::io(path, e))?;
        TableReader::new(
            Box::new(std::io::BufReader::with_capacity(1 << 20, reader)),
            &path.display().to_string(),
        )
    }

    pub fn header(&self) -> &Header {
        &self.header
    }

    /// The next entry, or `None` at the end.
    pub fn next_entry(&mut self) -> Result<Option<Entry>> {
        self.buf.clear();
        self.line += 1;
        let bad = |line: u64, message: String| Error::Table {
            origin: self.origin.clone(),
            line,
            message,
        };
        let n = self
            .reader
            .read_line(&mut self.buf)
            .map_err(|e| bad(self.line, e.to_string()))?;
        if n == 0 {
            return Ok(None);
        }
        let entry: Entry = serde_json::from_str(self.buf.trim_end())
            .map_err(|e| bad(self.line, format!("bad entry ({e})")))?;
        if entry.source as usize >= self.header.sources.len() {
            return Err(bad(
                self.line,
                format!("source index {} is not in the header", entry.source),
            ));
        }
        if self.last.is_some_and(|last| last >= entry.order()) {
            return Err(bad(
                self.line,
                "entries are not sorted by source, kind and hash".to_string(),
            ));
        }
        self.last = Some(entry.order());
        Ok(Some(entry))
    }
}

/// Writes a table: the header, then entries in sorted order.
pub struct TableWriter<W: Write> {
    out: W,
    last: Option<(u32, Kind, u64)>,
    pub entries: u64,
}

impl<W: Write> TableWriter<W> {
    pub fn new(mut out: W, header: &Header) -> std::io::Result<TableWriter<W>> {
        serde_json::to_writer(&mut out, header)?;
        out.write_all(b"\n")?;
        Ok(TableWriter {
            out,
            last: None,
            entries: 0,
        })
    }

    pub fn push(&mut self, entry: Entry) -> std::io::Result<()> {
        debug_assert!(self.last.is_none_or(|last| last < entry.order()));
        self.last = Some(entry.order());
        serde_json::to_writer(&mut self.out, &entry)?;
        self.entries += 1;
        self.out.write_all(b"\n")
    }

    pub fn finish(mut self) -> std::io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

/// The merge front: (entry order, documents, input index), smallest first.
type Heap = BinaryHeap<Reverse<((u32, Kind, u64), u64, usize)>>;

/// What a merge wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct MergeStats {
    pub sources: usize,
    pub documents: u64,
    pub entries: u64,
}

/// Merges tables into one, summing counts; with `prune_below`, entries seen in fewer documents are
/// left out (the result is then final: a pruned table cannot be merged again exactly).
pub fn merge<W: Write>(
    inputs: Vec<TableReader>,
    out: W,
    prune_below: Option<u64>,
) -> Result<(W, MergeStats)> {
    for input in &inputs {
        if let Some(n) = input.header.pruned_below {
            return Err(Error::Table {
                origin: input.origin.clone(),
                line: 1,
                message: format!(
                    "was pruned (entries below {n} documents dropped), so merging it would not be exact; merge the unpruned tables and prune the result"
                ),
            });
        }
    }
    let mut totals: BTreeMap<String, u64> = BTreeMap::new();
    for input in &inputs {
        for s in &input.header.sources {
            *totals.entry(s.name.clone()).or_default() += s.docs;
        }
    }
    let index: BTreeMap<&str, u32> = totals
        .keys()
        .enumerate()
        .map(|(i, name)| (name.as_str(), i as u32))
        .collect();
    // Local source numbers map to global ones monotonically (both are name order), so every input
    // stays sorted after remapping.
    let remaps: Vec<Vec<u32>> = inputs
        .iter()
        .map(|t| {
            t.header
                .sources
                .iter()
                .map(|s| index[s.name.as_str()])
                .collect()
        })
        .collect();
    let mut header = Header::new(
        totals
            .iter()
            .map(|(name, &docs)| SourceDocs {
                name: name.clone(),
                docs,
            })
            .collect(),
        prune_below,
    );
    // Tables learned with the same naming keep it; a mix says nothing.
    if let Some(first) = inputs.first() {
        if inputs
            .iter()
            .all(|t| t.header.naming() == first.header.naming())
        {
            header.set_naming(first.header.naming());
        }
    }
    let stats_base = MergeStats {
        sources: header.sources.len(),
        documents: header.sources.iter().map(|s| s.docs).sum(),
        entries: 0,
    };
    let mut writer = TableWriter::new(out, &header).map_err(|e| Error::Output(e.to_string()))?;
    let mut inputs = inputs;
    let mut heap = BinaryHeap::new();
    let pull = |i: usize, heap: &mut Heap, inputs: &mut Vec<TableReader>| -> Result<()> {
        if let Some(mut e) = inputs[i].next_entry()? {
            e.source = remaps[i][e.source as usize];
            heap.push(Reverse((e.order(), e.docs, i)));
        }
        Ok(())
    };
    for i in 0..inputs.len() {
        pull(i, &mut heap, &mut inputs)?;
    }
    while let Some(Reverse((order, mut docs, i))) = heap.pop() {
        pull(i, &mut heap, &mut inputs)?;
        while let Some(Reverse((next, more, j))) = heap.peek().copied() {
            if next != order {
                break;
            }
            heap.pop();
            docs += more;
            pull(j, &mut heap, &mut inputs)?;
        }
        if prune_below.is_none_or(|n| docs >= n) {
            writer
                .push(Entry {
                    source: order.0,
                    kind: order.1,
                    hash: order.2,
                    docs,
                })
                .map_err(|e| Error::Output(e.to_string()))?;
        }
    }
    let entries = writer.entries;
    let out = writer.finish().map_err(|e| Error::Output(e.to_string()))?;
    Ok((
        out,
        MergeStats {
            entries,
            ..stats_base
        },
    ))
}
