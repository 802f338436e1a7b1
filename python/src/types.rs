//! What cleaning returns, as Python objects. They hold the library's results and build Python
//! values only when an attribute is read, so `clean_many` spends its time cleaning, not converting.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyString};
use pyo3::IntoPyObjectExt;
use serde_json::Value;

/// A JSON value (the report's form of a reason) as plain Python objects.
pub fn json_to_py<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => b.into_pyobject(py)?.to_owned().into_any(),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => u.into_pyobject(py)?.into_any(),
            (None, Some(i)) => i.into_pyobject(py)?.into_any(),
            _ => n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any(),
        },
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(json_to_py(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, v) in map {
                dict.set_item(k, json_to_py(py, v)?)?;
            }
            dict.into_any()
        }
    })
}

/// Plain Python data (dict, list, tuple, str, int, float, bool, None) as JSON, for configs given as
/// a dict.
pub fn py_to_json(obj: &Bound<'_, PyAny>) -> PyResult<Value> {
    use pyo3::exceptions::PyTypeError;
    use pyo3::types::{PyBool, PyFloat, PyInt, PyMapping, PySequence};
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.is_instance_of::<PyInt>() {
        if let Ok(u) = obj.extract::<u64>() {
            return Ok(Value::from(u));
        }
        return Ok(Value::from(obj.extract::<i64>()?));
    }
    if obj.is_instance_of::<PyFloat>() {
        let f: f64 = obj.extract()?;
        return serde_json::Number::from_f64(f)
            .map(Value::Number)
            .ok_or_else(|| {
                PyTypeError::new_err(format!("config value {f} is not a finite number"))
            });
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(s.to_cow()?.into_owned()));
    }
    if let Ok(path) = obj.extract::<std::path::PathBuf>() {
        // os.PathLike (a pack path given as a pathlib.Path).
        return Ok(Value::String(path.to_string_lossy().into_owned()));
    }
    if let Ok(map) = obj.cast::<PyMapping>() {
        let mut out = serde_json::Map::new();
        for item in map.items()?.iter() {
            let (k, v): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item.extract()?;
            let key: String = k
                .extract()
                .map_err(|_| PyTypeError::new_err("config keys must be str"))?;
            out.insert(key, py_to_json(&v)?);
        }
        return Ok(Value::Object(out));
    }
    if let Ok(seq) = obj.cast::<PySequence>() {
        let mut out = Vec::new();
        for item in seq.try_iter()? {
            out.push(py_to_json(&item?)?);
        }
        return Ok(Value::Array(out));
    }
    Err(PyTypeError::new_err(format!(
        "config values must be str, int, float, bool, None, lists or dicts, not {}",
        obj.get_type().name()?
    )))
}

/// `__reduce__` for the result types: `paraclean._paraclean._restore(kind, json)` rebuilds them from
/// the library's serde form, so results travel through pickle (multiprocessing, Spark).
fn reduce<'py, T: serde::Serialize>(
    py: Python<'py>,
    kind: &'static str,
    value: &T,
) -> PyResult<(Bound<'py, PyAny>, (&'static str, String))> {
    let restore = py.import("paraclean._paraclean")?.getattr("_restore")?;
    let json = serde_json::to_string(value)
        .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
    Ok((restore, (kind, json)))
}

/// Rebuilds a pickled Cleaned, Removal or Metadata.
#[pyfunction]
pub fn _restore<'py>(py: Python<'py>, kind: &str, json: &str) -> PyResult<Bound<'py, PyAny>> {
    let bad = |e: serde_json::Error| pyo3::exceptions::PyValueError::new_err(e.to_string());
    Ok(match kind {
        "cleaned" => {
            Bound::new(py, Cleaned::new(serde_json::from_str(json).map_err(bad)?))?.into_any()
        }
        "removal" => Bound::new(
            py,
            Removal {
                inner: serde_json::from_str(json).map_err(bad)?,
            },
        )?
        .into_any(),
        "metadata" => Bound::new(
            py,
            Metadata {
                inner: serde_json::from_str(json).map_err(bad)?,
            },
        )?
        .into_any(),
        _ => {
            return Err(pyo3::exceptions::PyValueError::new_err(format!(
                "cannot restore {kind}"
            )))
        }
    })
}

/// The result of cleaning one document.
///
/// `text` is the clean text; `removals` lists every removed piece in document order; `metadata`
/// holds what the removed bylines, signatures and copyright lines said.
#[pyclass(frozen, module = "paraclean")]
pub struct Cleaned {
    inner: paraclean::Cleaned,
    text: PyOnceLock<Py<PyString>>,
}

impl Cleaned {
    pub fn new(inner: paraclean::Cleaned) -> Cleaned {
        Cleaned {
            inner,
            text: PyOnceLock::new(),
        }
    }
}

#[pymethods]
impl Cleaned {
    /// The clean text.
    #[getter]
    fn text(&self, py: Python<'_>) -> Py<PyString> {
        self.text
            .get_or_init(py, || PyString::new(py, &self.inner.text).unbind())
            .clone_ref(py)
    }

    /// Every removed piece, in document order (a new list on each access).
    #[getter]
    fn removals(&self) -> Vec<Removal> {
        self.inner
            .removals
            .iter()
            .map(|r| Removal { inner: r.clone() })
            .collect()
    }

    /// Authors, e-mails, publisher and publication date found in the removed pieces.
    #[getter]
    fn metadata(&self) -> Metadata {
        Metadata {
            inner: self.inner.metadata.clone(),
        }
    }

    /// `{"text": …, "removals": [Removal.to_dict(), …], "metadata": Metadata.to_dict()}`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("text", self.text(py))?;
        let removals = PyList::empty(py);
        for r in &self.inner.removals {
            removals.append(removal_dict(py, r)?)?;
        }
        dict.set_item("removals", removals)?;
        dict.set_item("metadata", metadata_dict(py, &self.inner.metadata)?)?;
        Ok(dict)
    }

    fn __reduce__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyAny>, (&'static str, String))> {
        reduce(py, "cleaned", &self.inner)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let chars = self.inner.text.chars().count();
        Ok(format!(
            "Cleaned(text=<{chars} chars>, removals=<{}>, metadata={})",
            self.inner.removals.len(),
            metadata_repr(py, &self.inner.metadata)?
        ))
    }
}

/// One removed piece of a document.
///
/// `start`/`end` are offsets in code points, as Python slices strings: `doc[r.start:r.end] ==
/// r.text` for the document that was cleaned. `byte_start`/`byte_end` are the same span in the
/// document's UTF-8 encoding. `class_` is the class (`"signature"`, `"portal-ui"`, … — spelled
/// with a trailing underscore because `class` is a Python keyword).
#[pyclass(frozen, module = "paraclean")]
pub struct Removal {
    inner: paraclean::Removal,
}

#[pymethods]
impl Removal {
    /// 1-based line of the document the piece was on.
    #[getter]
    fn line(&self) -> usize {
        self.inner.line
    }

    /// Code-point offset where the piece starts.
    #[getter]
    #[allow(clippy::misnamed_getters)] // Python's `start` is the library's char offset, on purpose.
    fn start(&self) -> usize {
        self.inner.char_start
    }

    /// Code-point offset where the piece ends (exclusive).
    #[getter]
    #[allow(clippy::misnamed_getters)]
    fn end(&self) -> usize {
        self.inner.char_end
    }

    #[getter]
    fn byte_start(&self) -> usize {
        self.inner.start
    }

    #[getter]
    fn byte_end(&self) -> usize {
        self.inner.end
    }

    /// The removed text.
    #[getter]
    fn text(&self) -> &str {
        &self.inner.text
    }

    /// The class of the removal (`"byline"`, `"duplicate"`, …; see `paraclean.CLASSES`).
    #[getter(class_)]
    fn class(&self) -> &'static str {
        self.inner.class.as_str()
    }

    /// Why it was removed: the report's reason object as a dict, with `"by"` one of `"rule"`,
    /// `"duplicate"`, `"after-tail"`, `"list-item"`, `"learned"` and that kind's fields.
    #[getter]
    fn reason<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_to_py(py, &reason_json(&self.inner.reason))
    }

    /// The reason in one line, as `paraclean clean --explain` gives it.
    fn explain(&self) -> String {
        self.inner.reason.explain()
    }

    /// `{"line", "start", "end", "byte_start", "byte_end", "text", "class", "reason"}`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        removal_dict(py, &self.inner)
    }

    fn __reduce__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyAny>, (&'static str, String))> {
        reduce(py, "removal", &self.inner)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Removal(line={}, class_={}, start={}, end={}, text={})",
            self.inner.line,
            py_repr(py, self.inner.class.as_str())?,
            self.inner.char_start,
            self.inner.char_end,
            py_repr(py, &self.inner.text)?
        ))
    }
}

fn reason_json(reason: &paraclean::Reason) -> Value {
    serde_json::to_value(reason).unwrap_or(Value::Null)
}

fn removal_dict<'py>(py: Python<'py>, r: &paraclean::Removal) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    dict.set_item("line", r.line)?;
    dict.set_item("start", r.char_start)?;
    dict.set_item("end", r.char_end)?;
    dict.set_item("byte_start", r.start)?;
    dict.set_item("byte_end", r.end)?;
    dict.set_item("text", &r.text)?;
    dict.set_item("class", r.class.as_str())?;
    dict.set_item("reason", json_to_py(py, &reason_json(&r.reason))?)?;
    Ok(dict)
}

/// What the removed boilerplate said: `authors` and `emails` (lists, in order found), `publisher`
/// and `published` (`YYYY-MM-DD HH:MM` when the stamp could be read), or None.
#[pyclass(frozen, eq, module = "paraclean")]
#[derive(PartialEq)]
pub struct Metadata {
    inner: paraclean::Metadata,
}

#[pymethods]
impl Metadata {
    #[getter]
    fn authors(&self) -> Vec<String> {
        self.inner.authors.clone()
    }

    #[getter]
    fn emails(&self) -> Vec<String> {
        self.inner.emails.clone()
    }

    #[getter]
    fn publisher(&self) -> Option<&str> {
        self.inner.publisher.as_deref()
    }

    #[getter]
    fn published(&self) -> Option<&str> {
        self.inner.published.as_deref()
    }

    /// `{"authors": [...], "emails": [...], "publisher": str | None, "published": str | None}`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        metadata_dict(py, &self.inner)
    }

    fn __bool__(&self) -> bool {
        !self.inner.is_empty()
    }

    fn __reduce__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyAny>, (&'static str, String))> {
        reduce(py, "metadata", &self.inner)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        metadata_repr(py, &self.inner)
    }
}

fn metadata_dict<'py>(py: Python<'py>, m: &paraclean::Metadata) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    dict.set_item("authors", &m.authors)?;
    dict.set_item("emails", &m.emails)?;
    dict.set_item("publisher", m.publisher.as_deref())?;
    dict.set_item("published", m.published.as_deref())?;
    Ok(dict)
}

/// Python's `repr()` of a value.
fn py_repr<'py, T: IntoPyObject<'py>>(py: Python<'py>, value: T) -> PyResult<String> {
    let object = value.into_bound_py_any(py)?;
    Ok(object.repr()?.to_cow()?.into_owned())
}

fn metadata_repr(py: Python<'_>, m: &paraclean::Metadata) -> PyResult<String> {
    Ok(format!(
        "Metadata(authors={}, emails={}, publisher={}, published={})",
        py_repr(py, &m.authors)?,
        py_repr(py, &m.emails)?,
        py_repr(py, m.publisher.as_deref())?,
        py_repr(py, m.published.as_deref())?
    ))
}
