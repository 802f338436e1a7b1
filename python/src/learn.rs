//! Learned tables from Python: `learn` (the CLI's `paraclean learn`) and `merge_tables`
//! (`paraclean learn --merge`). The tables are the CLI's: either side reads the other's.

use crate::errors::IntoPyResult;
use crate::pool::Pool;
use paraclean::learn::counter::DEFAULT_BUDGET;
use paraclean::learn::table::{merge, MergeStats, TableReader};
use paraclean::learn::{document_prints, Kind, Learner};
use paraclean::Error;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::PyString;
use rayon::prelude::*;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// What a written table holds.
#[pyclass(frozen, get_all, module = "paraclean")]
pub struct LearnStats {
    /// Sources (sites) in the table.
    sources: usize,
    /// Documents counted, over all sources.
    documents: u64,
    /// Entries (block keys and shapes per source) written.
    entries: u64,
}

impl From<MergeStats> for LearnStats {
    fn from(s: MergeStats) -> Self {
        LearnStats {
            sources: s.sources,
            documents: s.documents,
            entries: s.entries,
        }
    }
}

#[pymethods]
impl LearnStats {
    fn __repr__(&self) -> String {
        format!(
            "LearnStats(sources={}, documents={}, entries={})",
            self.sources, self.documents, self.entries
        )
    }
}

// The default in `learn`'s text signature (and the stubs).
const _: () = assert!(DEFAULT_BUDGET == 1_000_000);

/// Documents fingerprinted per parallel batch (as the CLI).
const BATCH_BYTES: usize = 8 << 20;

fn check_prune(prune_below: Option<u64>) -> PyResult<()> {
    if prune_below == Some(0) {
        return Err(PyValueError::new_err("prune_below must be at least 1"));
    }
    Ok(())
}

/// Writes a table to `output` through a temporary file beside it, so that the file appears only
/// once the table is complete.
fn write_table(
    output: &Path,
    body: impl FnOnce(&mut dyn Write) -> paraclean::Result<MergeStats>,
) -> paraclean::Result<MergeStats> {
    let dir = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| Error::io(dir, e))?;
    let mut out = BufWriter::with_capacity(1 << 20, tmp);
    let stats = body(&mut out)?;
    let tmp = out
        .into_inner()
        .map_err(|e| Error::io(output, e.into_error()))?;
    tmp.persist(output)
        .map_err(|e| Error::io(output, e.error))?;
    Ok(stats)
}

/// Learns each source's templates from documents, like `paraclean learn`, and writes the table
/// to `output`.
///
/// `docs`: an iterable of `(source, text)` pairs; the source names the site (a host, a publisher:
/// see `paraclean.host_of`), and later `Cleaner(learned=output).clean(text, source=...)` removes
/// the blocks that most of that source's documents share. Memory stays bounded by
/// `memory_entries` (counts are spilled to `spill_dir`, default the system's temporary directory);
/// `prune_below` leaves out entries seen in fewer documents (a smaller table that can no longer be
/// merged). Returns the table's `LearnStats`.
#[pyfunction]
#[pyo3(
    signature = (docs, output, *, prune_below=None, memory_entries=DEFAULT_BUDGET, spill_dir=None, threads=None),
    text_signature = "(docs, output, *, prune_below=None, memory_entries=1000000, spill_dir=None, threads=None)"
)]
pub fn learn(
    py: Python<'_>,
    docs: Bound<'_, PyAny>,
    output: PathBuf,
    prune_below: Option<u64>,
    memory_entries: usize,
    spill_dir: Option<PathBuf>,
    threads: Option<usize>,
) -> PyResult<LearnStats> {
    check_prune(prune_below)?;
    if docs.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(
            "docs must be an iterable of (source, text) pairs",
        ));
    }
    let pool = Pool::get(threads)?;
    let mut learner = Learner::new(memory_entries, spill_dir);
    let mut batch: Vec<(PyBackedStr, PyBackedStr)> = Vec::new();
    let mut batch_bytes = 0;
    let add = |learner: &mut Learner, batch: &mut Vec<(PyBackedStr, PyBackedStr)>| {
        let result = py.detach(|| {
            let prints: Vec<Vec<(Kind, u64)>> = pool.install(|| {
                batch
                    .par_iter()
                    .map(|(_, text)| document_prints(text))
                    .collect()
            });
            batch
                .iter()
                .zip(prints)
                .try_for_each(|((source, _), prints)| learner.add(source, &prints))
        });
        batch.clear();
        result.py_err(py)
    };
    for item in docs.try_iter()? {
        let pair: (PyBackedStr, PyBackedStr) = item?.extract().map_err(|_| {
            PyTypeError::new_err("docs must be an iterable of (source, text) pairs of str")
        })?;
        batch_bytes += pair.1.len();
        batch.push(pair);
        if batch_bytes >= BATCH_BYTES {
            add(&mut learner, &mut batch)?;
            batch_bytes = 0;
        }
    }
    add(&mut learner, &mut batch)?;
    let stats = py
        .detach(|| write_table(&output, |out| Ok(learner.finish(out, prune_below)?.1)))
        .py_err(py)?;
    Ok(stats.into())
}

/// Merges tables made by `learn` (here or in the CLI) into one, like `paraclean learn --merge`:
/// the result is exactly the table of one pass over all their documents. `prune_below` as in
/// `learn`; a pruned table cannot be merged (TableError).
#[pyfunction]
#[pyo3(signature = (tables, output, *, prune_below=None))]
pub fn merge_tables(
    py: Python<'_>,
    tables: Bound<'_, PyAny>,
    output: PathBuf,
    prune_below: Option<u64>,
) -> PyResult<LearnStats> {
    check_prune(prune_below)?;
    let paths: Vec<PathBuf> = if tables.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(
            "tables must be an iterable of paths, not a str",
        ));
    } else {
        tables
            .try_iter()?
            .map(|t| t?.extract())
            .collect::<PyResult<_>>()?
    };
    if paths.is_empty() {
        return Err(PyValueError::new_err(
            "merge_tables needs the tables to merge",
        ));
    }
    let stats = py
        .detach(|| {
            let readers = paths
                .iter()
                .map(|p| TableReader::open(p))
                .collect::<paraclean::Result<Vec<_>>>()?;
            write_table(&output, |out| Ok(merge(readers, out, prune_below)?.1))
        })
        .py_err(py)?;
    Ok(stats.into())
}
