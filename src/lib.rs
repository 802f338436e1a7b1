//! # paraclean
//!
//! Turns scraped article text into clean text: every paragraph once, no publisher or portal
//! boilerplate, nothing of the article lost — and an account of every removal.
//!
//! ```
//! use paraclean::{Cleaner, Config, Class};
//!
//! let cleaner = Cleaner::new(Config::default()).unwrap();
//! let raw = "SKT가 AI 동맹을 넓힌다.\n\
//!            SKT는 12일 미국 실리콘밸리에서 연례 행사를 열었다고 14일 밝혔다.\n\
//!            윤정민 기자 yunjm@joongang.co.kr\n\
//!            Copyright © 중앙일보. 무단전재 및 재배포 금지.\n";
//! let cleaned = cleaner.clean(raw);
//! assert_eq!(cleaned.text, "SKT가 AI 동맹을 넓힌다.\nSKT는 12일 미국 실리콘밸리에서 연례 행사를 열었다고 14일 밝혔다.\n");
//! assert_eq!(cleaned.removals[0].class, Class::Signature);
//! assert_eq!(cleaned.metadata.emails, ["yunjm@joongang.co.kr"]);
//! assert_eq!(cleaned.metadata.publisher.as_deref(), Some("중앙일보"));
//! ```
//!
//! The pipeline, one module per stage: [`segment`] (blocks with offsets, layout kept) →
//! [`normalize`] (matching keys only) → detectors ([`rules`] packs with zones, [`detect::duplicates`],
//! → [`assemble`] (one set of decisions feeds the text and the report).

pub mod assemble;
pub mod class;
pub mod config;
pub mod detect;
pub mod error;
pub mod eval;
pub mod explain;
pub mod input;
pub mod learn;
pub mod metadata;
pub mod normalize;
pub mod rules;
pub mod segment;

pub use class::Class;
pub use config::Config;
pub use detect::duplicates::{DupConfig, DupKind};
pub use error::{Error, Result};
pub use metadata::Metadata;

use assemble::{BlockPlan, WholeBlock};
use rayon::prelude::*;
use rules::{apply_cuts, LineMatcher, Pack, RuleSet};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// Why a piece was removed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "by", rename_all = "kebab-case")]
pub enum Reason {
    /// A rule of a pack matched.
    Rule {
        rule: String,
        pack: String,
        description: String,
        /// The text the rule's pattern matched.
        matched: String,
    },
    /// The block repeats another block of the document, which was kept.
    Duplicate {
        kind: DupKind,
        of_line: usize,
        score: f64,
    },
    /// The block stands after a `cut-tail` rule fired.
    AfterTail { rule: String, from_line: usize },
    /// The block is a headline in the list under a box title (`More from …`, `관련기사`).
    ListItem { rule: String, title_line: usize },
    /// The block (or its shape) recurs in many documents of its source: a learned site template.
    Learned {
        source: String,
        kind: learn::Kind,
        /// Documents of the source with this key or shape, and documents of the source.
        docs: u64,
        source_docs: u64,
    },
}

impl Reason {
    /// A one-line explanation for people.
    pub fn explain(&self) -> String {
        match self {
            Reason::Rule {
                rule, description, ..
            } => format!("{rule}: {description}"),
            Reason::Duplicate {
                kind,
                of_line,
                score,
            } => {
                let kind = serde_json::to_value(kind)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default();
                format!("{kind} duplicate of line {of_line} (score {score:.2})")
            }
            Reason::AfterTail { rule, from_line } => {
                format!("after the tail cut by {rule} at line {from_line}")
            }
            Reason::ListItem { rule, title_line } => {
                format!("headline in the list under the box title at line {title_line} ({rule})")
            }
            Reason::Learned {
                source,
                kind,
                docs,
                source_docs,
            } => {
                let what = match kind {
                    learn::Kind::Key => "block",
                    learn::Kind::Shape => "shape",
                    learn::Kind::List => "list-item shape",
                };
                let share = 100.0 * *docs as f64 / (*source_docs).max(1) as f64;
                format!("learned template of `{source}`: this {what} is in {docs} of its {source_docs} documents ({share:.0}%)")
            }
        }
    }
}

/// Work done cleaning one document (see [`Cleaner::clean_counted`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Work {
    pub blocks: usize,
    /// Detection rounds (at most 3: the head zone is re-run when duplicates near the top go).
    pub rounds: usize,
    /// Lines the rules scanned, over all rounds and zones.
    pub line_scans: usize,
    /// Rule regex searches run over all those lines.
    pub regex_searches: usize,
    /// Near-duplicate index postings read, and candidate pairs verified, over all rounds.
    pub dup_postings_scanned: usize,
    pub dup_verifications: usize,
}

/// One removed piece of a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Removal {
    /// 1-based line of the document the piece was on.
    pub line: usize,
    /// Byte offsets in the document.
    pub start: usize,
    pub end: usize,
    /// Char offsets in the document.
    pub char_start: usize,
    pub char_end: usize,
    pub text: String,
    pub class: Class,
    pub reason: Reason,
}

/// The result of cleaning one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cleaned {
    pub text: String,
    pub removals: Vec<Removal>,
    pub metadata: Metadata,
}

/// Built once from a [`Config`], shared across threads (`Cleaner: Send + Sync`).
#[derive(Debug, Clone)]
pub struct Cleaner {
    config: Config,
    rules: RuleSet,
    learned: Option<std::sync::Arc<learn::LearnedModel>>,
}

impl Cleaner {
    /// The built-in packs plus the packs named in the config.
    pub fn new(config: Config) -> Result<Cleaner> {
        let mut packs = rules::builtin_packs();
        for path in &config.packs {
            packs.push(Pack::load(path)?);
        }
        Cleaner::with_packs(config, packs)
    }

    /// Exactly these packs (the config's `packs` list is not read).
    pub fn with_packs(config: Config, packs: Vec<Pack>) -> Result<Cleaner> {
        let rules = RuleSet::build(&packs, &config.rules)?;
        Ok(Cleaner {
            config,
            rules,
            learned: None,
        })
    }

    /// Also removes the learned templates of a table (see [`learn`]); they apply to documents
    /// cleaned with [`Cleaner::clean_source`] under a source the table knows.
    pub fn with_learned(mut self, model: learn::LearnedModel) -> Cleaner {
        self.learned = Some(std::sync::Arc::new(model));
        self
    }

    pub fn learned(&self) -> Option<&learn::LearnedModel> {
        self.learned.as_deref()
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// Cleans one document (no learned templates: the source is unknown).
    pub fn clean(&self, doc: &str) -> Cleaned {
        self.clean_source(doc, None)
    }

    /// Cleans one document of `source` (a site, a host: the name the learned table counts under).
    pub fn clean_source(&self, doc: &str, source: Option<&str>) -> Cleaned {
        self.clean_counted(doc, source).0
    }

    /// [`Cleaner::clean_source`], also counting the work done, so that tests can bound the cost of
    /// pathological documents (a million blocks, 100,000 near copies) without timing them.
    pub fn clean_counted(&self, doc: &str, source: Option<&str>) -> (Cleaned, Work) {
        let seg = segment::segment(doc);
        let mut work = Work {
            blocks: seg.blocks.len(),
            ..Work::default()
        };
        let matcher = LineMatcher::new(&self.rules);
        let mut also_gone = vec![false; seg.blocks.len()];
        let first = detect::boilerplate::first_pass(doc, &seg.blocks, &matcher);
        // Usually one round. When duplicates removed near the top pull more blocks into the head
        // zone, the rules run again with the larger head, so that cleaning clean text changes nothing.
        for round in 0.. {
            let hits = detect::boilerplate::detect(
                doc,
                &seg.blocks,
                &matcher,
                self.config.head_blocks,
                &also_gone,
                &first,
            );
            let head_end = hits.head_end;
            let (mut plans, metadata) = self.plan(doc, &seg, &matcher, hits);
            if let (Some(model), Some(source)) = (&self.learned, source) {
                mark_learned(model, source, doc, &seg, &mut plans);
            }
            let dup_work = self.mark_duplicates(&seg, &mut plans);
            work.rounds += 1;
            work.dup_postings_scanned += dup_work.postings_scanned;
            work.dup_verifications += dup_work.verifications;
            let gone: Vec<bool> = plans.iter().map(|p| !p.kept()).collect();
            let rests: Vec<usize> = plans
                .iter()
                .map(|p| detect::boilerplate::char_len(&p.rest))
                .collect();
            if round >= 2
                || detect::boilerplate::head_end_for(&gone, &rests, self.config.head_blocks)
                    <= head_end
            {
                let (text, removals) = assemble::assemble(doc, &seg, plans);
                let line = matcher.work();
                work.line_scans = line.lines;
                work.regex_searches = line.regex_searches;
                return (
                    Cleaned {
                        text,
                        removals,
                        metadata,
                    },
                    work,
                );
            }
            also_gone = gone;
        }
        unreachable!("the loop returns by its third round")
    }

    /// Turns the rules' hits into one plan per block, and collects the metadata they captured.
    fn plan<'d>(
        &self,
        doc: &'d str,
        seg: &segment::Segmented,
        matcher: &LineMatcher,
        mut hits: detect::boilerplate::RuleHits,
    ) -> (Vec<BlockPlan<'d>>, Metadata) {
        let mut metadata = Metadata::default();
        let mut plans: Vec<BlockPlan> = Vec::with_capacity(seg.blocks.len());
        for (i, (block, cuts)) in seg
            .blocks
            .iter()
            .zip(std::mem::take(&mut hits.cuts))
            .enumerate()
        {
            let line = block.text(doc);
            let rest = if cuts.is_empty() {
                Cow::Borrowed(line)
            } else {
                Cow::Owned(apply_cuts(line, &cuts))
            };
            let cuts = cuts
                .into_iter()
                .map(|cut| {
                    metadata.absorb(&cut);
                    let rule = matcher.rule(cut.rule);
                    let reason = Reason::Rule {
                        rule: rule.spec.id.clone(),
                        pack: rule.pack.clone(),
                        description: rule.spec.description.clone(),
                        matched: cut.matched.clone(),
                    };
                    (cut, rule.spec.class, reason)
                })
                .collect();
            let whole = hits.cut_tail.and_then(|(at, rule)| {
                (i > at).then(|| WholeBlock {
                    class: matcher.rule(rule).spec.class,
                    reason: Reason::AfterTail {
                        rule: matcher.rule(rule).spec.id.clone(),
                        from_line: seg.blocks[at].line,
                    },
                })
            });
            plans.push(BlockPlan {
                cuts,
                dropped_by_cuts: hits.dropped[i],
                rest,
                whole,
            });
        }
        for &(block, title, rule) in &hits.list_items {
            plans[block].whole = Some(WholeBlock {
                class: Class::RelatedList,
                reason: Reason::ListItem {
                    rule: matcher.rule(rule).spec.id.clone(),
                    title_line: seg.blocks[title].line,
                },
            });
        }
        (plans, metadata)
    }

    fn mark_duplicates(
        &self,
        seg: &segment::Segmented,
        plans: &mut [BlockPlan],
    ) -> detect::duplicates::DupWork {
        let live: Vec<usize> = (0..plans.len()).filter(|&i| plans[i].kept()).collect();
        let texts: Vec<&str> = live.iter().map(|&i| plans[i].rest.as_ref()).collect();
        let (hits, work) = detect::duplicates::find_duplicates(&texts, &self.config.duplicates);
        let marks: Vec<(usize, WholeBlock)> = hits
            .into_iter()
            .enumerate()
            .filter_map(|(j, hit)| {
                hit.map(|h| {
                    (
                        live[j],
                        WholeBlock {
                            class: Class::Duplicate,
                            reason: Reason::Duplicate {
                                kind: h.kind,
                                of_line: seg.blocks[live[h.of]].line,
                                score: (h.score * 1000.0).round() / 1000.0,
                            },
                        },
                    )
                })
            })
            .collect();
        for (i, whole) in marks {
            plans[i].whole = Some(whole);
        }
        work
    }

    /// Cleans many documents in parallel; results come back in input order.
    ///
    /// Learned templates do not apply here (no sources); use [`Cleaner::clean_source`].
    pub fn clean_batch<S: AsRef<str> + Sync>(&self, docs: &[S]) -> Vec<Cleaned> {
        docs.par_iter().map(|d| self.clean(d.as_ref())).collect()
    }
}

/// Marks the blocks that a learned table knows as templates of `source`.
///
/// A block whose exact key is frequent goes wherever it stands (a prose-like block needs the larger
/// `prose_share`, see [`learn::Thresholds`]). A block matched only by a *shape* (digits, links,
/// headline or a name slot masked) goes only outside the article body — before the first or after
/// the last block of prose that the table does not know — because a shape such as `▶ <headline>`
/// also fits a list that is part of the story; a list-item shape goes only in a run of two or more.
fn mark_learned(
    model: &learn::LearnedModel,
    source: &str,
    doc: &str,
    seg: &segment::Segmented,
    plans: &mut [BlockPlan],
) {
    let evidence: Vec<Option<learn::Evidence>> = seg
        .blocks
        .iter()
        .zip(plans.iter())
        .map(|(block, plan)| {
            if plan.kept() {
                model.evidence(source, block.text(doc))
            } else {
                None
            }
        })
        .collect();
    let is_body = |i: usize| {
        let plan = &plans[i];
        plan.kept()
            && evidence[i].is_none()
            && learn::fingerprint::ends_like_sentence(&plan.rest)
            && plan
                .rest
                .trim()
                .chars()
                .nth(model.thresholds().prose_chars)
                .is_some()
    };
    let first_body = (0..plans.len()).find(|&i| is_body(i));
    let last_body = (0..plans.len()).rev().find(|&i| is_body(i));
    let is_list = |i: Option<usize>| {
        i.and_then(|i| evidence.get(i))
            .is_some_and(|e| e.is_some_and(|e| e.kind == learn::Kind::List))
    };
    for (i, ev) in evidence.iter().enumerate() {
        let Some(ev) = *ev else { continue };
        let in_body = matches!((first_body, last_body), (Some(a), Some(b)) if a < i && i < b);
        if ev.kind != learn::Kind::Key && in_body {
            continue;
        }
        // A list item shape (`▶ <t>`, `1. <t>`) fits a lone headline (a title) too: only runs of
        // items go, or an item in the tail right after another learned block (its box title).
        let after_learned = i > 0 && evidence[i - 1].is_some() && last_body.is_some_and(|b| i > b);
        if ev.kind == learn::Kind::List
            && !is_list(i.checked_sub(1))
            && !is_list(Some(i + 1))
            && !after_learned
        {
            continue;
        }
        plans[i].whole = Some(WholeBlock {
            class: Class::Learned,
            reason: Reason::Learned {
                source: source.to_string(),
                kind: ev.kind,
                docs: ev.docs,
                source_docs: ev.source_docs,
            },
        });
    }
}
