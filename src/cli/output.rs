//! Where clean text goes: stdout, one file, or a directory mirroring the input tree.
//! Files are written to a temporary name in the same directory and renamed on success, so an
//! interrupted run never leaves a half-written file in place of a good one.

use anyhow::{bail, Context, Result};
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// A file that appears under its name only when `commit` is called.
pub struct AtomicFile {
    tmp: PathBuf,
    dest: PathBuf,
    writer: Option<BufWriter<File>>,
}

impl AtomicFile {
    pub fn create(dest: &Path) -> Result<AtomicFile> {
        let dir = dest
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create directory {}", dir.display()))?;
        let name = dest
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tmp = dir.join(format!(".{name}.paraclean-{}.tmp", std::process::id()));
        let file = File::create(&tmp).with_context(|| format!("cannot write {}", tmp.display()))?;
        Ok(AtomicFile {
            tmp,
            dest: dest.to_path_buf(),
            writer: Some(BufWriter::with_capacity(1 << 20, file)),
        })
    }

    pub fn commit(mut self) -> Result<()> {
        let mut writer = self.writer.take().expect("not committed twice");
        writer
            .flush()
            .with_context(|| format!("cannot write {}", self.tmp.display()))?;
        drop(writer);
        std::fs::rename(&self.tmp, &self.dest).with_context(|| {
            format!(
                "cannot rename {} to {}",
                self.tmp.display(),
                self.dest.display()
            )
        })
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.writer.as_mut().expect("open").write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.writer.as_mut().expect("open").flush()
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.writer.is_some() {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Where output goes.
pub enum Sink {
    Stdout(BufWriter<io::Stdout>),
    File(AtomicFile),
    Dir {
        root: PathBuf,
        current: Option<AtomicFile>,
    },
}

impl Sink {
    /// `None` or `-`: stdout. An existing directory, or a path ending in `/`: a mirrored tree.
    /// Anything else: one file. Refuses to write over any of the inputs.
    pub fn open(target: Option<&Path>, inputs: &[paraclean::input::InputFile]) -> Result<Sink> {
        let Some(target) = target.filter(|t| t.as_os_str() != "-") else {
            return Ok(Sink::Stdout(BufWriter::with_capacity(
                1 << 20,
                io::stdout(),
            )));
        };
        let as_dir = target.is_dir() || target.to_string_lossy().ends_with('/');
        for input in inputs {
            if let Some(path) = &input.path {
                let dest = if as_dir {
                    target.join(&input.relative)
                } else {
                    target.to_path_buf()
                };
                if same_file(path, &dest) {
                    bail!(
                        "refusing to overwrite the input {} with its own output",
                        path.display()
                    );
                }
            }
        }
        Ok(if as_dir {
            Sink::Dir {
                root: target.to_path_buf(),
                current: None,
            }
        } else {
            Sink::File(AtomicFile::create(target)?)
        })
    }

    /// Called when a new input file starts (a mirrored tree opens its output file here).
    pub fn start_file(&mut self, relative: &Path) -> Result<()> {
        if let Sink::Dir { root, current } = self {
            if let Some(done) = current.take() {
                done.commit()?;
            }
            *current = Some(AtomicFile::create(&root.join(relative))?);
        }
        Ok(())
    }

    pub fn write(&mut self, bytes: &[u8]) -> Result<()> {
        let result = match self {
            Sink::Stdout(w) => w.write_all(bytes),
            Sink::File(f) => f.write_all(bytes),
            Sink::Dir { current, .. } => {
                current.as_mut().expect("start_file first").write_all(bytes)
            }
        };
        match result {
            // A closed pipe (`| head`) ends the run quietly, like other Unix tools.
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => std::process::exit(0),
            other => other.context("cannot write output"),
        }
    }

    pub fn finish(self) -> Result<()> {
        match self {
            Sink::Stdout(mut w) => match w.flush() {
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
                other => other.context("cannot write output"),
            },
            Sink::File(f) => f.commit(),
            Sink::Dir { current, .. } => current.map_or(Ok(()), AtomicFile::commit),
        }
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
