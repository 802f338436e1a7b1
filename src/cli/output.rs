//! Writing outputs: every file is written to a temporary name in its own directory, compressed by
//! its extension (`.gz`, `.zst`), and renamed into place only when complete. An interrupted run or
//! a failed input never leaves a half-written or empty file under a real name.

use anyhow::{Context, Result};
use paraclean::input::Compression;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// The writer under a temporary file, compressing as the final name says.
enum Encoder {
    Plain(BufWriter<File>),
    Gzip(flate2::write::GzEncoder<BufWriter<File>>),
    Zstd(zstd::stream::write::Encoder<'static, BufWriter<File>>),
}

impl Encoder {
    fn new(file: File, compression: Compression) -> io::Result<Encoder> {
        let file = BufWriter::with_capacity(1 << 20, file);
        Ok(match compression {
            Compression::None => Encoder::Plain(file),
            Compression::Gzip => Encoder::Gzip(flate2::write::GzEncoder::new(
                file,
                flate2::Compression::default(),
            )),
            Compression::Zstd => Encoder::Zstd(zstd::stream::write::Encoder::new(file, 3)?),
        })
    }

    fn writer(&mut self) -> &mut dyn Write {
        match self {
            Encoder::Plain(w) => w,
            Encoder::Gzip(w) => w,
            Encoder::Zstd(w) => w,
        }
    }

    /// Ends the compressed stream and flushes everything to the file.
    fn finish(self) -> io::Result<()> {
        let mut file = match self {
            Encoder::Plain(w) => w,
            Encoder::Gzip(w) => w.finish()?,
            Encoder::Zstd(w) => w.finish()?,
        };
        file.flush()
    }
}

/// A file that appears under its name only when `commit` is called; dropped uncommitted, it
/// leaves nothing behind.
pub struct AtomicFile {
    dest: PathBuf,
    tmp: Option<tempfile::TempPath>,
    encoder: Option<Encoder>,
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
        let tmp = tempfile::Builder::new()
            .prefix(&format!(".{name}."))
            .suffix(".paraclean-tmp")
            .tempfile_in(dir)
            .with_context(|| format!("cannot write in {}", dir.display()))?;
        let (file, tmp) = tmp.into_parts();
        let encoder = Encoder::new(file, Compression::of_path(dest))
            .with_context(|| format!("cannot write {}", dest.display()))?;
        Ok(AtomicFile {
            dest: dest.to_path_buf(),
            tmp: Some(tmp),
            encoder: Some(encoder),
        })
    }

    pub fn commit(mut self) -> Result<()> {
        let encoder = self.encoder.take().expect("not committed twice");
        encoder
            .finish()
            .with_context(|| format!("cannot write {}", self.dest.display()))?;
        let tmp = self.tmp.take().expect("not committed twice");
        tmp.persist(&self.dest)
            .map_err(|e| e.error)
            .with_context(|| format!("cannot create {}", self.dest.display()))
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.encoder.as_mut().expect("open").writer().write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.encoder.as_mut().expect("open").writer().flush()
    }
}

/// Where clean text goes.
pub enum Sink {
    Stdout(BufWriter<io::Stdout>),
    File {
        file: AtomicFile,
        /// Whether any input was read whole: an output made of failed inputs only is not kept.
        any_ok: bool,
    },
    /// One output file per input, under `root` at the input's relative path. The file opens at
    /// the first byte (or at the end of an input that gave none), so a failed input leaves nothing.
    Dir {
        root: PathBuf,
        pending: Option<PathBuf>,
        current: Option<AtomicFile>,
    },
}

impl Sink {
    pub fn stdout() -> Sink {
        Sink::Stdout(BufWriter::with_capacity(1 << 20, io::stdout()))
    }

    pub fn file(dest: &Path) -> Result<Sink> {
        Ok(Sink::File {
            file: AtomicFile::create(dest)?,
            any_ok: false,
        })
    }

    pub fn dir(root: &Path) -> Sink {
        Sink::Dir {
            root: root.to_path_buf(),
            pending: None,
            current: None,
        }
    }

    /// A new input starts.
    pub fn start_file(&mut self, relative: &Path) {
        if let Sink::Dir { root, pending, .. } = self {
            *pending = Some(root.join(relative));
        }
    }

    /// The input that started last has ended: its output is kept only if it was read whole.
    pub fn end_file(&mut self, ok: bool) -> Result<()> {
        match self {
            Sink::Stdout(_) => {}
            Sink::File { any_ok, .. } => *any_ok |= ok,
            Sink::Dir {
                pending, current, ..
            } => {
                let dest = pending.take();
                match (current.take(), ok) {
                    (Some(file), true) => file.commit()?,
                    (None, true) => {
                        if let Some(dest) = dest {
                            AtomicFile::create(&dest)?.commit()?;
                        }
                    }
                    // Dropped: the temporary file goes.
                    (_, false) => {}
                }
            }
        }
        Ok(())
    }

    pub fn write(&mut self, bytes: &[u8]) -> Result<()> {
        let result = match self {
            Sink::Stdout(w) => w.write_all(bytes),
            Sink::File { file, .. } => file.write_all(bytes),
            Sink::Dir {
                pending, current, ..
            } => {
                if current.is_none() {
                    let dest = pending.as_ref().expect("start_file first");
                    *current = Some(AtomicFile::create(dest)?);
                }
                current.as_mut().expect("opened").write_all(bytes)
            }
        };
        result.context("cannot write output")
    }

    pub fn finish(self) -> Result<()> {
        match self {
            Sink::Stdout(mut w) => w.flush().context("cannot write output"),
            Sink::File { file, any_ok } => {
                if any_ok {
                    file.commit()
                } else {
                    Ok(())
                }
            }
            Sink::Dir { current, .. } => current.map_or(Ok(()), AtomicFile::commit),
        }
    }
}
