//! `paraclean rules`: list the rules, or check a pack.

use super::CleanerArgs;
use anyhow::Result;
use paraclean::rules::{self, Pack};
use std::path::{Path, PathBuf};
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
    /// Validate a pack file as `clean --rules FILE` would load it (with the built-in packs), run
    /// every example and counter-example of its rules, and warn about rules that cannot fire.
    #[arg(long, value_name = "FILE")]
    pub check: Option<PathBuf>,
    /// Print as JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub select: RuleSelection,
}

/// The options of `clean` that decide which rules are active (and nothing else).
#[derive(clap::Args, Debug, Clone, Default)]
pub struct RuleSelection {
    /// Config file (TOML): packs and [rules] enable/disable are used.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Add a rule pack (TOML). Repeatable.
    #[arg(long = "rules", value_name = "FILE")]
    pub rule_packs: Vec<PathBuf>,
    /// Switch off rules or whole packs by id (comma-separated; repeatable).
    #[arg(long, value_name = "ID", value_delimiter = ',')]
    pub disable: Vec<String>,
    /// Switch on rules or packs that are off by default (comma-separated; repeatable).
    #[arg(long, value_name = "ID", value_delimiter = ',')]
    pub enable: Vec<String>,
}

impl RuleSelection {
    fn cleaner_args(&self) -> CleanerArgs {
        CleanerArgs {
            config: self.config.clone(),
            rule_packs: self.rule_packs.clone(),
            disable: self.disable.clone(),
            enable: self.enable.clone(),
            ..CleanerArgs::default()
        }
    }
}

/// A rule setting as the TOML spells it (`cut-span`, not `CutSpan`).
fn toml_name(value: impl serde::Serialize) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

pub fn run(args: RulesArgs) -> Result<ExitCode> {
    if let Some(path) = &args.check {
        return check(path, &args.select);
    }
    let mut cleaner_args = args.select.cleaner_args();
    cleaner_args.no_dedup = true;
    let cleaner = cleaner_args.cleaner()?;
    let rules: Vec<_> = cleaner
        .rules()
        .rules
        .iter()
        .filter(|r| {
            args.id.as_ref().is_none_or(|id| {
                r.spec.id.eq_ignore_ascii_case(id) || r.pack.eq_ignore_ascii_case(id)
            })
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
                "{} ({}, class {}, zone {}, action {}{})",
                s.id,
                r.pack,
                s.class,
                toml_name(s.zone),
                toml_name(s.action),
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

/// `rules --check FILE`: the pack loaded with the built-in packs and the selection given, exactly
/// as `clean --rules FILE` loads it; then its examples, and the rules that cannot fire.
fn check(path: &Path, select: &RuleSelection) -> Result<ExitCode> {
    let pack = Pack::load(path)?;
    let mut cleaner_args = select.cleaner_args();
    cleaner_args.rule_packs.push(path.to_path_buf());
    let cleaner = cleaner_args.cleaner()?;
    let failures = rules::check_examples(std::slice::from_ref(&pack))?;
    let examples: usize = pack
        .rules
        .iter()
        .map(|r| r.examples.len() + r.counter_examples.len())
        .sum();
    let name = path.display();
    for f in &failures {
        eprintln!(
            "{name}: rule {}: example {:?}\n    expected {:?}\n    got      {:?}",
            f.rule, f.text, f.expected, f.got
        );
    }
    let missing: Vec<&str> = pack
        .rules
        .iter()
        .filter(|r| r.examples.is_empty())
        .map(|r| r.id.as_str())
        .collect();
    for id in &missing {
        eprintln!("{name}: rule {id}: has no example");
    }
    let warnings = cannot_fire(&pack, cleaner.rules());
    for w in &warnings {
        eprintln!("{name}: warning: {w}");
    }
    let n = pack.rules.len();
    println!(
        "{name}: pack {}: {n} {}, {examples} {}, {} failed, {} {}",
        pack.pack.id,
        if n == 1 { "rule" } else { "rules" },
        if examples == 1 { "example" } else { "examples" },
        failures.len() + missing.len(),
        warnings.len(),
        if warnings.len() == 1 {
            "warning"
        } else {
            "warnings"
        },
    );
    Ok(if failures.is_empty() && missing.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Rules of `pack` that cannot fire as the rules are loaded, or only by the grace of another pack.
fn cannot_fire(pack: &Pack, active: &rules::RuleSet) -> Vec<String> {
    let is_active = |id: &str| active.rules.iter().any(|r| r.spec.id == id);
    let anchors_here = pack.rules.iter().any(|r| r.anchor && is_active(&r.id));
    let anchors_elsewhere = active
        .rules
        .iter()
        .any(|r| r.spec.anchor && r.pack != pack.pack.id);
    let mut out = Vec::new();
    for spec in &pack.rules {
        if !is_active(&spec.id) {
            out.push(if spec.enabled {
                format!(
                    "rule {}: switched off by --disable or the config: it cannot fire",
                    spec.id
                )
            } else {
                format!(
                    "rule {}: enabled = false: it fires only with --enable {}",
                    spec.id, spec.id
                )
            });
            continue;
        }
        if spec.zone != rules::Zone::Tail || spec.anchor || anchors_here {
            continue;
        }
        out.push(if anchors_elsewhere {
            format!(
                "rule {}: zone = \"tail\" fires only after a footer anchor, and this pack has no rule with anchor = true: it never fires on a document where no built-in anchor (a copyright line, …) fired",
                spec.id
            )
        } else {
            format!(
                "rule {}: zone = \"tail\" fires only after a footer anchor, and no active rule is an anchor: it cannot fire",
                spec.id
            )
        });
    }
    out
}
