//! `paraclean learn`: count per-source block keys and shapes into a table, or merge tables.

use super::output::AtomicFile;
use super::source::SourceArgs;
use super::usage;
use anyhow::{Context, Result};
use paraclean::input::{self, Encoding, Format, JsonRecord, JsonlLines};
use paraclean::learn::counter::DEFAULT_BUDGET;
use paraclean::learn::table::{merge, MergeStats, TableReader};
use paraclean::learn::{document_prints, Kind, Learner};
use rayon::prelude::*;
use std::io::Write;
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
    /// In directories, only files whose name matches this glob (e.g. `*.txt`, `raw.txt`).
    #[arg(long, value_name = "GLOB")]
    pub include: Option<String>,
    /// Where the table goes (`-`: stdout).
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
    /// JSONL: the field holding the document text.
    #[arg(long, default_value = "text", value_name = "NAME")]
    pub text_field: String,
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
    let files = super::input_files(&args.paths, args.include.as_deref())?;
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
        let format = args
            .format
            .unwrap_or_else(|| file.path.as_deref().map_or(Format::Text, Format::guess));
        let name = file.display();
        match format {
            Format::Text => {
                let (text, warning) = input::decode(input::read_all(file)?, &encoding);
                if let Some(w) = warning {
                    eprintln!("paraclean: warning: {name}: {w}");
                }
                batch_bytes += text.len();
                batch.push((args.source.source(file, None), text));
            }
            Format::Jsonl => {
                for item in JsonlLines::new(input::open(file)?) {
                    let (line_no, raw) = item.with_context(|| format!("{name}: read error"))?;
                    if raw.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    let (line, warning) = input::decode(raw, &encoding);
                    if let Some(w) = warning {
                        eprintln!("paraclean: warning: {name}:{line_no}: {w}");
                    }
                    match JsonRecord::parse(&line, &args.text_field) {
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
        Ok(learner.finish(out, args.prune_below)?.1)
    })
}
