//! `paraclean eval`: precision and recall of removals against a gold corpus.

use super::{usage, CleanerArgs};
use anyhow::{Context, Result};
use paraclean::eval::{self, DocScore, GoldDoc};
use rayon::prelude::*;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, ExitCode, Stdio};

#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:\n  \
paraclean eval --gold corpus                         the built-in cleaner\n  \
paraclean eval --gold corpus --markdown              the README table\n  \
paraclean learn corpus/learned --include raw.txt -o learned.table\n  \
paraclean eval --gold corpus/learned --learned learned.table   with learned site templates\n  \
paraclean eval --gold corpus --system 'python3 my_cleaner.py'   any command: raw on stdin, clean on stdout")]
pub struct EvalArgs {
    /// Corpus root: directories holding raw.txt, gold.txt and doc.toml.
    #[arg(long, value_name = "DIR")]
    pub gold: PathBuf,
    /// Measure this shell command instead of the built-in cleaner (raw text on stdin, clean text on stdout).
    #[arg(long, value_name = "CMD")]
    pub system: Option<String>,
    /// Print the summary and per-document scores as JSON.
    #[arg(long)]
    pub json: bool,
    /// Print the per-class table in Markdown.
    #[arg(long)]
    pub markdown: bool,
    /// How many of the worst documents to show with a diff.
    #[arg(long, default_value_t = 5, value_name = "N")]
    pub worst: usize,
    #[command(flatten)]
    pub cleaner: CleanerArgs,
}

pub fn run(args: EvalArgs) -> Result<ExitCode> {
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
            .map(|d| run_system(cmd, d).map(|out| eval::score(d, &out, None)))
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
    if !worst.is_empty() {
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

fn run_system(cmd: &str, doc: &GoldDoc) -> Result<String> {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(cmd)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .with_context(|| format!("cannot run `{cmd}`"))?;
    let mut stdin = child.stdin.take().expect("piped");
    let raw = doc.raw.clone();
    let writer = std::thread::spawn(move || stdin.write_all(raw.as_bytes()));
    let out = child.wait_with_output()?;
    let _ = writer.join();
    anyhow::ensure!(
        out.status.success(),
        "`{cmd}` failed on {} ({})",
        doc.name,
        out.status
    );
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}
