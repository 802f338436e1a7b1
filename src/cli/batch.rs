//! Cleaning a batch of units on the worker threads, and writing the results out in input order:
//! clean text to the sink, one report line per document, counts to the summary.

use super::output::{AtomicFile, Sink};
use super::read::Unit;
use super::summary::Summary;
use anyhow::{Context, Result};
use paraclean::explain::{self, Style};
use paraclean::{Class, Cleaner, Metadata, Removal, RepeatKept};
use rayon::prelude::*;
use serde::Serialize;
use serde_json::value::RawValue;
use std::io::Write;

/// What the cleaning of a batch needs to know.
#[derive(Clone, Copy)]
pub struct Job<'a> {
    pub cleaner: &'a Cleaner,
    /// `--explain`: the marked-up document instead of clean text, in this style.
    pub explain: Option<Style>,
    pub want_report: bool,
}

/// A unit, cleaned.
pub struct Done {
    bytes: Vec<u8>,
    report: Option<DocReport>,
    removed: Vec<(Class, usize)>,
    /// A document (not a blank line or a piece of a binary file).
    document: bool,
    passed_through: bool,
    /// With `--learned`: the document's source, when the table does not know it.
    unknown_source: Option<String>,
}

#[derive(Serialize)]
struct DocReport {
    id: Box<RawValue>,
    origin: String,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    warning: Option<String>,
    removals: Vec<Removal>,
    metadata: Metadata,
    /// Repeats that stay, with the reason each is natural repetition (omitted when none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    repeats_kept: Vec<RepeatKept>,
}

/// Cleans a batch; results come back in input order (`None` for start/end marks).
pub fn clean_units(job: Job, batch: &[Unit]) -> Vec<Option<Done>> {
    batch.par_iter().map(|unit| process(job, unit)).collect()
}

fn process(job: Job, unit: &Unit) -> Option<Done> {
    match unit {
        Unit::FileStart(_) | Unit::FileEnd { .. } => None,
        Unit::Passthrough {
            origin,
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
                report: reason
                    .as_ref()
                    .filter(|_| job.want_report)
                    .map(|reason| DocReport {
                        id: RawValue::from_string(serde_json::to_string(origin).expect("string"))
                            .expect("valid JSON"),
                        origin: origin.clone(),
                        status: "passed-through",
                        warning: Some(reason.clone()),
                        removals: Vec::new(),
                        metadata: Metadata::default(),
                        repeats_kept: Vec::new(),
                    }),
                removed: Vec::new(),
                document: reason.is_some(),
                passed_through: reason.is_some(),
                unknown_source: None,
            })
        }
        Unit::Doc {
            origin,
            id,
            label,
            source,
            text,
            record,
        } => {
            let cleaned = job.cleaner.clean_source(text, source.as_deref());
            let removed = cleaned
                .removals
                .iter()
                .map(|r| (r.class, r.char_end - r.char_start))
                .collect();
            let bytes = match (job.explain, record) {
                (Some(style), _) => {
                    let mut s = if label == origin {
                        format!("== {origin}\n")
                    } else {
                        format!("== {label} ({origin})\n")
                    };
                    s.push_str(&explain::render(text, &cleaned, style));
                    s.into_bytes()
                }
                (None, Some(record)) => {
                    let mut line = record.render(&cleaned.text);
                    line.push('\n');
                    line.into_bytes()
                }
                (None, None) => cleaned.text.clone().into_bytes(),
            };
            Some(Done {
                bytes,
                report: job.want_report.then(|| DocReport {
                    id: id.clone(),
                    origin: origin.clone(),
                    status: "cleaned",
                    warning: None,
                    removals: cleaned.removals,
                    metadata: cleaned.metadata,
                    repeats_kept: cleaned.repeats_kept,
                }),
                removed,
                document: true,
                passed_through: false,
                unknown_source: source
                    .as_ref()
                    .filter(|s| job.cleaner.learned().is_some_and(|m| !m.knows(s)))
                    .cloned(),
            })
        }
    }
}

/// Where cleaned batches go, and what is counted on the way.
pub struct Outputs {
    pub sink: Sink,
    pub report: Option<AtomicFile>,
    pub summary: Summary,
    pub quiet: bool,
}

impl Outputs {
    /// Writes a cleaned batch out in order and counts it in the summary.
    pub fn write(
        &mut self,
        cleaner: &Cleaner,
        batch: Vec<Unit>,
        done: Vec<Option<Done>>,
    ) -> Result<()> {
        for (unit, done) in batch.iter().zip(done) {
            let Some(done) = done else {
                match unit {
                    Unit::FileStart(relative) => self.sink.start_file(relative),
                    Unit::FileEnd { ok } => self.sink.end_file(*ok)?,
                    _ => {}
                }
                continue;
            };
            let summary = &mut self.summary;
            if done.document {
                summary.docs_in += 1;
                summary.docs_out += 1;
            }
            if let Some(source) = done.unknown_source {
                if !self.quiet && !summary.unknown_sources.contains(&source) {
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
            summary.bytes_in += unit.bytes() as u64;
            if done.passed_through {
                summary.passed_through += 1;
            }
            for (class, chars) in done.removed {
                *summary.removed.entry(class).or_default() += chars as u64;
            }
            self.sink.write(&done.bytes)?;
            if let (Some(file), Some(line)) = (self.report.as_mut(), done.report) {
                let mut json = serde_json::to_vec(&line)?;
                json.push(b'\n');
                file.write_all(&json).context("cannot write the report")?;
            }
        }
        Ok(())
    }
}
