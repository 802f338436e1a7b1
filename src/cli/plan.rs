//! Where outputs go, decided and checked before anything is written: no output may be an input or
//! lie inside an input directory, two inputs may not map to one output file, and plain-text
//! documents are never run together into one file.

use super::usage;
use anyhow::Result;
use paraclean::input::InputFile;
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

/// The destination of the clean text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Stdout,
    File(PathBuf),
    /// Mirrors the inputs: each goes to `root/<its path relative to the directory named>`.
    Dir(PathBuf),
}

/// The paths a command reads, resolved, to refuse outputs that would overwrite them.
pub struct Inputs {
    /// (resolved path, is a directory, as the user wrote it)
    paths: Vec<(PathBuf, bool, PathBuf)>,
}

impl Inputs {
    /// `paths`: what the user named (files, directories; `-` is skipped), plus any other file the
    /// command reads (a config, a rule pack, a learned table).
    pub fn new<'p>(paths: impl IntoIterator<Item = &'p Path>) -> Inputs {
        Inputs {
            paths: paths
                .into_iter()
                .filter(|p| p.as_os_str() != "-")
                .filter_map(|p| {
                    p.canonicalize()
                        .ok()
                        .map(|c| (c, p.is_dir(), p.to_path_buf()))
                })
                .collect(),
        }
    }

    /// Refuses `output` (described as `what`, e.g. `--report`) if it is an input or lies inside
    /// an input directory.
    pub fn check(&self, output: &Path, what: &str) -> Result<()> {
        let resolved = resolve(output);
        for (input, is_dir, named) in &self.paths {
            if resolved == *input {
                return Err(usage(format!(
                    "refusing to write {what} {}: it is the input {}",
                    output.display(),
                    named.display()
                )));
            }
            if *is_dir && resolved.starts_with(input) {
                return Err(usage(format!(
                    "refusing to write {what} {} inside the input directory {}",
                    output.display(),
                    named.display()
                )));
            }
        }
        Ok(())
    }
}

/// Decides the target of `-o` and checks it against the inputs.
///
/// A directory when `-o` is one, ends in `/`, or when several documents of plain text would
/// otherwise run together in one file (a directory input, or several text inputs). JSONL inputs
/// may share one file: each document is its own line.
pub fn target(
    output: Option<&Path>,
    files: &[InputFile],
    dir_input: bool,
    all_jsonl: bool,
    inputs: &Inputs,
) -> Result<Target> {
    let Some(output) = output.filter(|o| o.as_os_str() != "-") else {
        return Ok(Target::Stdout);
    };
    let named_dir = output.is_dir() || output.to_string_lossy().ends_with('/');
    let many_texts = (dir_input || files.len() > 1) && !all_jsonl;
    if !named_dir && !many_texts {
        inputs.check(output, "the output")?;
        return Ok(Target::File(output.to_path_buf()));
    }
    if output.exists() && !output.is_dir() {
        return Err(usage(format!(
            "-o {} is a file, but the inputs are {} text documents: name a directory to mirror them into",
            output.display(),
            files.len()
        )));
    }
    inputs.check(output, "the output directory")?;
    let mut seen: HashMap<PathBuf, &InputFile> = HashMap::new();
    for file in files {
        let dest = output.join(&file.relative);
        inputs.check(&dest, "the output")?;
        if let Some(first) = seen.insert(resolve(&dest), file) {
            return Err(usage(format!(
                "{} and {} would both be written to {}: clean them separately or into different directories",
                first.display(),
                file.display(),
                dest.display()
            )));
        }
    }
    Ok(Target::Dir(output.to_path_buf()))
}

/// An absolute path with `.`/`..` and symbolic links resolved as far as the path exists, so that
/// a file that does not exist yet can be compared with inputs.
pub fn resolve(path: &Path) -> PathBuf {
    if let Ok(p) = path.canonicalize() {
        return p;
    }
    let mut lexical = PathBuf::new();
    for c in std::env::current_dir()
        .unwrap_or_default()
        .join(path)
        .components()
    {
        match c {
            Component::ParentDir => {
                lexical.pop();
            }
            Component::CurDir => {}
            other => lexical.push(other),
        }
    }
    let mut base = lexical.clone();
    let mut rest = Vec::new();
    while let Some(name) = base.file_name().map(|n| n.to_os_string()) {
        rest.push(name);
        base.pop();
        if let Ok(mut out) = base.canonicalize() {
            out.extend(rest.iter().rev());
            return out;
        }
    }
    lexical
}
