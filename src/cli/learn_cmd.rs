//! `paraclean learn`: count per-source block keys and shapes into a table, or merge tables.

use super::output::AtomicFile;
use super::source::SourceArgs;
use super::usage;
use anyhow::{Context, Result};
use paraclean::input::{self, Encoding, Format, JsonRecord, JsonlLines};
use paraclean::learn::counter::DEFAULT_BUDGET;
use paraclean::learn::table::WithNaming;
use paraclean::learn::table::{merge, MergeStats, TableReader};
use paraclean::learn::{document_prints, Kind, Learner};
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
#[command(
    after_help = "A table counts, per source, in how many documents each block occurs \
(exactly, and as a shape with digits, links and headlines masked). `clean --learned TABLE` then removes \
the blocks that most documents of a source share: site menus, subscription boxes, footers.\n\n\
The source of a document: --source-field, else the host of --url-field, else the first directory \
below the directory you name (scraped/<site>/...), else the file's parent directory.\n\n\
Tables merge exactly: learning shards and merging them gives the table of one pass over everything.\n\n\
Examples:\n  \
paraclean learn scraped/ -o sites.table\n  \
paraclean learn crawl.jsonl --url-field url -o part-0.table\n  \
paraclean learn --merge part-*.table -o sites.table\n  \
paraclean clean --learned sites.table scraped/ -o cleaned/"
)]
pub struct LearnArgs {
    /// Inputs to learn from (files, directories, `-`); with --merge, the tables to merge.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// In directories, only files matching this glob: `*.txt` matches file names, `en/*.txt` paths
    /// below the directory named. Repeatable.
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,
    /// Where the table goes (`-`: stdout, not a terminal); `.gz`/`.zst` names are compressed.
    #[arg(short, long, value_name = "TABLE", default_value = "-")]
    pub output: PathBuf,
    /// Merge tables made by `learn` instead of reading documents.
    #[arg(long)]
    pub merge: bool,
    /// Leave out entries seen in fewer documents than this: a smaller, final table (not mergeable).
    #[arg(long, value_name = "N")]
    pub prune_below: Option<u64>,
    #[command(flatten)]
    pub source: SourceArgs,
    /// Input layout. Default: jsonl for .jsonl/.ndjson files, text otherwise.
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// JSONL: the field holding the document text [default: text].
    #[arg(long, value_name = "NAME")]
    pub text_field: Option<String>,
    /// Input encoding (as for `clean`).
    #[arg(long, default_value = "utf-8", value_name = "NAME")]
    pub encoding: String,
    /// Counts kept in memory before a sorted run is spilled to disk (bounds memory; ~40 bytes each).
    #[arg(long, default_value_t = DEFAULT_BUDGET, value_name = "ENTRIES")]
    pub memory_entries: usize,
    /// Directory for spilled runs (default: the system's temporary directory).
    #[arg(long, value_name = "DIR")]
    pub spill_dir: Option<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
    /// No summary on stderr.
    #[arg(short, long)]
    pub quiet: bool,
}

/// Documents fingerprinted per parallel batch.
const BATCH_BYTES: usize = 8 << 20;

pub fn run(args: LearnArgs) -> Result<ExitCode> {
    super::set_jobs(args.jobs)?;
    if args.prune_below == Some(0) {
        return Err(usage("--prune-below must be at least 1"));
    }
    let to_stdout = args.output.as_os_str() == "-";
    if to_stdout && std::io::stdout().is_terminal() {
        return Err(usage(
            "the table is data for `clean --learned`, not for a terminal: name a file with -o TABLE (or pipe it)",
        ));
    }
    if !to_stdout {
        super::plan::Inputs::new(args.paths.iter().map(PathBuf::as_path))
            .check(&args.output, "the table")?;
    }
    let stats = if args.merge {
        if args.paths.is_empty() {
            return Err(usage("--merge needs the tables to merge"));
        }
        let readers = args
            .paths
            .iter()
            .map(|p| TableReader::open(p).map_err(|e| usage(e.to_string())))
            .collect::<Result<Vec<_>>>()?;
        write_table(&args.output, |out| {
            Ok(merge(readers, out, args.prune_below)?.1)
        })?
    } else {
        learn(&args)?
    };
    if !args.quiet {
        eprintln!(
            "paraclean: learned table: {} sources, {} documents, {} entries",
            stats.sources, stats.documents, stats.entries
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes to stdout, or to a file that appears only once the table is complete.
fn write_table(
    output: &std::path::Path,
    body: impl FnOnce(&mut dyn Write) -> Result<MergeStats>,
) -> Result<MergeStats> {
    if output.as_os_str() == "-" {
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        let stats = body(&mut out)?;
        out.flush().context("cannot write the table to stdout")?;
        return Ok(stats);
    }
    let mut file = AtomicFile::create(output)?;
    let stats = body(&mut file)?;
    file.commit()?;
    Ok(stats)
}

fn learn(args: &LearnArgs) -> Result<MergeStats> {
    let encoding = Encoding::parse(&args.encoding).map_err(usage)?;
    let listing = super::list_inputs(&args.paths, &args.include)?;
    // A table cannot say which inputs it lacks: a missing one stops the run before anything is written.
    if let Some(e) = listing.failures.into_iter().next() {
        return Err(e);
    }
    if listing.filtered_out {
        return Err(anyhow::anyhow!("no input to learn from"));
    }
    let files = listing.files;
    let jsonl_flags = args.text_field.is_some()
        || args.source.source_field.is_some()
        || args.source.url_field.is_some();
    let format_flag = args.format.or(jsonl_flags.then_some(Format::Jsonl));
    let text_field = args.text_field.as_deref().unwrap_or("text");
    let mut learner = Learner::new(args.memory_entries, args.spill_dir.clone());
    let mut batch: Vec<(String, String)> = Vec::new();
    let mut batch_bytes = 0;
    let mut add = |batch: &mut Vec<(String, String)>| -> Result<()> {
        let prints: Vec<Vec<(Kind, u64)>> = batch
            .par_iter()
            .map(|(_, text)| document_prints(text))
            .collect();
        for ((source, _), prints) in batch.iter().zip(prints) {
            learner.add(source, &prints)?;
        }
        batch.clear();
        Ok(())
    };
    for file in &files {
        let name = file.display();
        let (head, reader) = input::peek(input::open(file)?, input::SNIFF_BYTES)
            .with_context(|| format!("{name}: read error"))?;
        let format = format_flag.unwrap_or_else(|| match file.path.as_deref() {
            Some(path) => Format::guess(path),
            None => input::sniff_format(&head).unwrap_or(Format::Text),
        });
        if input::looks_binary(&head) {
            eprintln!("paraclean: warning: {name}: binary file (a NUL byte in its first {} KiB); not counted", input::SNIFF_BYTES >> 10);
            continue;
        }
        match format {
            Format::Text => {
                let mut bytes = Vec::new();
                let mut reader = reader;
                std::io::Read::read_to_end(&mut reader, &mut bytes)
                    .with_context(|| format!("{name}: read error"))?;
                let (text, warning) = input::decode(bytes, &encoding);
                if let Some(w) = warning {
                    eprintln!("paraclean: warning: {name}: {w}");
                }
                batch_bytes += text.len();
                batch.push((args.source.source(file, None), text));
            }
            Format::Jsonl => {
                for item in JsonlLines::new(reader) {
                    let (line_no, raw) = item.with_context(|| format!("{name}: read error"))?;
                    if raw.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    let (line, warning) = input::decode(raw, &encoding);
                    if let Some(w) = warning {
                        eprintln!("paraclean: warning: {name}:{line_no}: {w}");
                    }
                    match JsonRecord::parse(&line, text_field) {
                        Ok(record) => {
                            let source = args.source.source(file, Some(&record));
                            batch_bytes += record.text.len();
                            batch.push((source, record.text));
                        }
                        Err(reason) => {
                            eprintln!("paraclean: warning: {name}:{line_no}: {reason}; not counted")
                        }
                    }
                    if batch_bytes >= BATCH_BYTES {
                        add(&mut batch)?;
                        batch_bytes = 0;
                    }
                }
            }
        }
        if batch_bytes >= BATCH_BYTES {
            add(&mut batch)?;
            batch_bytes = 0;
        }
    }
    add(&mut batch)?;
    if learner.spills() > 0 && !args.quiet {
        eprintln!(
            "paraclean: merging {} sorted runs spilled to disk (--memory-entries {})",
            learner.spills() + 1,
            args.memory_entries
        );
    }
    write_table(&args.output, |out| {
        let out = WithNaming::new(out, args.source.naming());
        Ok(learner.finish(out, args.prune_below)?.1)
    })
}
