//! `paraclean rules`: list the rules, or check a pack.

use super::CleanerArgs;
use anyhow::Result;
use paraclean::rules::{self, Pack};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:\n  \
paraclean rules                      every active rule: id, pack, class, zone, description\n  \
paraclean rules KO-COPY-001          one rule in full, with its pattern and examples\n  \
paraclean rules --check my-site.toml validate a pack and run its examples")]
pub struct RulesArgs {
    /// Show one rule (or every rule of one pack) in full.
    #[arg(value_name = "ID")]
    pub id: Option<String>,
    /// Validate a pack file and run every example and counter-example of its rules.
    #[arg(long, value_name = "FILE")]
    pub check: Option<PathBuf>,
    /// Print as JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub cleaner: CleanerArgs,
}

pub fn run(args: RulesArgs) -> Result<ExitCode> {
    if let Some(path) = &args.check {
        let pack = Pack::load(path)?;
        // Compiling the pack alone reports bad patterns and duplicate ids with the rule's id.
        rules::RuleSet::build(std::slice::from_ref(&pack), &Default::default())?;
        let failures = rules::check_examples(std::slice::from_ref(&pack))?;
        let examples: usize = pack
            .rules
            .iter()
            .map(|r| r.examples.len() + r.counter_examples.len())
            .sum();
        for f in &failures {
            eprintln!(
                "{}: rule {}: example {:?}\n    expected {:?}\n    got      {:?}",
                path.display(),
                f.rule,
                f.text,
                f.expected,
                f.got
            );
        }
        let missing: Vec<&str> = pack
            .rules
            .iter()
            .filter(|r| r.examples.is_empty())
            .map(|r| r.id.as_str())
            .collect();
        for id in &missing {
            eprintln!("{}: rule {id}: has no example", path.display());
        }
        println!(
            "{}: pack {}: {} rules, {} examples, {} failed",
            path.display(),
            pack.pack.id,
            pack.rules.len(),
            examples,
            failures.len() + missing.len()
        );
        return Ok(if failures.is_empty() && missing.is_empty() {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        });
    }
    let cleaner = args.cleaner.cleaner()?;
    let rules: Vec<_> = cleaner
        .rules()
        .rules
        .iter()
        .filter(|r| {
            args.id
                .as_ref()
                .is_none_or(|id| &r.spec.id == id || &r.pack == id)
        })
        .collect();
    if let Some(id) = &args.id {
        if rules.is_empty() {
            return Err(super::usage(format!(
                "no active rule or pack is named `{id}`"
            )));
        }
    }
    if args.json {
        let specs: Vec<_> = rules
            .iter()
            .map(|r| serde_json::json!({"pack": r.pack, "rule": r.spec}))
            .collect();
        println!("{}", serde_json::to_string_pretty(&specs)?);
    } else if args.id.is_some() {
        for r in rules {
            let s = &r.spec;
            println!(
                "{} ({}, class {}, zone {:?}, action {:?}{})",
                s.id,
                r.pack,
                s.class,
                s.zone,
                s.action,
                if s.anchor { ", footer anchor" } else { "" }
            );
            println!("  {}", s.description);
            println!("  pattern: {}", s.pattern);
            for e in &s.examples {
                println!("  example: {:?} -> {:?}", e.text, e.clean);
            }
            for c in &s.counter_examples {
                println!("  keeps:   {c:?}");
            }
            println!();
        }
    } else {
        for r in rules {
            println!(
                "{:<18} {:<10} {:<13} {}",
                r.spec.id,
                r.pack,
                r.spec.class.as_str(),
                r.spec.description
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
