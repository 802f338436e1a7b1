//! `paraclean eval`: a cleaner against gold. A directory corpus gets character precision and recall
//! of removals; a gold set (one JSONL file) gets the token-bag metrics of `score.py`.

use super::{usage, CleanerArgs};
use anyhow::{Context, Result};
use paraclean::eval::token_metrics::{self, GoldBags, ScoredDoc};
use paraclean::eval::{self, print, DocScore, GoldRecord};
use paraclean::Removal;
use rayon::prelude::*;
use similar::TextDiff;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:\n  \
paraclean eval --gold corpus                         the built-in cleaner\n  \
paraclean eval --gold corpus --markdown              the README table\n  \
paraclean learn corpus/learned --include raw.txt -o learned.table\n  \
paraclean eval --gold corpus/learned --learned learned.table   with learned site templates\n  \
paraclean eval --gold corpus --system 'python3 my_cleaner.py'   any command: raw on stdin, clean on stdout\n  \
paraclean eval --gold ../shared/realgold/article_body.dev.jsonl.gz --min-noise 0.1 --pred-out preds.jsonl\n\n\
A gold set is one JSONL file (.gz, .zst too) of {\"id\", \"raw\", \"gold\"} records, optionally with \
\"dataset\" (a row per dataset when there are several) and \"injected\" (those documents also get a row of \
their own). It is scored like ../shared/realgold/score.py: token bags (NFKC, lower case, runs of letters \
and digits, each CJK/kana/Hangul character a token), per document, averaged, ± the standard error.")]
pub struct EvalArgs {
    /// The gold: a corpus directory (raw.txt, gold.txt and doc.toml per document), or a gold set in one
    /// JSONL file.
    #[arg(long, value_name = "DIR|FILE")]
    pub gold: PathBuf,
    /// Measure this shell command instead of the built-in cleaner (raw text on stdin, clean text on stdout).
    #[arg(long, value_name = "CMD")]
    pub system: Option<String>,
    /// Gold set: score these predictions (score.py's format, one {"id", "text"} per line; a document
    /// without one counts as an empty output) instead of running a cleaner.
    #[arg(long, value_name = "FILE", conflicts_with = "system")]
    pub pred: Option<PathBuf>,
    /// Print the summary and per-document scores as JSON.
    #[arg(long)]
    pub json: bool,
    /// Print the tables in Markdown.
    #[arg(long)]
    pub markdown: bool,
    /// How many of the worst documents to show with a diff.
    #[arg(long, default_value_t = 5, value_name = "N")]
    pub worst: usize,
    /// Gold set: score only the documents whose input has at least this share (0–1) of tokens that
    /// are not in the gold (0.1: the boilerplate-heavy subset).
    #[arg(long, value_name = "SHARE")]
    pub min_noise: Option<f64>,
    /// Gold set: write the output for each document scored as {"id", "text"} JSONL, the predictions
    /// file `score.py --pred` reads.
    #[arg(long, value_name = "FILE")]
    pub pred_out: Option<PathBuf>,
    /// Gold set: the field naming each document's source for --learned (default: dataset).
    #[arg(long, value_name = "NAME")]
    pub source_field: Option<String>,
    #[command(flatten)]
    pub cleaner: CleanerArgs,
}

pub fn run(args: EvalArgs) -> Result<ExitCode> {
    if args.gold.is_file() {
        return run_gold_set(args);
    }
    if args.min_noise.is_some()
        || args.pred.is_some()
        || args.pred_out.is_some()
        || args.source_field.is_some()
    {
        return Err(usage(
            "--min-noise, --pred, --pred-out and --source-field need a gold set (a JSONL file), not a directory",
        ));
    }
    let docs = eval::load_corpus(&args.gold).map_err(|e| usage(e.to_string()))?;
    if docs.is_empty() {
        return Err(usage(format!(
            "no raw.txt/gold.txt pairs under {}",
            args.gold.display()
        )));
    }
    let scores: Vec<DocScore> = match &args.system {
        Some(cmd) => docs
            .iter()
            .map(|d| run_system(cmd, &d.name, &d.raw).map(|out| eval::score(d, &out, None)))
            .collect::<Result<_>>()?,
        None => {
            let cleaner = args.cleaner.cleaner()?;
            docs.par_iter()
                .map(|d| {
                    let cleaned = cleaner.clean_source(&d.raw, Some(&d.source));
                    eval::score(d, &cleaned.text, Some(&cleaned.removals))
                })
                .collect()
        }
    };
    let summary = eval::summarize(&scores);
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(
                &serde_json::json!({"summary": summary, "documents": scores})
            )?
        );
        return Ok(ExitCode::SUCCESS);
    }
    print!("{}", eval::markdown_table(&summary));
    if args.markdown {
        return Ok(ExitCode::SUCCESS);
    }
    let mut worst: Vec<&DocScore> = scores.iter().filter(|s| !s.exact).collect();
    worst.sort_by(|a, b| b.errors().cmp(&a.errors()).then(a.name.cmp(&b.name)));
    if args.worst > 0 && !worst.is_empty() {
        println!("\nworst documents (content lost + boilerplate left, in chars):");
    }
    for s in worst.iter().take(args.worst) {
        println!(
            "\n== {} (lost {}, left {})\n{}",
            s.name, s.content_lost, s.boilerplate_left, s.diff
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// A gold set: the built-in cleaner (or `--system`) on each document scored, token metrics.
fn run_gold_set(args: EvalArgs) -> Result<ExitCode> {
    let min_noise = args.min_noise.unwrap_or(0.0);
    if !(0.0..=1.0).contains(&min_noise) {
        return Err(usage("--min-noise must be between 0 and 1"));
    }
    let records = eval::load_gold_set(&args.gold, args.source_field.as_deref())
        .map_err(|e| usage(e.to_string()))?;
    if records.is_empty() {
        return Err(usage(format!("no documents in {}", args.gold.display())));
    }
    let total = records.len();
    let chosen: Vec<(GoldRecord, GoldBags)> = records
        .into_par_iter()
        .map(|r| {
            let bags = GoldBags::new(&r.raw, &r.gold);
            (r, bags)
        })
        .filter(|(_, b)| b.noise_share >= min_noise)
        .collect();
    let (outputs, missing) = outputs_for(&args, &chosen)?;
    let scored: Vec<ScoredDoc> = chosen
        .par_iter()
        .zip(&outputs)
        .map(|((r, bags), (out, removals))| {
            token_metrics::score_record(r, bags, out, removals.as_deref())
        })
        .collect();
    if let Some(path) = &args.pred_out {
        write_predictions(path, &chosen, &outputs)
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    let mut report = token_metrics::report(&scored, min_noise);
    report.missing = missing;
    if args.json {
        let mut json = report.to_json();
        json["gold"] = args.gold.display().to_string().into();
        json["documents"] = serde_json::to_value(&scored)?;
        println!("{}", serde_json::to_string_pretty(&json)?);
        return Ok(ExitCode::SUCCESS);
    }
    if args.markdown {
        print!("{}", print::token_markdown(&report));
        let classes = print::class_table(&report.by_class, true);
        if !classes.is_empty() {
            print!("\n{classes}");
        }
        return Ok(ExitCode::SUCCESS);
    }
    let subset = if min_noise > 0.0 {
        format!(" (of {total}: those with at least {min_noise} of their input not in the gold)")
    } else {
        String::new()
    };
    println!(
        "{}: {} documents{subset}, token metrics as in score.py\n",
        args.gold.display(),
        scored.len()
    );
    print!("{}", print::token_table(&report));
    let classes = print::class_table(&report.by_class, false);
    if !classes.is_empty() {
        print!("\n{classes}");
    }
    print_worst_tokens(&chosen, &outputs, &scored, args.worst);
    Ok(ExitCode::SUCCESS)
}

type Output = (String, Option<Vec<Removal>>);

/// Each document's output (with the cleaner's removals when it is the built-in cleaner), and how
/// many documents `--pred` had no text for.
fn outputs_for(args: &EvalArgs, docs: &[(GoldRecord, GoldBags)]) -> Result<(Vec<Output>, usize)> {
    if let Some(path) = &args.pred {
        let preds = eval::load_predictions(path).map_err(|e| usage(e.to_string()))?;
        let outputs: Vec<Output> = docs
            .iter()
            .map(|(r, _)| (preds.get(&r.name).cloned().unwrap_or_default(), None))
            .collect();
        let missing = docs
            .iter()
            .filter(|(r, _)| !preds.contains_key(&r.name))
            .count();
        return Ok((outputs, missing));
    }
    if let Some(cmd) = &args.system {
        let outputs = docs
            .iter()
            .map(|(r, _)| run_system(cmd, &r.name, &r.raw).map(|out| (out, None)))
            .collect::<Result<_>>()?;
        return Ok((outputs, 0));
    }
    let cleaner = args.cleaner.cleaner()?;
    let outputs = docs
        .par_iter()
        .map(|(r, _)| {
            let cleaned = cleaner.clean_source(&r.raw, r.source.as_deref());
            (cleaned.text, Some(cleaned.removals))
        })
        .collect();
    Ok((outputs, 0))
}

/// One `{"id", "text"}` line per document, the id exactly as the gold set writes it.
fn write_predictions(
    path: &Path,
    docs: &[(GoldRecord, GoldBags)],
    outputs: &[Output],
) -> Result<()> {
    let mut w = BufWriter::new(std::fs::File::create(path)?);
    for ((r, _), (text, _)) in docs.iter().zip(outputs) {
        writeln!(
            w,
            "{{\"id\":{},\"text\":{}}}",
            r.id.get(),
            serde_json::to_string(text)?
        )?;
    }
    w.flush()?;
    Ok(())
}

/// The documents with the most wrong tokens, each with a diff from the gold to the output.
fn print_worst_tokens(
    docs: &[(GoldRecord, GoldBags)],
    outputs: &[Output],
    scored: &[ScoredDoc],
    n: usize,
) {
    let mut worst: Vec<usize> = (0..scored.len())
        .filter(|&i| scored[i].metrics.token_errors() > 0)
        .collect();
    if n == 0 || worst.is_empty() {
        return;
    }
    worst.sort_by(|&a, &b| {
        let (sa, sb) = (&scored[a], &scored[b]);
        (sb.metrics.token_errors().cmp(&sa.metrics.token_errors())).then(sa.id.cmp(&sb.id))
    });
    println!("\nworst documents (gold tokens missing + output tokens not in the gold):");
    for &i in worst.iter().take(n) {
        let m = &scored[i].metrics;
        let diff = TextDiff::from_lines(docs[i].0.gold.as_str(), outputs[i].0.as_str())
            .unified_diff()
            .context_radius(1)
            .header("gold", "system")
            .to_string();
        println!(
            "\n== {} (missing {}, extra {}, F1 {:.3})\n{diff}",
            scored[i].id,
            m.gold_tokens - m.matched_tokens,
            m.output_tokens - m.matched_tokens,
            m.f1
        );
    }
}

fn run_system(cmd: &str, name: &str, raw: &str) -> Result<String> {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(cmd)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .with_context(|| format!("cannot run `{cmd}`"))?;
    let mut stdin = child.stdin.take().expect("piped");
    let raw = raw.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(raw.as_bytes()));
    let out = child.wait_with_output()?;
    let _ = writer.join();
    anyhow::ensure!(
        out.status.success(),
        "`{cmd}` failed on {name} ({})",
        out.status
    );
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}
