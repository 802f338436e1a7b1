//! Command-line front end: argument parsing, I/O, messages. The library does the cleaning.

pub mod batch;
pub mod clean;
pub mod eval_cmd;
pub mod learn_cmd;
pub mod output;
pub mod pipe;
pub mod plan;
pub mod read;
pub mod rules_cmd;
pub mod source;
pub mod summary;

use paraclean::input::InputFile;
use paraclean::{Cleaner, Config};
use std::path::{Path, PathBuf};

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
    /// Switch off rules or whole packs by id, comma-separated (`web,EN-TIME-001`; see
    /// `paraclean rules`). Repeatable; ids match in any case.
    #[arg(long, value_name = "ID", value_delimiter = ',')]
    pub disable: Vec<String>,
    /// Switch on rules or packs that are off by default (comma-separated; repeatable).
    #[arg(long, value_name = "ID", value_delimiter = ',')]
    pub enable: Vec<String>,
    /// Keep what a class of removal would take, comma-separated (`caption`, `byline`, `layout`…;
    /// see the classes in `paraclean rules`). With `caption`, a caption's text stays and only its
    /// credit goes. Repeatable.
    #[arg(long, value_name = "CLASS", value_delimiter = ',', value_parser = parse_class)]
    pub keep: Vec<paraclean::Class>,
    /// Do not remove repeated blocks.
    #[arg(long)]
    pub no_dedup: bool,
    /// Do not run the line scorer (boilerplate found from the shape of blocks, class `layout`).
    #[arg(long)]
    pub no_scorer: bool,
    /// Do not look for page sections (comment threads, related lists, tags, share bars found from
    /// a header and the shape of the blocks below it).
    #[arg(long)]
    pub no_sections: bool,
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
        config.keep.extend(self.keep.iter().copied());
        if self.no_dedup {
            config.duplicates.enabled = false;
        }
        if self.no_scorer {
            config.scorer.enabled = false;
        }
        if self.no_sections {
            config.sections.enabled = false;
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

fn parse_class(name: &str) -> Result<paraclean::Class, String> {
    paraclean::Class::parse(&name.to_ascii_lowercase()).ok_or_else(|| {
        let all: Vec<&str> = paraclean::Class::ALL.iter().map(|c| c.as_str()).collect();
        format!("no class is named `{name}` (classes: {})", all.join(", "))
    })
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

/// An error as one line: each cause is added unless the message already says it
/// (`nope.toml: No such file or directory` is not followed by the OS error again).
pub fn message(e: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if !out.contains(&text) {
            if !out.is_empty() {
                out.push_str(": ");
            }
            out.push_str(&text);
        }
    }
    out
}

/// `--include` globs. A glob with a `/` matches the path relative to the directory named
/// (`en/*.txt`); one without matches the file name at any depth (`*.txt`, `raw.txt`).
pub struct Include {
    names: globset::GlobSet,
    paths: globset::GlobSet,
    globs: Vec<String>,
}

impl Include {
    pub fn new(globs: &[String]) -> anyhow::Result<Include> {
        let mut names = globset::GlobSetBuilder::new();
        let mut paths = globset::GlobSetBuilder::new();
        for g in globs {
            let glob = globset::GlobBuilder::new(g.trim_start_matches("./"))
                .literal_separator(true)
                .build()
                .map_err(|e| usage(format!("--include {g}: {e}")))?;
            if g.contains('/') {
                paths.add(glob);
            } else {
                names.add(glob);
            }
        }
        let build =
            |b: globset::GlobSetBuilder| b.build().map_err(|e| usage(format!("--include: {e}")));
        Ok(Include {
            names: build(names)?,
            paths: build(paths)?,
            globs: globs.to_vec(),
        })
    }

    pub fn keep(&self, relative: &Path) -> bool {
        self.globs.is_empty()
            || relative.file_name().is_some_and(|n| self.names.is_match(n))
            || self.paths.is_match(relative)
    }
}

/// The inputs found under the paths given (stdin when none).
pub struct Listing {
    pub files: Vec<InputFile>,
    /// Paths that could not be read, each with its error.
    pub failures: Vec<anyhow::Error>,
    /// A directory was among the paths.
    pub dir_input: bool,
    /// `--include` left no file of the directories named.
    pub filtered_out: bool,
}

/// Lists the input files behind `paths`, going on past a path that cannot be read.
pub fn list_inputs(paths: &[PathBuf], include: &[String]) -> anyhow::Result<Listing> {
    let include = Include::new(include)?;
    let stdin = [PathBuf::from("-")];
    let paths = if paths.is_empty() { &stdin[..] } else { paths };
    let mut listing = Listing {
        files: Vec::new(),
        failures: Vec::new(),
        dir_input: false,
        filtered_out: false,
    };
    let walked = std::cell::Cell::new(0usize);
    for path in paths {
        let is_dir = path.is_dir();
        listing.dir_input |= is_dir;
        match paraclean::input::expand_path(path, &|rel: &Path| {
            walked.set(walked.get() + usize::from(is_dir));
            include.keep(rel)
        }) {
            Ok(files) => listing.files.extend(files),
            Err(e) => listing.failures.push(e.into()),
        }
    }
    let walked = walked.get();
    listing.filtered_out = !include.globs.is_empty() && walked > 0 && listing.files.is_empty();
    if listing.filtered_out {
        let globs: Vec<String> = include.globs.iter().map(|g| format!("'{g}'")).collect();
        eprintln!(
            "paraclean: warning: --include {} matched none of the {walked} files in the directories named (a glob with `/` matches the path below the directory, one without the file name)",
            globs.join(", ")
        );
    }
    Ok(listing)
}

/// When to color `--explain` output.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ColorChoice {
    /// When writing to a terminal and `NO_COLOR` is not set.
    #[default]
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Whether to color output that goes to stdout (`to_stdout`).
    pub fn enabled(self, to_stdout: bool) -> bool {
        use std::io::IsTerminal;
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                to_stdout
                    && std::io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }
}
