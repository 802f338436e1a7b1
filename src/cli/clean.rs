//! `paraclean clean`: the streaming, parallel, order-keeping pipeline.
//!
//! Inputs are read into batches of documents up to a byte budget; each batch is cleaned in parallel
//! (rayon, `par_iter().map().collect()` keeps order) and written before the next batch is read, so
//! memory stays bounded by the batch budget whatever the input size.

use super::output::Sink;
use super::{usage, CleanerArgs};
use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use paraclean::explain::{self, Style};
use paraclean::input::{self, Encoding, Format, InputFile, JsonRecord, JsonlLines};
use paraclean::{Class, Cleaned, Cleaner, Metadata, Removal};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
#[command(
    after_help = "Input: files (plain, .gz, .zst), directories (recursively) or `-` for stdin (the default).\n\
A text file is one document; a .jsonl/.ndjson file (or --format jsonl) holds one JSON object per line.\n\n\
Examples:\n  \
paraclean clean article.txt\n  \
paraclean clean --explain article.txt | less -R\n  \
paraclean clean crawl.jsonl --text-field body --id-field url -o clean.jsonl --report removed.jsonl\n  \
paraclean clean scraped/ -o cleaned/ --jobs 8\n  \
paraclean clean --learned sites.table scraped/ -o cleaned/      (a table from `paraclean learn scraped/`)\n  \
paraclean clean crawl.jsonl --learned sites.table --url-field url -o clean.jsonl"
)]
pub struct CleanArgs {
    /// Files, directories or `-` (stdin). Default: stdin.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// In directories, only files whose name matches this glob (e.g. `*.txt`, `raw.txt`).
    #[arg(long, value_name = "GLOB")]
    pub include: Option<String>,
    /// Output: a file, a directory (mirrors the input tree) or `-` for stdout (default).
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Input and output layout. Default: jsonl for .jsonl/.ndjson files, text otherwise.
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// JSONL: the field holding the document text.
    #[arg(long, default_value = "text", value_name = "NAME")]
    pub text_field: String,
    /// JSONL: the field naming the document in reports (default: file and line).
    #[arg(long, value_name = "NAME")]
    pub id_field: Option<String>,
    /// Write one JSON line per document with every removal, its class and reason, and the metadata.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Print each document with removed parts marked and the reason for each, instead of clean text.
    #[arg(long)]
    pub explain: bool,
    /// Worker threads (default: all cores).
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Input encoding: utf-8 (invalid bytes replaced, with a warning), auto (detect, e.g. EUC-KR), or a label such as euc-kr.
    #[arg(long, default_value = "utf-8", value_name = "NAME")]
    pub encoding: String,
    /// What to do with a document that cannot be cleaned: pass it through unchanged with a warning, or stop with exit 1.
    #[arg(long, value_enum, default_value = "pass")]
    pub on_error: OnError,
    /// Documents larger than this many bytes are passed through unchanged with a warning.
    #[arg(long, default_value_t = 64 << 20, value_name = "BYTES")]
    pub max_doc_bytes: usize,
    /// Bytes of input cleaned per parallel batch (bounds memory).
    #[arg(long, default_value_t = 4 << 20, value_name = "BYTES", hide = true)]
    pub batch_bytes: usize,
    /// No progress bar and no summary on stderr.
    #[arg(short, long)]
    pub quiet: bool,
    #[command(flatten)]
    pub cleaner: CleanerArgs,
    #[command(flatten)]
    pub source: super::source::SourceArgs,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnError {
    Pass,
    Fail,
}

/// One unit of work: a document to clean, or bytes to pass through as they came.
enum Unit {
    Doc {
        origin: String,
        id: String,
        /// Only known (and needed) with `--learned`.
        source: Option<String>,
        text: String,
        record: Option<JsonRecord>,
        format: Format,
    },
    Passthrough {
        origin: String,
        id: String,
        raw: Vec<u8>,
        newline: bool,
        reason: String,
    },
    /// A new input file starts: the sink may open a new output file.
    FileStart(PathBuf),
}

/// Where cleaned batches go, and what is counted on the way.
struct Outputs {
    sink: Sink,
    report: Option<super::output::AtomicFile>,
    summary: Summary,
}

struct Done {
    bytes: Vec<u8>,
    report: Option<DocReport>,
    removed: Vec<(Class, usize)>,
    passed_through: bool,
    /// With `--learned`: the document's source, when the table does not know it.
    unknown_source: Option<String>,
}

#[derive(Serialize)]
struct DocReport {
    id: String,
    origin: String,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    warning: Option<String>,
    removals: Vec<Removal>,
    metadata: Metadata,
}

#[derive(Default)]
struct Summary {
    docs_in: u64,
    docs_out: u64,
    passed_through: u64,
    failed_files: u64,
    bytes_in: u64,
    removed: BTreeMap<Class, u64>,
    /// Sources not in the learned table, warned about once each.
    unknown_sources: std::collections::BTreeSet<String>,
}

pub fn run(args: CleanArgs) -> Result<ExitCode> {
    let encoding = Encoding::parse(&args.encoding).map_err(usage)?;
    super::set_jobs(args.jobs)?;
    let cleaner = args.cleaner.cleaner()?;
    let files = super::input_files(&args.paths, args.include.as_deref())?;
    let sink = Sink::open(args.output.as_deref(), &files)?;
    let report = match &args.report {
        Some(path) if path.as_os_str() == "-" => {
            return Err(usage(
                "--report needs a file name (stdout carries the clean text)",
            ));
        }
        Some(path) => Some(super::output::AtomicFile::create(path)?),
        None => None,
    };
    let total_bytes: u64 = files
        .iter()
        .filter_map(|f| {
            f.path
                .as_ref()
                .and_then(|p| std::fs::metadata(p).ok())
                .map(|m| m.len())
        })
        .sum();
    let progress = if !args.quiet && std::io::stderr().is_terminal() && total_bytes > (8 << 20) {
        let bar = ProgressBar::new(total_bytes);
        bar.set_style(
            ProgressStyle::with_template(
                "{bar:40} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
            )
            .expect("template"),
        );
        bar
    } else {
        ProgressBar::hidden()
    };
    let style = if std::io::stdout().is_terminal() && args.output.is_none() {
        Style::Color
    } else {
        Style::Plain
    };

    let mut out = Outputs {
        sink,
        report,
        summary: Summary::default(),
    };
    let want_report = out.report.is_some();
    // With worker threads to spare, the next batch is read (and its JSON parsed) while the last
    // one is cleaned; with `--jobs 1` everything stays on one thread.
    let overlap = rayon::current_num_threads() > 1;
    let mut batch: Vec<Unit> = Vec::new();
    let mut batch_bytes = 0usize;
    let mut fatal: Option<anyhow::Error> = None;
    std::thread::scope(|scope| -> Result<()> {
        type InFlight<'s> = std::thread::ScopedJoinHandle<'s, (Vec<Unit>, Vec<Option<Done>>)>;
        let mut in_flight: Option<InFlight> = None;
        let cleaner = &cleaner;
        let args = &args;
        for file in &files {
            let format = args
                .format
                .unwrap_or_else(|| file.path.as_deref().map_or(Format::Text, Format::guess));
            batch.push(Unit::FileStart(file.relative.clone()));
            let result = read_units(file, format, args, &encoding, &mut |unit| {
                batch_bytes += unit_bytes(&unit);
                batch.push(unit);
                if batch_bytes >= args.batch_bytes {
                    let full = std::mem::take(&mut batch);
                    if let Some(previous) = in_flight.take() {
                        let (done_batch, done) = previous.join().expect("cleaning thread");
                        write_out(cleaner, args, done_batch, done, &mut out)?;
                    }
                    if overlap {
                        in_flight = Some(scope.spawn(move || {
                            let done = clean_units(cleaner, args, style, &full, want_report);
                            (full, done)
                        }));
                    } else {
                        let done = clean_units(cleaner, args, style, &full, want_report);
                        write_out(cleaner, args, full, done, &mut out)?;
                    }
                    progress.inc(batch_bytes as u64);
                    batch_bytes = 0;
                }
                Ok(())
            });
            if let Err(e) = result {
                out.summary.failed_files += 1;
                eprintln!("paraclean: {}: {e:#}", file.display());
                if args.on_error == OnError::Fail {
                    fatal = Some(e);
                    break;
                }
            }
        }
        if let Some(previous) = in_flight.take() {
            // A batch read before any failure is written, as it would be without the overlap.
            let (done_batch, done) = previous.join().expect("cleaning thread");
            write_out(cleaner, args, done_batch, done, &mut out)?;
        }
        Ok(())
    })?;
    if fatal.is_none() {
        let done = clean_units(&cleaner, &args, style, &batch, want_report);
        write_out(&cleaner, &args, batch, done, &mut out)?;
        out.sink.finish()?;
        if let Some(report) = out.report.take() {
            report.commit()?;
        }
    }
    let summary = out.summary;
    progress.finish_and_clear();
    if !args.quiet {
        eprintln!("{}", summary.line());
    }
    match fatal {
        Some(e) => Err(e),
        None if summary.failed_files > 0 => Ok(ExitCode::from(1)),
        None => Ok(ExitCode::SUCCESS),
    }
}

fn unit_bytes(unit: &Unit) -> usize {
    match unit {
        Unit::Doc { text, .. } => text.len(),
        Unit::Passthrough { raw, .. } => raw.len(),
        Unit::FileStart(_) => 0,
    }
}

/// Reads one input into units. Per-document problems become pass-through units (or, with
/// `--on-error fail`, an error); only an unreadable file is an error here.
fn read_units(
    file: &InputFile,
    format: Format,
    args: &CleanArgs,
    encoding: &Encoding,
    emit: &mut dyn FnMut(Unit) -> Result<()>,
) -> Result<()> {
    let name = file.display();
    let learned = args.cleaner.learned.is_some();
    let fail = |origin: &str, reason: &str| -> Result<()> {
        eprintln!("paraclean: warning: {origin}: {reason}; passed through unchanged");
        if args.on_error == OnError::Fail {
            anyhow::bail!("{origin}: {reason}");
        }
        Ok(())
    };
    match format {
        Format::Text => {
            let bytes = input::read_all(file)?;
            if bytes.len() > args.max_doc_bytes {
                let reason = format!(
                    "document of {} bytes exceeds --max-doc-bytes {}",
                    bytes.len(),
                    args.max_doc_bytes
                );
                fail(&name, &reason)?;
                return emit(Unit::Passthrough {
                    origin: name.clone(),
                    id: name,
                    raw: bytes,
                    newline: false,
                    reason,
                });
            }
            if bytes.contains(&0) {
                eprintln!(
                    "paraclean: warning: {name}: contains NUL bytes (binary?); cleaned as text"
                );
            }
            let (text, warning) = input::decode(bytes, encoding);
            if let Some(w) = warning {
                eprintln!("paraclean: warning: {name}: {w}");
            }
            emit(Unit::Doc {
                origin: name.clone(),
                id: name,
                source: learned.then(|| args.source.source(file, None)),
                text,
                record: None,
                format,
            })
        }
        Format::Jsonl => {
            let reader = input::open(file)?;
            for item in JsonlLines::new(reader) {
                let (line_no, raw) = item.with_context(|| format!("{name}: read error"))?;
                let origin = format!("{name}:{line_no}");
                if raw.iter().all(u8::is_ascii_whitespace) {
                    emit(Unit::Passthrough {
                        origin: origin.clone(),
                        id: origin,
                        raw,
                        newline: true,
                        reason: String::new(),
                    })?;
                    continue;
                }
                let problem = if raw.len() > args.max_doc_bytes {
                    Err(format!(
                        "line of {} bytes exceeds --max-doc-bytes {}",
                        raw.len(),
                        args.max_doc_bytes
                    ))
                } else {
                    let (line, warning) = input::decode(raw.clone(), encoding);
                    if let Some(w) = warning {
                        eprintln!("paraclean: warning: {origin}: {w}");
                    }
                    JsonRecord::parse(&line, &args.text_field)
                };
                match problem {
                    Ok(record) => {
                        let id = args
                            .id_field
                            .as_ref()
                            .and_then(|f| record.field(f))
                            .unwrap_or_else(|| origin.clone());
                        let mut record = record;
                        let text = std::mem::take(&mut record.text);
                        emit(Unit::Doc {
                            origin,
                            id,
                            source: learned.then(|| args.source.source(file, Some(&record))),
                            text,
                            record: Some(record),
                            format,
                        })?;
                    }
                    Err(reason) => {
                        fail(&origin, &reason)?;
                        emit(Unit::Passthrough {
                            origin: origin.clone(),
                            id: origin,
                            raw,
                            newline: true,
                            reason,
                        })?;
                    }
                }
            }
            Ok(())
        }
    }
}

/// Cleans a batch on the worker threads; results come back in input order.
fn clean_units(
    cleaner: &Cleaner,
    args: &CleanArgs,
    style: Style,
    batch: &[Unit],
    want_report: bool,
) -> Vec<Option<Done>> {
    batch
        .par_iter()
        .map(|unit| process(cleaner, args, style, unit, want_report))
        .collect()
}

/// Writes a cleaned batch out in order and counts it in the summary.
fn write_out(
    cleaner: &Cleaner,
    args: &CleanArgs,
    batch: Vec<Unit>,
    done: Vec<Option<Done>>,
    out: &mut Outputs,
) -> Result<()> {
    let Outputs {
        sink,
        report,
        summary,
    } = out;
    for (unit, done) in batch.iter().zip(done) {
        let Some(done) = done else {
            if let Unit::FileStart(relative) = unit {
                sink.start_file(relative)?;
            }
            continue;
        };
        summary.docs_in += 1;
        summary.docs_out += 1;
        if let Some(source) = done.unknown_source {
            if !args.quiet && !summary.unknown_sources.contains(&source) {
                let known: Vec<&str> = cleaner
                    .learned()
                    .map(|m| m.sources().into_iter().take(5).map(|(n, _)| n).collect())
                    .unwrap_or_default();
                eprintln!(
                    "paraclean: warning: source `{source}` is not in the learned table (it knows {}); its documents get the rules only (name the source with --source, --source-field or --url-field)",
                    known.join(", ")
                );
            }
            summary.unknown_sources.insert(source);
        }
        summary.bytes_in += unit_bytes(unit) as u64;
        if done.passed_through {
            summary.passed_through += 1;
        }
        for (class, chars) in done.removed {
            *summary.removed.entry(class).or_default() += chars as u64;
        }
        sink.write(&done.bytes)?;
        if let (Some(file), Some(line)) = (report.as_mut(), done.report) {
            let mut json = serde_json::to_vec(&line)?;
            json.push(b'\n');
            file.write_all(&json).context("cannot write report")?;
        }
    }
    Ok(())
}

fn process(
    cleaner: &Cleaner,
    args: &CleanArgs,
    style: Style,
    unit: &Unit,
    want_report: bool,
) -> Option<Done> {
    match unit {
        Unit::FileStart(_) => None,
        Unit::Passthrough {
            origin,
            id,
            raw,
            newline,
            reason,
        } => {
            let mut bytes = raw.clone();
            if *newline {
                bytes.push(b'\n');
            }
            Some(Done {
                bytes,
                report: (want_report && !reason.is_empty()).then(|| DocReport {
                    id: id.clone(),
                    origin: origin.clone(),
                    status: "passed-through",
                    warning: Some(reason.clone()),
                    removals: Vec::new(),
                    metadata: Metadata::default(),
                }),
                removed: Vec::new(),
                passed_through: !reason.is_empty(),
                unknown_source: None,
            })
        }
        Unit::Doc {
            origin,
            id,
            source,
            text,
            record,
            format,
        } => {
            let cleaned: Cleaned = cleaner.clean_source(text, source.as_deref());
            let removed = cleaned
                .removals
                .iter()
                .map(|r| (r.class, r.char_end - r.char_start))
                .collect();
            let bytes = if args.explain {
                let mut s = format!("== {origin}\n");
                s.push_str(&explain::render(text, &cleaned, style));
                s.into_bytes()
            } else {
                match (format, record) {
                    (Format::Jsonl, Some(record)) => {
                        let mut line = record.render(&cleaned.text);
                        line.push('\n');
                        line.into_bytes()
                    }
                    _ => cleaned.text.clone().into_bytes(),
                }
            };
            Some(Done {
                bytes,
                report: want_report.then(|| DocReport {
                    id: id.clone(),
                    origin: origin.clone(),
                    status: "cleaned",
                    warning: None,
                    removals: cleaned.removals,
                    metadata: cleaned.metadata,
                }),
                removed,
                passed_through: false,
                unknown_source: source
                    .as_ref()
                    .filter(|s| cleaner.learned().is_some_and(|m| !m.knows(s)))
                    .cloned(),
            })
        }
    }
}

impl Summary {
    fn line(&self) -> String {
        let removed: u64 = self.removed.values().sum();
        let by_class: Vec<String> = self
            .removed
            .iter()
            .map(|(c, n)| format!("{c} {n}"))
            .collect();
        format!(
            "paraclean: {} documents in, {} out, {} passed through, {} files failed; {} bytes read; removed {} chars{}",
            self.docs_in,
            self.docs_out,
            self.passed_through,
            self.failed_files,
            self.bytes_in,
            removed,
            if by_class.is_empty() { String::new() } else { format!(" ({})", by_class.join(", ")) }
        )
    }
}
