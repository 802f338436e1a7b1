//! `paraclean::Error` → the exceptions defined in `paraclean/_errors.py`. The message is the
//! error's `Display`, which is what the CLI prints after `paraclean: `.

use paraclean::Error;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyType;

fn class<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyType>> {
    static MODULE: PyOnceLock<Py<PyModule>> = PyOnceLock::new();
    let module = MODULE.get_or_try_init(py, || {
        Ok::<_, PyErr>(py.import("paraclean._errors")?.unbind())
    })?;
    Ok(module.bind(py).getattr(name)?.cast_into()?)
}

/// The Python exception for a library error.
pub fn to_py(py: Python<'_>, err: Error) -> PyErr {
    let message = err.to_string();
    let (name, errno, filename) = match &err {
        Error::Io { path, error } => (
            "FileError",
            error.raw_os_error(),
            Some(path.display().to_string()),
        ),
        Error::Output(_) => ("FileError", None, None),
        Error::RulePack { .. } | Error::Rule { .. } | Error::UnknownRule(_) => {
            ("RuleError", None, None)
        }
        Error::Config { .. } => ("ConfigError", None, None),
        Error::Table { .. } => ("TableError", None, None),
        Error::Input { .. } => ("InputError", None, None),
    };
    let raised = class(py, name).and_then(|ty| {
        if name == "FileError" {
            ty.call1((message.clone(), errno, filename))
        } else {
            ty.call1((message.clone(),))
        }
    });
    match raised {
        Ok(exc) => PyErr::from_value(exc),
        Err(e) => e,
    }
}

/// A config error raised from Python-side arguments (`keep=`, a config dict).
pub fn config(py: Python<'_>, origin: &str, message: impl Into<String>) -> PyErr {
    to_py(
        py,
        Error::Config {
            origin: origin.to_string(),
            message: message.into(),
        },
    )
}

/// `Result<T, paraclean::Error>` → `PyResult<T>`.
pub trait IntoPyResult<T> {
    fn py_err(self, py: Python<'_>) -> PyResult<T>;
}

impl<T> IntoPyResult<T> for Result<T, Error> {
    fn py_err(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|e| to_py(py, e))
    }
}
