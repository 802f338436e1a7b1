//! `paraclean._paraclean`: the Rust half of the `paraclean` Python package.
//!
//! A thin layer over the `paraclean` library: [`cleaner`] wraps `paraclean::Cleaner` (one frozen,
//! thread-safe object; `clean_many` runs on a rayon pool with the GIL released), [`types`] the
//! results (converted to Python lazily, on attribute access), [`learn`] the learned tables,
//! [`errors`] maps `paraclean::Error` onto the exceptions of `paraclean/_errors.py`, with the
//! messages the CLI prints.

mod cleaner;
mod errors;
mod learn;
mod pool;
mod types;

use pyo3::prelude::*;

// The Python `Cleaner` is frozen and shared by Python threads: the library's must be Send + Sync.
const _: fn() = || {
    fn check<T: Send + Sync>() {}
    check::<paraclean::Cleaner>();
};

#[pymodule]
mod _paraclean {
    use pyo3::prelude::*;
    use pyo3::types::PyTuple;

    #[pymodule_export]
    use crate::cleaner::Cleaner;
    #[pymodule_export]
    use crate::learn::{learn, merge_tables, LearnStats};
    #[pymodule_export]
    use crate::types::{_restore, Cleaned, Metadata, Removal};

    /// The host of a URL, lower-cased and without `www.` — the source name `paraclean learn
    /// --url-field` uses (`https://www.Example.com/a` → `example.com`); None when there is none.
    #[pyfunction]
    fn host_of(url: &str) -> Option<String> {
        paraclean::learn::host_of(url)
    }

    #[pymodule_init]
    fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
        m.add("__version__", env!("CARGO_PKG_VERSION"))?;
        // True for `maturin develop` builds (slow: benches/python_throughput.py refuses them).
        m.add("_debug_build", cfg!(debug_assertions))?;
        let classes: Vec<&str> = paraclean::Class::ALL.iter().map(|c| c.as_str()).collect();
        m.add("CLASSES", PyTuple::new(m.py(), classes)?)?;
        Ok(())
    }
}
