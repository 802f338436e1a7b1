//! Cleaner settings, with a TOML file form (`--config FILE`).

use crate::class::Class;
use crate::detect::duplicates::DupConfig;
use crate::error::{Error, Result};
use crate::rules::Selection;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Everything a [`crate::Cleaner`] needs to know. `Config::default()` is the shipped behaviour.
///
/// ```toml
/// head_blocks = 6
/// packs = ["my-site.toml"]
///
/// keep = ["caption"]
///
/// [rules]
/// disable = ["web", "EN-AD-001"]
///
/// [duplicates]
/// min_chars = 50
/// near_similarity = 0.9
///
/// [learned]
/// min_docs = 5
/// min_share = 0.3
///
/// [scorer]
/// enabled = true
/// threshold = 0.95
///
/// [sections]
/// enabled = true
/// comment_bodies = false
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// How many blocks at the top form the head zone (bylines, datelines, portal headers).
    pub head_blocks: usize,
    /// Extra rule packs (TOML files in the built-in packs' format).
    pub packs: Vec<PathBuf>,
    /// Rules or packs switched on or off by id.
    pub rules: Selection,
    /// Classes of removal the user wants kept (`keep = ["caption"]`, `--keep caption`): no
    /// detector's verdict of such a class removes anything.
    pub keep: Vec<Class>,
    pub duplicates: DupConfig,
    /// When a block of a learned table counts as its source's template (`clean --learned`).
    pub learned: crate::learn::Thresholds,
    /// The line scorer (`--no-scorer` switches it off).
    pub scorer: crate::detect::scorer::ScorerConfig,
    /// Page sections found from a header and their shape (`--no-sections` switches it off).
    pub sections: crate::detect::sections::SectionsConfig,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            head_blocks: 6,
            packs: Vec::new(),
            rules: Selection::default(),
            keep: Vec::new(),
            duplicates: DupConfig::default(),
            learned: crate::learn::Thresholds::default(),
            scorer: crate::detect::scorer::ScorerConfig::default(),
            sections: crate::detect::sections::SectionsConfig::default(),
        }
    }
}

impl Config {
    pub fn from_toml(text: &str, origin: &str) -> Result<Config> {
        toml::from_str(text).map_err(|e| Error::Config {
            origin: origin.to_string(),
            message: e.to_string(),
        })
    }

    /// Reads a config file; relative pack paths are taken from the config file's directory.
    pub fn load(path: &Path) -> Result<Config> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let mut config = Config::from_toml(&text, &path.display().to_string())?;
        let base = path.parent().unwrap_or(Path::new("."));
        for pack in &mut config.packs {
            if pack.is_relative() {
                *pack = base.join(&*pack);
            }
        }
        Ok(config)
    }
}
