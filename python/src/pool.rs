//! Where parallel work runs: `threads=None` → rayon's global pool (one thread per core), an int →
//! a pool of that size, built on first use and kept for the life of the process.
//!
//! A forked child (multiprocessing's default on Linux, `datasets.map(num_proc=…)`) inherits the
//! pools but not their threads: work sent to them would wait forever. So pools are kept per process
//! id, and a child whose parent had already used the global pool gets a pool of its own instead.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

pub enum Pool {
    Global,
    Sized(Arc<rayon::ThreadPool>),
}

/// The process that first used rayon's global pool (whose threads live only there).
static GLOBAL_OWNER: OnceLock<u32> = OnceLock::new();

type Pools = HashMap<(u32, usize), Arc<rayon::ThreadPool>>;

fn sized(pid: u32, n: usize) -> PyResult<Pool> {
    static POOLS: OnceLock<Mutex<Pools>> = OnceLock::new();
    let mut pools = POOLS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(pool) = pools.get(&(pid, n)) {
        return Ok(Pool::Sized(pool.clone()));
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(n)
        .thread_name(move |i| format!("paraclean-{n}-{i}"))
        .build()
        .map_err(|e| PyValueError::new_err(format!("cannot start {n} threads: {e}")))?;
    let pool = Arc::new(pool);
    // A parent's pools stay in the map (never dropped in a child, whose copies have no threads).
    pools.insert((pid, n), pool.clone());
    Ok(Pool::Sized(pool))
}

impl Pool {
    pub fn get(threads: Option<usize>) -> PyResult<Pool> {
        let pid = std::process::id();
        match threads {
            Some(0) => Err(PyValueError::new_err("threads must be at least 1")),
            Some(n) => sized(pid, n),
            None if *GLOBAL_OWNER.get_or_init(|| pid) == pid => Ok(Pool::Global),
            None => sized(
                pid,
                std::thread::available_parallelism().map_or(1, |n| n.get()),
            ),
        }
    }

    /// Runs `f` in the pool (rayon's parallel iterators inside it use the pool's threads).
    pub fn install<R: Send>(&self, f: impl FnOnce() -> R + Send) -> R {
        match self {
            Pool::Global => f(),
            Pool::Sized(pool) => pool.install(f),
        }
    }
}
