//! Tables for people: the character table of a directory corpus, the token table of a gold set
//! (laid out like score.py's, so the two can be read side by side) and removals by class.

use super::chars::Summary;
use super::token_metrics::{Aggregate, ClassTokens, Metric, TokenReport};
use crate::class::Class;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

/// The per-class table of a directory corpus in Markdown (for the README). Rows are the classes the
/// gold notes or the removals carry, so a new class needs no change here.
pub fn markdown_table(summary: &Summary) -> String {
    let mut out = String::from(
        "| class | gold chars | recall | system chars | precision |\n|---|---:|---:|---:|---:|\n",
    );
    let classes: BTreeSet<Class> = summary
        .by_gold_class
        .keys()
        .chain(summary.by_system_class.keys())
        .copied()
        .collect();
    for class in classes {
        let g = summary
            .by_gold_class
            .get(&class)
            .copied()
            .unwrap_or_default();
        let s = summary
            .by_system_class
            .get(&class)
            .copied()
            .unwrap_or_default();
        if g.gold == 0 && s.system == 0 {
            continue;
        }
        let recall = if g.gold == 0 {
            "–".to_string()
        } else {
            format!("{:.4}", g.recall())
        };
        let precision = if s.system == 0 {
            "–".to_string()
        } else {
            format!("{:.4}", s.precision())
        };
        out.push_str(&format!(
            "| {class} | {} | {recall} | {} | {precision} |\n",
            g.gold, s.system
        ));
    }
    out.push_str(&format!(
        "| **all** | {} | **{:.4}** | {} | **{:.4}** |\n\n\
         {} documents, {} exact; content chars lost {} of {} ({:.4}%); boilerplate chars left {}; duplicate copies left {}; hard negatives damaged {} of {}.\n",
        summary.counts.gold,
        summary.recall,
        summary.counts.system,
        summary.precision,
        summary.documents,
        summary.exact_documents,
        summary.content_lost,
        summary.content_chars,
        summary.content_lost_rate * 100.0,
        summary.boilerplate_left,
        summary.duplicates_left,
        summary.hard_negatives_damaged.len(),
        summary.hard_negatives,
    ));
    out
}

/// A mean as score.py prints it (`nan` when no document has the metric).
fn num(v: Option<f64>) -> String {
    match v {
        Some(v) => format!("{v:.3}"),
        None => "nan".into(),
    }
}

/// The rows of a report: all, injected documents, then each dataset (when there are several).
fn rows(report: &TokenReport) -> Vec<(String, &Aggregate)> {
    let mut rows = vec![("all".to_string(), &report.all)];
    if let Some(a) = &report.injected_only {
        rows.push(("  (injected docs only)".into(), a));
    }
    if report.by_dataset.len() > 1 {
        rows.extend(report.by_dataset.iter().map(|(k, a)| (format!("  {k}"), a)));
    }
    rows
}

/// The token table, column for column as `score.py` prints it.
pub fn token_table(report: &TokenReport) -> String {
    let mut out = format!(
        "{:<22}{:>6}{:>7}{:>7}{:>13}{:>12}{:>14}{:>11}{:>10}{:>7}\n",
        "", "docs", "P", "R", "F1", "bp_removed", "content_kept", "dup_exact", "dup_near", "empty"
    );
    for (label, a) in rows(report) {
        let m = |k| num(a.mean(k));
        let _ = writeln!(
            out,
            "{label:<22}{:>6}{:>7}{:>7}{:>7} ±{}{:>12}{:>14}{:>11}{:>10}{:>7}",
            a.docs,
            m(Metric::Precision),
            m(Metric::Recall),
            m(Metric::F1),
            num(a.se(Metric::F1)),
            m(Metric::BoilerplateRemoved),
            m(Metric::ContentKept),
            m(Metric::DupExact),
            m(Metric::DupNear),
            m(Metric::Empty),
        );
    }
    if report.missing > 0 {
        let _ = writeln!(
            out,
            "WARNING: {} documents had no prediction (scored as empty output)",
            report.missing
        );
    }
    out
}

/// The token table in Markdown.
pub fn token_markdown(report: &TokenReport) -> String {
    let mut out = String::from(
        "| documents | n | P | R | F1 | boilerplate removed | content kept | dup_exact | dup_near | empty |\n\
         |---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for (label, a) in rows(report) {
        let m = |k| num(a.mean(k));
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} ±{} | {} | {} | {} | {} | {} |",
            label.trim(),
            a.docs,
            m(Metric::Precision),
            m(Metric::Recall),
            m(Metric::F1),
            num(a.se(Metric::F1)),
            m(Metric::BoilerplateRemoved),
            m(Metric::ContentKept),
            m(Metric::DupExact),
            m(Metric::DupNear),
            m(Metric::Empty),
        );
    }
    out
}

/// Removals by class in tokens: how much each class takes, its share of all removals, and how much
/// of it the gold drops too. Empty when nothing was removed.
pub fn class_table(by_class: &BTreeMap<Class, ClassTokens>, markdown: bool) -> String {
    let total: u64 = by_class.values().map(|c| c.removed).sum();
    if total == 0 {
        return String::new();
    }
    let share = |n: u64, of: u64| {
        if of == 0 {
            "–".to_string()
        } else {
            format!("{:.3}", n as f64 / of as f64)
        }
    };
    let mut out = String::new();
    if markdown {
        out.push_str(
            "| class | documents | tokens removed | share of removals | non-gold share | gold tokens removed |\n\
             |---|---:|---:|---:|---:|---:|\n",
        );
    } else {
        out.push_str(
            "removals by class, in tokens (non-gold: share of the class's tokens that the gold drops too;\n\
             gold: tokens the gold keeps, i.e. content the class took):\n",
        );
        let _ = writeln!(
            out,
            "{:<16}{:>6}{:>10}{:>8}{:>10}{:>8}",
            "class", "docs", "tokens", "share", "non-gold", "gold"
        );
    }
    for (class, c) in by_class {
        let (s, ng) = (share(c.removed, total), share(c.non_gold, c.removed));
        if markdown {
            let _ = writeln!(
                out,
                "| {class} | {} | {} | {s} | {ng} | {} |",
                c.docs,
                c.removed,
                c.gold()
            );
        } else {
            let _ = writeln!(
                out,
                "{:<16}{:>6}{:>10}{s:>8}{ng:>10}{:>8}",
                class.as_str(),
                c.docs,
                c.removed,
                c.gold()
            );
        }
    }
    let non_gold: u64 = by_class.values().map(|c| c.non_gold).sum();
    let (ng, gold) = (share(non_gold, total), total - non_gold);
    if markdown {
        let _ = writeln!(out, "| **all** | | {total} | 1.000 | {ng} | {gold} |");
    } else {
        let _ = writeln!(
            out,
            "{:<16}{:>6}{total:>10}{:>8}{ng:>10}{gold:>8}",
            "all", "", "1.000"
        );
    }
    out
}
