//! Command-line front end: argument parsing, I/O, messages. The library does the cleaning.

pub mod clean;
pub mod eval_cmd;
pub mod output;
pub mod rules_cmd;

use paraclean::{Cleaner, Config};
use std::path::PathBuf;

/// A mistake in how the command was called (exit code 2).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

pub fn usage(message: impl Into<String>) -> anyhow::Error {
    anyhow::Error::new(UsageError(message.into()))
}

/// Options shared by every command that runs the cleaner.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct CleanerArgs {
    /// Config file (TOML): head_blocks, packs, [rules], [duplicates].
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Add a rule pack (TOML, same format as the built-in packs). Repeatable.
    #[arg(long = "rules", value_name = "FILE")]
    pub rule_packs: Vec<PathBuf>,
    /// Switch off rules or whole packs by id (see `paraclean rules`).
    #[arg(long, value_name = "ID", num_args = 1.., value_delimiter = ',')]
    pub disable: Vec<String>,
    /// Switch on rules or packs that are off by default.
    #[arg(long, value_name = "ID", num_args = 1.., value_delimiter = ',')]
    pub enable: Vec<String>,
    /// Do not remove repeated blocks.
    #[arg(long)]
    pub no_dedup: bool,
}

impl CleanerArgs {
    pub fn config(&self) -> anyhow::Result<Config> {
        let mut config = match &self.config {
            Some(path) => Config::load(path)?,
            None => Config::default(),
        };
        config.packs.extend(self.rule_packs.iter().cloned());
        config.rules.disable.extend(self.disable.iter().cloned());
        config.rules.enable.extend(self.enable.iter().cloned());
        if self.no_dedup {
            config.duplicates.enabled = false;
        }
        Ok(config)
    }

    pub fn cleaner(&self) -> anyhow::Result<Cleaner> {
        Cleaner::new(self.config()?).map_err(|e| match e {
            paraclean::Error::UnknownRule(_) => usage(e.to_string()),
            other => other.into(),
        })
    }
}
