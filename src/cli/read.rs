//! Reading one input into units of work, in order: its documents, bytes passed through as they
//! came, and a mark at its start and end (so its output file is kept only if it was read whole).
//!
//! Per-document problems follow `--on-error`: pass the document through unchanged, leave it out
//! (`skip`), or stop (`fail`). Only an unreadable input is an error of the input itself.

use super::source::SourceArgs;
use anyhow::{anyhow, Context, Result};
use paraclean::input::{self, Encoding, Format, InputFile, JsonRecord, JsonlLines};
use serde_json::value::RawValue;
use std::io::Read;
use std::path::PathBuf;

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnError {
    /// Pass the document through unchanged, with a warning.
    Pass,
    /// Leave the document out, with a warning.
    Skip,
    /// Stop with exit code 1.
    Fail,
}

/// One unit of work.
pub enum Unit {
    Doc {
        origin: String,
        /// The document's id in reports, as JSON (the record's `id` field keeps its type).
        id: Box<RawValue>,
        /// The id as text, for `--explain` headers.
        label: String,
        /// Only known (and needed) with `--learned`.
        source: Option<String>,
        text: String,
        record: Option<JsonRecord>,
    },
    /// Bytes written as they came. `reason`: why a document was not cleaned; `None` for bytes that
    /// are not a document (a blank JSONL line, the rest of a binary file).
    Passthrough {
        origin: String,
        raw: Vec<u8>,
        newline: bool,
        reason: Option<String>,
    },
    /// An input starts: the sink may open an output file for it.
    FileStart(PathBuf),
    /// The input that started last has ended; `ok`: it was read whole.
    FileEnd { ok: bool },
}

impl Unit {
    /// Input bytes the unit stands for (batch sizes, the summary).
    pub fn bytes(&self) -> usize {
        match self {
            Unit::Doc { text, .. } => text.len(),
            Unit::Passthrough { raw, .. } => raw.len(),
            Unit::FileStart(_) | Unit::FileEnd { .. } => 0,
        }
    }
}

/// How inputs are read, from the command line.
pub struct Reading<'a> {
    /// `--format`, or JSONL when a JSONL-only flag was given.
    pub format: Option<Format>,
    pub text_field: &'a str,
    pub id_field: Option<&'a str>,
    pub encoding: Encoding,
    pub on_error: OnError,
    pub max_doc_bytes: usize,
    /// With `--learned`: find each document's source.
    pub source: Option<&'a SourceArgs>,
    pub quiet: bool,
}

/// What reading one input counted, besides its units.
#[derive(Default)]
pub struct Counts {
    pub skipped: u64,
}

impl Reading<'_> {
    /// Reads one input. An error means the input could not be read whole (or, with
    /// `--on-error fail`, that one of its documents could not be cleaned); its message names the
    /// file (and line).
    pub fn read(
        &self,
        file: &InputFile,
        counts: &mut Counts,
        emit: &mut dyn FnMut(Unit) -> Result<()>,
    ) -> Result<()> {
        let name = file.display();
        let reader = input::open(file)?;
        let (head, reader) = input::peek(reader, input::SNIFF_BYTES)
            .with_context(|| format!("{name}: read error"))?;
        let format = self.format(file, &head);
        if format == Format::Jsonl && input::looks_binary(&head) {
            let reason = binary_reason();
            if !self.problem(&name, &reason, counts)? {
                return Ok(());
            }
            emit(Unit::Passthrough {
                origin: name.clone(),
                raw: Vec::new(),
                newline: false,
                reason: Some(reason),
            })?;
            return pass_bytes(reader, &name, emit);
        }
        match format {
            Format::Text => self.read_text(file, &name, reader, counts, emit),
            Format::Jsonl => self.read_jsonl(file, &name, reader, counts, emit),
        }
    }

    /// `--format` (or implied JSONL); else the extension; stdin, having none, by its first byte.
    fn format(&self, file: &InputFile, head: &[u8]) -> Format {
        if let Some(format) = self.format {
            return format;
        }
        match &file.path {
            Some(path) => Format::guess(path),
            None => match input::sniff_format(head) {
                Some(Format::Jsonl) => {
                    if !self.quiet {
                        eprintln!(
                            "paraclean: note: <stdin> starts with `{{`: read as JSONL (--format text reads it as text)"
                        );
                    }
                    Format::Jsonl
                }
                _ => Format::Text,
            },
        }
    }

    /// Handles a document that cannot be cleaned. `Ok(true)`: pass it through; `Ok(false)`: leave
    /// it out; `Err`: stop (`--on-error fail`).
    fn problem(&self, origin: &str, reason: &str, counts: &mut Counts) -> Result<bool> {
        match self.on_error {
            OnError::Pass => {
                eprintln!("paraclean: warning: {origin}: {reason}; passed through unchanged");
                Ok(true)
            }
            OnError::Skip => {
                eprintln!("paraclean: warning: {origin}: {reason}; left out");
                counts.skipped += 1;
                Ok(false)
            }
            OnError::Fail => Err(anyhow!("{origin}: {reason}")),
        }
    }

    fn read_text(
        &self,
        file: &InputFile,
        name: &str,
        mut reader: Box<dyn std::io::BufRead + Send>,
        counts: &mut Counts,
        emit: &mut dyn FnMut(Unit) -> Result<()>,
    ) -> Result<()> {
        let mut bytes = Vec::new();
        reader
            .read_to_end(&mut bytes)
            .with_context(|| format!("{name}: read error"))?;
        let problem = if input::looks_binary(&bytes) {
            Some(binary_reason())
        } else if bytes.len() > self.max_doc_bytes {
            Some(format!(
                "document of {} bytes exceeds --max-doc-bytes {}",
                bytes.len(),
                self.max_doc_bytes
            ))
        } else {
            None
        };
        if let Some(reason) = problem {
            if !self.problem(name, &reason, counts)? {
                return Ok(());
            }
            return emit(Unit::Passthrough {
                origin: name.to_string(),
                raw: bytes,
                newline: false,
                reason: Some(reason),
            });
        }
        let (text, warning) = input::decode(bytes, &self.encoding);
        if let Some(w) = warning {
            eprintln!("paraclean: warning: {name}: {w}");
        }
        emit(Unit::Doc {
            origin: name.to_string(),
            id: json_string(name),
            label: name.to_string(),
            source: self.source.map(|s| s.source(file, None)),
            text,
            record: None,
        })
    }

    fn read_jsonl(
        &self,
        file: &InputFile,
        name: &str,
        reader: Box<dyn std::io::BufRead + Send>,
        counts: &mut Counts,
        emit: &mut dyn FnMut(Unit) -> Result<()>,
    ) -> Result<()> {
        for item in JsonlLines::new(reader) {
            let (line_no, raw) = item.with_context(|| format!("{name}: read error"))?;
            let origin = format!("{name}:{line_no}");
            if raw.iter().all(u8::is_ascii_whitespace) {
                emit(Unit::Passthrough {
                    origin,
                    raw,
                    newline: true,
                    reason: None,
                })?;
                continue;
            }
            let parsed = if raw.len() > self.max_doc_bytes {
                Err(format!(
                    "line of {} bytes exceeds --max-doc-bytes {}",
                    raw.len(),
                    self.max_doc_bytes
                ))
            } else {
                let (line, warning) = input::decode(raw.clone(), &self.encoding);
                if let Some(w) = warning {
                    eprintln!("paraclean: warning: {origin}: {w}");
                }
                JsonRecord::parse(&line, self.text_field)
            };
            match parsed {
                Ok(mut record) => {
                    // `--id-field`, else an `id` field, else where the record is.
                    let id_field = self.id_field.unwrap_or("id");
                    let (id, label) = match (record.raw_field(id_field), record.field(id_field)) {
                        (Some(raw), Some(text)) => (raw.to_owned(), text),
                        _ => (json_string(&origin), origin.clone()),
                    };
                    let text = std::mem::take(&mut record.text);
                    emit(Unit::Doc {
                        source: self.source.map(|s| s.source(file, Some(&record))),
                        origin,
                        id,
                        label,
                        text,
                        record: Some(record),
                    })?;
                }
                Err(reason) => {
                    if self.problem(&origin, &reason, counts)? {
                        emit(Unit::Passthrough {
                            origin,
                            raw,
                            newline: true,
                            reason: Some(reason),
                        })?;
                    }
                }
            }
        }
        Ok(())
    }
}

fn binary_reason() -> String {
    format!(
        "binary file (a NUL byte in its first {} KiB)",
        input::SNIFF_BYTES >> 10
    )
}

fn json_string(text: &str) -> Box<RawValue> {
    RawValue::from_string(serde_json::to_string(text).expect("string")).expect("valid JSON")
}

/// The rest of a binary input, byte for byte, in pieces of bounded size.
fn pass_bytes(
    mut reader: Box<dyn std::io::BufRead + Send>,
    name: &str,
    emit: &mut dyn FnMut(Unit) -> Result<()>,
) -> Result<()> {
    loop {
        let mut chunk = Vec::new();
        let n = (&mut reader)
            .take(1 << 20)
            .read_to_end(&mut chunk)
            .with_context(|| format!("{name}: read error"))?;
        if n == 0 {
            return Ok(());
        }
        emit(Unit::Passthrough {
            origin: name.to_string(),
            raw: chunk,
            newline: false,
            reason: None,
        })?;
    }
}
