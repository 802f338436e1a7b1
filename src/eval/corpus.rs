//! Gold corpora as directories: `corpus/<lang>/<id>/{raw.txt,gold.txt,doc.toml}`.

use crate::class::Class;
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// One removed or tricky-kept piece noted in `doc.toml`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    #[serde(default)]
    pub class: Option<Class>,
    pub text: String,
    #[serde(default)]
    pub why: String,
}

/// `doc.toml`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DocMeta {
    pub source: String,
    pub via: String,
    pub lang: String,
    pub era: String,
    #[serde(default)]
    pub hard_negative: bool,
    pub why: String,
    #[serde(default)]
    pub removed: Vec<Note>,
    #[serde(default)]
    pub kept: Vec<Note>,
}

/// A raw/gold pair.
#[derive(Debug, Clone)]
pub struct GoldDoc {
    /// Path relative to the corpus root, e.g. `ko/k001`.
    pub name: String,
    /// The first directory below the corpus root: the source `paraclean learn` would count the
    /// document's `raw.txt` under when given the root (`learned/<source>/<id>` → `<source>`).
    pub source: String,
    pub raw: String,
    pub gold: String,
    pub meta: DocMeta,
}

fn source_of(relative: &Path) -> String {
    relative
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Loads every directory under `root` that holds `raw.txt`, `gold.txt` and `doc.toml`, in name order,
/// except inside nested sets (subdirectories with a `corpus.toml`).
pub fn load_corpus(root: &Path) -> Result<Vec<GoldDoc>> {
    let mut dirs = Vec::new();
    collect_dirs(root, &mut dirs)?;
    dirs.sort();
    dirs.iter()
        .map(|dir| {
            let read = |f: &str| {
                std::fs::read_to_string(dir.join(f)).map_err(|e| Error::io(&dir.join(f), e))
            };
            let meta_path = dir.join("doc.toml");
            let meta: DocMeta = toml::from_str(&read("doc.toml")?).map_err(|e| Error::Config {
                origin: meta_path.display().to_string(),
                message: e.to_string(),
            })?;
            Ok(GoldDoc {
                name: dir
                    .strip_prefix(root)
                    .unwrap_or(dir)
                    .to_string_lossy()
                    .into_owned(),
                source: source_of(dir.strip_prefix(root).unwrap_or(dir)),
                raw: read("raw.txt")?,
                gold: read("gold.txt")?,
                meta,
            })
        })
        .collect()
}

fn collect_dirs(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    if dir.join("raw.txt").is_file() && dir.join("gold.txt").is_file() {
        out.push(dir.to_path_buf());
        return Ok(());
    }
    for entry in std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        let path = entry.map_err(|e| Error::io(dir, e))?.path();
        // A nested set with its own `corpus.toml` is measured on its own (`--gold` pointing at it).
        if path.is_dir() && !path.join("corpus.toml").is_file() {
            collect_dirs(&path, out)?;
        }
    }
    Ok(())
}
