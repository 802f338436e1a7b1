//! Where parallel work runs: `threads=None` → rayon's global pool (one thread per core), an int →
//! a pool of that size, built on first use and kept for the life of the process.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

pub enum Pool {
    Global,
    Sized(Arc<rayon::ThreadPool>),
}

impl Pool {
    pub fn get(threads: Option<usize>) -> PyResult<Pool> {
        let Some(n) = threads else {
            return Ok(Pool::Global);
        };
        if n == 0 {
            return Err(PyValueError::new_err("threads must be at least 1"));
        }
        static POOLS: OnceLock<Mutex<HashMap<usize, Arc<rayon::ThreadPool>>>> = OnceLock::new();
        let mut pools = POOLS
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(pool) = pools.get(&n) {
            return Ok(Pool::Sized(pool.clone()));
        }
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .thread_name(move |i| format!("paraclean-{n}-{i}"))
            .build()
            .map_err(|e| PyValueError::new_err(format!("cannot start {n} threads: {e}")))?;
        let pool = Arc::new(pool);
        pools.insert(n, pool.clone());
        Ok(Pool::Sized(pool))
    }

    /// Runs `f` in the pool (rayon's parallel iterators inside it use the pool's threads).
    pub fn install<R: Send>(&self, f: impl FnOnce() -> R + Send) -> R {
        match self {
            Pool::Global => f(),
            Pool::Sized(pool) => pool.install(f),
        }
    }
}
