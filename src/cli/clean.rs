//! `paraclean clean`: arguments, and the streaming, parallel, order-keeping run.
//!
//! Inputs are read into batches of documents up to a byte budget (`read`); each batch is cleaned in
//! parallel (`batch`, order kept) and written before the next batch is read (`output`, atomic), so
//! memory stays bounded by the batch budget whatever the input size. Where outputs go is decided
//! and checked before anything is read (`plan`).

use super::batch::{clean_units, Done, Job, Outputs};
use super::output::{AtomicFile, Sink};
use super::plan::{self, Target};
use super::read::{Counts, OnError, Reading, Unit};
use super::summary::Summary;
use super::{message, usage, CleanerArgs, ColorChoice};
use anyhow::{anyhow, Result};
use indicatif::{ProgressBar, ProgressStyle};
use paraclean::explain::Style;
use paraclean::input::{Encoding, Format};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
#[command(
    after_help = "Input: files (plain, .gz, .zst), directories (recursively) or `-` for stdin (the default).\n\
A text file is one document; a .jsonl/.ndjson file (or --format jsonl) holds one JSON object per line.\n\
Standard input is decompressed by its magic bytes, and read as JSONL when it starts with `{`.\n\n\
Output: stdout, -o FILE (compressed when it ends in .gz or .zst), or -o DIR/ (mirrors the inputs; \
a directory input or several text inputs always need a directory). Nothing is written over an input \
or inside an input directory, and an input that fails leaves no output file.\n\n\
Exit codes: 0 success; 1 an input or document failed (reported, the others still cleaned unless \
--on-error fail), or --include matched nothing; 2 usage error (bad flags, refused output).\n\n\
Examples:\n  \
paraclean clean article.txt\n  \
paraclean clean --explain article.txt | less -R\n  \
paraclean clean crawl.jsonl --text-field body --id-field url -o clean.jsonl.zst --report removed.jsonl\n  \
paraclean clean scraped/ -o cleaned/ --jobs 8\n  \
paraclean clean --learned sites.table scraped/ -o cleaned/      (a table from `paraclean learn scraped/`)\n  \
paraclean clean crawl.jsonl --learned sites.table -o clean.jsonl"
)]
pub struct CleanArgs {
    /// Files, directories or `-` (stdin). Default: stdin.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// In directories, only files matching this glob: `*.txt` matches file names, `en/*.txt` paths
    /// below the directory named. Repeatable.
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,
    /// Output: a file, a directory (mirrors the input tree) or `-` for stdout (default).
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Input and output layout. Default: jsonl for .jsonl/.ndjson files (and with --text-field,
    /// --id-field, --source-field or --url-field), text otherwise.
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// JSONL: the field holding the document text [default: text].
    #[arg(long, value_name = "NAME")]
    pub text_field: Option<String>,
    /// JSONL: the field naming the document in reports and --explain (default: the `id` field when
    /// present, else file:line).
    #[arg(long, value_name = "NAME")]
    pub id_field: Option<String>,
    /// Write one JSON line per document with every removal, its class and reason, and the metadata.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Print each document with removed parts marked and the reason for each, instead of clean text.
    #[arg(long)]
    pub explain: bool,
    /// Color in --explain output (auto: on a terminal, unless NO_COLOR is set).
    #[arg(long, value_enum, default_value = "auto", value_name = "WHEN")]
    pub color: ColorChoice,
    /// Worker threads (default: all cores).
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Input encoding: utf-8 (invalid bytes replaced, with a warning), auto (detect, e.g. EUC-KR), or a label such as euc-kr.
    #[arg(long, default_value = "utf-8", value_name = "NAME")]
    pub encoding: String,
    /// A document that cannot be cleaned (binary, malformed JSON, too large): pass it through
    /// unchanged, leave it out, or stop with exit 1. Each with a warning.
    #[arg(long, value_enum, default_value = "pass")]
    pub on_error: OnError,
    /// Documents larger than this many bytes are not cleaned (see --on-error).
    #[arg(long, default_value_t = 64 << 20, value_name = "BYTES")]
    pub max_doc_bytes: usize,
    /// Bytes of input cleaned per parallel batch (bounds memory).
    #[arg(long, default_value_t = 4 << 20, value_name = "BYTES", hide = true)]
    pub batch_bytes: usize,
    /// No progress bar, notes or summary on stderr (warnings and errors still show).
    #[arg(short, long)]
    pub quiet: bool,
    #[command(flatten)]
    pub cleaner: CleanerArgs,
    #[command(flatten)]
    pub source: super::source::SourceArgs,
}

pub fn run(args: CleanArgs) -> Result<ExitCode> {
    let encoding = Encoding::parse(&args.encoding).map_err(usage)?;
    super::set_jobs(args.jobs)?;
    if args.report.as_deref() == Some(Path::new("-")) {
        return Err(usage(
            "--report needs a file name (stdout carries the clean text)",
        ));
    }
    let listing = super::list_inputs(&args.paths, &args.include)?;
    let mut summary = Summary::default();
    for e in listing.failures {
        if args.on_error == OnError::Fail {
            return Err(e);
        }
        eprintln!("paraclean: {}", message(&e));
        summary.failed_files += 1;
    }
    let files = listing.files;
    // Flags that only mean something for JSONL say that the input is JSONL.
    let format = args.format.or_else(|| {
        (args.text_field.is_some()
            || args.id_field.is_some()
            || args.source.source_field.is_some()
            || args.source.url_field.is_some())
        .then_some(Format::Jsonl)
    });
    let format_of = |path: Option<&Path>| format.or_else(|| path.map(Format::guess));
    let all_jsonl = files
        .iter()
        .all(|f| format_of(f.path.as_deref()) == Some(Format::Jsonl));
    let inputs = plan::Inputs::new(
        args.paths
            .iter()
            .chain(&args.cleaner.config)
            .chain(&args.cleaner.rule_packs)
            .chain(&args.cleaner.learned)
            .map(PathBuf::as_path),
    );
    let target = plan::target(
        args.output.as_deref(),
        &files,
        listing.dir_input,
        all_jsonl,
        &inputs,
    )?;
    if let Some(report) = &args.report {
        inputs.check(report, "the report")?;
        let same = match &target {
            Target::File(out) => plan::resolve(out) == plan::resolve(report),
            Target::Dir(root) => files
                .iter()
                .any(|f| plan::resolve(&root.join(&f.relative)) == plan::resolve(report)),
            Target::Stdout => false,
        };
        if same {
            return Err(usage(format!(
                "--report {} is also where clean text goes",
                report.display()
            )));
        }
    }
    let cleaner = args.cleaner.cleaner()?;
    let source = match &args.cleaner.learned {
        Some(table) => Some(args.source.or_table(table)?),
        None => None,
    };
    let texts = files
        .iter()
        .filter(|f| format_of(f.path.as_deref()) != Some(Format::Jsonl))
        .count();
    if target == Target::Stdout && !args.explain && !args.quiet && texts > 1 {
        eprintln!(
            "paraclean: note: {texts} text documents are written to stdout one after another; -o DIR/ keeps them apart"
        );
    }

    let sink = match &target {
        Target::Stdout => Sink::stdout(),
        Target::File(path) => Sink::file(path)?,
        Target::Dir(root) => Sink::dir(root),
    };
    let report = args.report.as_deref().map(AtomicFile::create).transpose()?;
    let progress = progress_bar(&args, &files);
    let explain = args.explain.then(|| {
        if args.color.enabled(target == Target::Stdout) {
            Style::Color
        } else {
            Style::Plain
        }
    });
    let job = Job {
        cleaner: &cleaner,
        explain,
        want_report: report.is_some(),
    };
    let reading = Reading {
        format,
        text_field: args.text_field.as_deref().unwrap_or("text"),
        id_field: args.id_field.as_deref(),
        encoding,
        on_error: args.on_error,
        max_doc_bytes: args.max_doc_bytes,
        source: source.as_ref(),
        quiet: args.quiet,
    };
    let mut out = Outputs {
        sink,
        report,
        summary,
        quiet: args.quiet,
    };
    let mut counts = Counts::default();
    let mut any_ok = false;
    // With worker threads to spare, the next batch is read (and its JSON parsed) while the last
    // one is cleaned; with `--jobs 1` everything stays on one thread.
    let overlap = rayon::current_num_threads() > 1;
    let mut batch: Vec<Unit> = Vec::new();
    let mut batch_bytes = 0usize;
    let mut fatal: Option<anyhow::Error> = None;
    // An error writing the output stops the run; it is not the input's fault.
    let mut write_error: Option<anyhow::Error> = None;
    std::thread::scope(|scope| -> Result<()> {
        type InFlight<'s> = std::thread::ScopedJoinHandle<'s, (Vec<Unit>, Vec<Option<Done>>)>;
        let mut in_flight: Option<InFlight> = None;
        let cleaner = &cleaner;
        for file in &files {
            batch.push(Unit::FileStart(file.relative.clone()));
            let result = reading.read(file, &mut counts, &mut |unit| {
                batch_bytes += unit.bytes();
                batch.push(unit);
                if batch_bytes < args.batch_bytes {
                    return Ok(());
                }
                let full = std::mem::take(&mut batch);
                let written = (|| -> Result<()> {
                    if let Some(previous) = in_flight.take() {
                        let (done_batch, done) = previous.join().expect("cleaning thread");
                        out.write(cleaner, done_batch, done)?;
                    }
                    if overlap {
                        in_flight = Some(scope.spawn(move || {
                            let done = clean_units(job, &full);
                            (full, done)
                        }));
                    } else {
                        let done = clean_units(job, &full);
                        out.write(cleaner, full, done)?;
                    }
                    Ok(())
                })();
                progress.inc(batch_bytes as u64);
                batch_bytes = 0;
                written.map_err(|e| {
                    write_error = Some(e);
                    anyhow!("output failed")
                })
            });
            if write_error.is_some() {
                break;
            }
            batch.push(Unit::FileEnd { ok: result.is_ok() });
            match result {
                Ok(()) => any_ok = true,
                Err(e) => {
                    out.summary.failed_files += 1;
                    if args.on_error == OnError::Fail {
                        fatal = Some(e);
                        break;
                    }
                    eprintln!("paraclean: {}", message(&e));
                }
            }
        }
        if let Some(previous) = in_flight.take() {
            // A batch read before any failure is written, as it would be without the overlap.
            let (done_batch, done) = previous.join().expect("cleaning thread");
            out.write(cleaner, done_batch, done)?;
        }
        Ok(())
    })?;
    if let Some(e) = write_error {
        return Err(e);
    }
    if fatal.is_none() {
        let done = clean_units(job, &batch);
        out.write(&cleaner, batch, done)?;
        out.sink.finish()?;
        if let Some(report) = out.report.take() {
            // A report of failed inputs only is as empty as their output: it is not kept.
            if any_ok {
                report.commit()?;
            }
        }
    }
    let mut summary = out.summary;
    summary.skipped = counts.skipped;
    progress.finish_and_clear();
    if !args.quiet {
        eprintln!("{}", summary.line());
    }
    match fatal {
        Some(e) => Err(e),
        None if summary.failed_files > 0 || listing.filtered_out => Ok(ExitCode::from(1)),
        None => Ok(ExitCode::SUCCESS),
    }
}

/// A progress bar on a terminal, for inputs large enough to wait for.
fn progress_bar(args: &CleanArgs, files: &[paraclean::input::InputFile]) -> ProgressBar {
    let total_bytes: u64 = files
        .iter()
        .filter_map(|f| {
            f.path
                .as_ref()
                .and_then(|p| std::fs::metadata(p).ok())
                .map(|m| m.len())
        })
        .sum();
    if args.quiet || !std::io::stderr().is_terminal() || total_bytes <= (8 << 20) {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(total_bytes);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}")
            .expect("template"),
    );
    bar
}
