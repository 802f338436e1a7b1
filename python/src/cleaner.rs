//! `paraclean.Cleaner`: built once from the same settings as the CLI's (`--config`, `--rules`,
//! `--enable`, `--disable`, `--keep`, `--learned`), then shared by any number of Python threads.

use crate::errors::{self, IntoPyResult};
use crate::pool::Pool;
use crate::types::{json_to_py, py_to_json, Cleaned};
use paraclean::learn::LearnedModel;
use paraclean::{Class, Config};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyString, PyTuple, PyType};
use rayon::prelude::*;
use std::path::PathBuf;
use std::sync::Arc;

/// Removes boilerplate and repeated copies from article text, with a report of every removal.
///
/// Build one and share it: construction loads and checks the rule packs, config and learned table;
/// cleaning never fails. A Cleaner is immutable and safe to use from many threads at once; `clean`
/// and `clean_many` release the GIL while they work.
///
/// Arguments (all optional), as the CLI's options:
///   config: a TOML config file (`--config`) or a dict of the same keys (`head_blocks`, `packs`,
///       `rules`, `keep`, `duplicates`, `learned`).
///   rules: extra rule pack files (`--rules`).
///   enable, disable: rule or pack ids (`--enable`, `--disable`); a str may list several,
///       comma-separated.
///   keep: classes to keep rather than remove (`"caption"`, …; see `paraclean.CLASSES`).
///   learned: a learned table made by `paraclean learn` or `paraclean.learn` (`--learned`); it
///       applies to documents cleaned with a `source` the table knows.
///
/// Raises ConfigError, RuleError, TableError or FileError (all ParacleanError) with the message
/// the CLI prints.
#[pyclass(frozen, module = "paraclean")]
pub struct Cleaner {
    inner: Arc<paraclean::Cleaner>,
    /// The arguments it was built from, for pickling.
    args: Py<PyTuple>,
}

/// Rule or pack ids: None, one str (comma-separated ids, as on the command line), or an iterable
/// of str.
fn ids(arg: Option<&Bound<'_, PyAny>>, what: &str) -> PyResult<Vec<String>> {
    let Some(arg) = arg.filter(|a| !a.is_none()) else {
        return Ok(Vec::new());
    };
    if let Ok(s) = arg.cast::<PyString>() {
        return Ok(s
            .to_cow()?
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect());
    }
    let mut out = Vec::new();
    for item in arg
        .try_iter()
        .map_err(|_| PyTypeError::new_err(format!("{what} must be a str or an iterable of str")))?
    {
        out.push(
            item?
                .extract::<String>()
                .map_err(|_| PyTypeError::new_err(format!("{what} must hold str")))?,
        );
    }
    Ok(out)
}

fn is_path(arg: &Bound<'_, PyAny>) -> bool {
    arg.is_instance_of::<PyString>() || arg.hasattr("__fspath__").unwrap_or(false)
}

/// Pack files: None, one path (str or os.PathLike), or an iterable of paths.
fn paths(arg: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<PathBuf>> {
    let Some(arg) = arg.filter(|a| !a.is_none()) else {
        return Ok(Vec::new());
    };
    if is_path(arg) {
        return Ok(vec![arg.extract()?]);
    }
    let mut out = Vec::new();
    for item in arg
        .try_iter()
        .map_err(|_| PyTypeError::new_err("rules must be a path or an iterable of paths"))?
    {
        out.push(item?.extract()?);
    }
    Ok(out)
}

fn config_from(py: Python<'_>, arg: Option<&Bound<'_, PyAny>>) -> PyResult<Config> {
    let Some(arg) = arg.filter(|a| !a.is_none()) else {
        return Ok(Config::default());
    };
    if is_path(arg) {
        let path: PathBuf = arg.extract()?;
        return py.detach(|| Config::load(&path)).py_err(py);
    }
    if arg.cast::<pyo3::types::PyMapping>().is_ok() {
        let value = py_to_json(arg)?;
        return serde_json::from_value(value)
            .map_err(|e| errors::config(py, "dict", e.to_string()));
    }
    Err(PyTypeError::new_err(
        "config must be a path to a TOML file or a dict",
    ))
}

/// Class names, as in a config's `keep = [...]`.
fn classes(py: Python<'_>, names: Vec<String>) -> PyResult<Vec<Class>> {
    names
        .into_iter()
        .map(|name| {
            serde_json::from_value::<Class>(serde_json::Value::String(name))
                .map_err(|e| errors::config(py, "keep", e.to_string()))
        })
        .collect()
}

/// Sources for `clean_many`: none, one for every document, or one each.
enum Sources {
    None,
    All(PyBackedStr),
    Each(Vec<Option<PyBackedStr>>),
}

impl Sources {
    fn get(&self, i: usize) -> Option<&str> {
        match self {
            Sources::None => None,
            Sources::All(s) => Some(s),
            Sources::Each(v) => v[i].as_deref(),
        }
    }
}

/// The str items of an iterable (not a str itself: that is one document, not many).
fn texts<'py>(arg: &Bound<'py, PyAny>, what: &str) -> PyResult<Vec<Bound<'py, PyAny>>> {
    if arg.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(format!(
            "{what} must be an iterable of str, not a str"
        )));
    }
    arg.try_iter()?.collect()
}

#[pymethods]
impl Cleaner {
    #[new]
    #[pyo3(
        signature = (config=None, rules=None, enable=None, disable=None, keep=None, learned=None),
        text_signature = "(config=None, rules=(), enable=(), disable=(), keep=(), learned=None)"
    )]
    fn new(
        py: Python<'_>,
        config: Option<Bound<'_, PyAny>>,
        rules: Option<Bound<'_, PyAny>>,
        enable: Option<Bound<'_, PyAny>>,
        disable: Option<Bound<'_, PyAny>>,
        keep: Option<Bound<'_, PyAny>>,
        learned: Option<Bound<'_, PyAny>>,
    ) -> PyResult<Cleaner> {
        let mut cfg = config_from(py, config.as_ref())?;
        cfg.packs.extend(paths(rules.as_ref())?);
        cfg.rules.enable.extend(ids(enable.as_ref(), "enable")?);
        cfg.rules.disable.extend(ids(disable.as_ref(), "disable")?);
        for class in classes(py, ids(keep.as_ref(), "keep")?)? {
            if !cfg.keep.contains(&class) {
                cfg.keep.push(class);
            }
        }
        let table: Option<PathBuf> = match learned.as_ref().filter(|l| !l.is_none()) {
            Some(l) if is_path(l) => Some(l.extract()?),
            Some(_) => {
                return Err(PyTypeError::new_err(
                    "learned must be the path of a learned table",
                ))
            }
            None => None,
        };
        let thresholds = cfg.learned;
        let inner = py
            .detach(|| -> paraclean::Result<paraclean::Cleaner> {
                let cleaner = paraclean::Cleaner::new(cfg)?;
                Ok(match table {
                    Some(path) => cleaner.with_learned(LearnedModel::load(&path, thresholds)?),
                    None => cleaner,
                })
            })
            .py_err(py)?;
        let none = || py.None().into_bound(py);
        let args = PyTuple::new(
            py,
            [config, rules, enable, disable, keep, learned].map(|a| a.unwrap_or_else(none)),
        )?;
        Ok(Cleaner {
            inner: Arc::new(inner),
            args: args.unbind(),
        })
    }

    /// Cleans one document. `source` names its site for a learned table (see `paraclean.learn`);
    /// without a table it changes nothing.
    #[pyo3(signature = (text, source=None))]
    fn clean(&self, py: Python<'_>, text: PyBackedStr, source: Option<PyBackedStr>) -> Cleaned {
        let cleaner = &*self.inner;
        Cleaned::new(py.detach(|| cleaner.clean_source(&text, source.as_deref())))
    }

    /// Cleans one document and returns only the clean text.
    #[pyo3(signature = (text, source=None))]
    fn clean_text(&self, py: Python<'_>, text: PyBackedStr, source: Option<PyBackedStr>) -> String {
        let cleaner = &*self.inner;
        py.detach(|| cleaner.clean_source(&text, source.as_deref()).text)
    }

    /// Cleans many documents in parallel, with the GIL released; results in input order.
    ///
    /// `sources`: None, one str for every document, or one str (or None) per document.
    /// `threads`: None runs on the shared pool (one thread per core); an int runs on a pool of
    /// that many threads (kept for later calls with the same number).
    #[pyo3(signature = (texts, sources=None, threads=None))]
    fn clean_many(
        &self,
        py: Python<'_>,
        texts: Bound<'_, PyAny>,
        sources: Option<Bound<'_, PyAny>>,
        threads: Option<usize>,
    ) -> PyResult<Vec<Cleaned>> {
        let docs: Vec<PyBackedStr> = self::texts(&texts, "texts")?
            .iter()
            .map(|t| t.extract())
            .collect::<PyResult<_>>()?;
        let sources = match sources.filter(|s| !s.is_none()) {
            None => Sources::None,
            Some(s) if s.is_instance_of::<PyString>() => Sources::All(s.extract()?),
            Some(s) => {
                let each: Vec<Option<PyBackedStr>> = self::texts(&s, "sources")?
                    .iter()
                    .map(|t| t.extract())
                    .collect::<PyResult<_>>()?;
                if each.len() != docs.len() {
                    return Err(PyValueError::new_err(format!(
                        "{} texts but {} sources",
                        docs.len(),
                        each.len()
                    )));
                }
                Sources::Each(each)
            }
        };
        let pool = Pool::get(threads)?;
        let cleaner = &*self.inner;
        let cleaned: Vec<paraclean::Cleaned> = py.detach(|| {
            pool.install(|| {
                docs.par_iter()
                    .enumerate()
                    .map(|(i, doc)| cleaner.clean_source(doc, sources.get(i)))
                    .collect()
            })
        });
        Ok(cleaned.into_iter().map(Cleaned::new).collect())
    }

    /// The settings in effect (the config file or dict, with the arguments applied), as a dict.
    #[getter]
    fn config<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let value = serde_json::to_value(self.inner.config())
            .map_err(|e| PyValueError::new_err(e.to_string()))?;
        json_to_py(py, &value)
    }

    /// The sources of the learned table and their document counts, or None without a table.
    #[getter]
    fn learned_sources(&self) -> Option<Vec<(String, u64)>> {
        self.inner.learned().map(|m| {
            m.sources()
                .into_iter()
                .map(|(name, docs)| (name.to_string(), docs))
                .collect()
        })
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyType>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        Ok((slf.get_type(), slf.get().args.bind(py).clone()))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let names = ["config", "rules", "enable", "disable", "keep", "learned"];
        let mut parts = Vec::new();
        for (name, arg) in names.iter().zip(self.args.bind(py).iter()) {
            if !arg.is_none() {
                parts.push(format!("{name}={}", arg.repr()?));
            }
        }
        Ok(format!("Cleaner({})", parts.join(", ")))
    }
}
