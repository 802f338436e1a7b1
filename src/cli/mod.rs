//! Command-line front end: argument parsing, I/O, messages. The library does the cleaning.

pub mod clean;
pub mod eval_cmd;
pub mod learn_cmd;
pub mod output;
pub mod rules_cmd;
pub mod source;

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
    /// Do not run the line scorer (boilerplate found from the shape of blocks, class `layout`).
    #[arg(long)]
    pub no_scorer: bool,
    /// Also remove each source's learned templates, from a table made by `paraclean learn`.
    #[arg(long, value_name = "TABLE")]
    pub learned: Option<PathBuf>,
    /// With --learned: a template block is in at least this many documents of its source.
    #[arg(long, value_name = "N", requires = "learned")]
    pub min_docs: Option<u64>,
    /// With --learned: … and in at least this share (0–1) of them.
    #[arg(long, value_name = "SHARE", requires = "learned")]
    pub min_share: Option<f64>,
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
        if self.no_scorer {
            config.scorer.enabled = false;
        }
        if let Some(n) = self.min_docs {
            config.learned.min_docs = n;
        }
        if let Some(share) = self.min_share {
            if !(0.0..=1.0).contains(&share) {
                return Err(usage("--min-share must be between 0 and 1"));
            }
            config.learned.min_share = share;
            config.learned.prose_share = config.learned.prose_share.max(share);
        }
        Ok(config)
    }

    pub fn cleaner(&self) -> anyhow::Result<Cleaner> {
        let config = self.config()?;
        let thresholds = config.learned;
        let cleaner = Cleaner::new(config).map_err(|e| match e {
            paraclean::Error::UnknownRule(_) => usage(e.to_string()),
            other => other.into(),
        })?;
        Ok(match &self.learned {
            Some(path) => cleaner.with_learned(
                paraclean::learn::LearnedModel::load(path, thresholds)
                    .map_err(|e| usage(e.to_string()))?,
            ),
            None => cleaner,
        })
    }
}

/// Compiles an `--include` glob.
pub fn include_matcher(glob: Option<&str>) -> anyhow::Result<Option<globset::GlobMatcher>> {
    glob.map(|g| {
        globset::Glob::new(g)
            .map(|g| g.compile_matcher())
            .map_err(|e| usage(format!("--include {g}: {e}")))
    })
    .transpose()
}

/// `--jobs N`: the size of the global rayon pool (default: all cores).
pub fn set_jobs(jobs: Option<usize>) -> anyhow::Result<()> {
    if let Some(jobs) = jobs {
        if jobs == 0 {
            return Err(usage("--jobs must be at least 1"));
        }
        rayon::ThreadPoolBuilder::new()
            .num_threads(jobs)
            .build_global()
            .ok();
    }
    Ok(())
}

/// The input files behind the paths given (stdin when none), filtered by `--include`.
pub fn input_files(
    paths: &[PathBuf],
    include: Option<&str>,
) -> anyhow::Result<Vec<paraclean::input::InputFile>> {
    let stdin = [PathBuf::from("-")];
    let paths = if paths.is_empty() { &stdin[..] } else { paths };
    paraclean::input::expand_paths(paths, include_matcher(include)?.as_ref())
        .map_err(|e| usage(e.to_string()))
}
