//! Library errors. The CLI turns them into messages; the library never prints.

use std::path::{Path, PathBuf};

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The OS error is part of the message and not also a `source()`, so that a printed chain
    /// (`{:#}`) does not say it twice.
    #[error("{path}: {error}")]
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error("rule pack {origin}: {message}")]
    RulePack { origin: String, message: String },
    #[error("rule {id}: {message}")]
    Rule { id: String, message: String },
    #[error("no rule or pack is named `{0}` (see `paraclean rules`)")]
    UnknownRule(String),
    #[error("config {origin}: {message}")]
    Config { origin: String, message: String },
    #[error("{path}:{line}: {message}")]
    Input {
        path: String,
        line: u64,
        message: String,
    },
    #[error("learned table {origin}:{line}: {message}")]
    Table {
        origin: String,
        line: u64,
        message: String,
    },
    #[error("writing the learned table: {0}")]
    Output(String),
}

impl Error {
    pub fn io(path: &Path, error: std::io::Error) -> Error {
        Error::Io {
            path: path.to_path_buf(),
            error,
        }
    }
}
