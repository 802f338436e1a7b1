//! The `paraclean` command. Library errors become messages here, each printed once; exit codes:
//! 0 success (also when a reader closes the pipe early), 1 failures (unreadable input, a document
//! that failed under `--on-error fail`), 2 usage errors.

mod cli;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "paraclean",
    version,
    about = "Turn scraped article text into clean text: every paragraph once, no boilerplate, nothing of the article lost.",
    long_about = "Turn scraped article text into clean text: every paragraph once, no publisher or portal \
boilerplate (bylines, signatures, copyright lines, portal UI, promos, related-headline lists), nothing of the \
article lost.\n\n\
Examples:\n  \
paraclean clean article.txt                       clean one file to stdout\n  \
cat article.txt | paraclean clean                 clean stdin\n  \
paraclean clean --explain article.txt             show what goes and why\n  \
paraclean clean crawl.jsonl.zst --text-field body -o clean.jsonl --report report.jsonl\n  \
paraclean clean scraped/ -o cleaned/              mirror a directory tree\n  \
paraclean learn scraped/ -o sites.table            learn each site's templates\n  \
paraclean clean --learned sites.table scraped/ -o cleaned/\n  \
paraclean rules                                   list every rule\n  \
paraclean eval --gold corpus                      precision/recall against the gold corpus"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Clean files, directories or stdin.
    Clean(cli::clean::CleanArgs),
    /// List the rules, or check a rule pack and run its examples.
    Rules(cli::rules_cmd::RulesArgs),
    /// Learn per-source templates (site menus, boxes, footers) into a table, or merge tables.
    Learn(cli::learn_cmd::LearnArgs),
    /// Measure a cleaner against raw/gold pairs.
    Eval(cli::eval_cmd::EvalArgs),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    cli::pipe::quiet_panic_hook();
    // Unwinding out of a command (a `println!` to a closed pipe) drops its temporary files.
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match cli.command {
        Command::Clean(args) => cli::clean::run(args),
        Command::Rules(args) => cli::rules_cmd::run(args),
        Command::Learn(args) => cli::learn_cmd::run(args),
        Command::Eval(args) => cli::eval_cmd::run(args),
    }));
    let result = match result {
        Ok(result) => result,
        Err(payload) if cli::pipe::is_closed_pipe_panic(payload.as_ref()) => {
            return ExitCode::SUCCESS
        }
        Err(payload) => std::panic::resume_unwind(payload),
    };
    match result {
        Ok(code) => code,
        Err(e) if cli::pipe::is_closed_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let code = match e.downcast_ref::<cli::UsageError>() {
                Some(_) => 2,
                None => 1,
            };
            eprintln!("paraclean: {}", cli::message(&e));
            ExitCode::from(code)
        }
    }
}
