//! The [`Cleaner`]: the stages in order — segment → normalize (inside the detectors) → detect
//! (rules with zones, learned templates, duplicates, page sections, the line scorer) → assemble.

use crate::assemble::{self, BlockPlan, WholeBlock};
use crate::class::Class;
use crate::config::Config;
use crate::detect;
use crate::error::Result;
use crate::learn;
use crate::metadata::Metadata;
use crate::report::{Cleaned, Reason};
use crate::rules::{self, apply_cuts, LineMatcher, Pack, RuleSet};
use crate::segment;
use rayon::prelude::*;
use serde::Serialize;
use std::borrow::Cow;

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
    /// Of those, the searches run on lines that come out unchanged (no rule cut, not removed):
    /// work that recognising article text should not cost.
    pub regex_searches_kept: usize,
    /// Blocks that come out unchanged.
    pub blocks_kept: usize,
    /// Near-duplicate index postings read, and candidate pairs verified, over all rounds.
    pub dup_postings_scanned: usize,
    pub dup_verifications: usize,
    /// Edit-distance work (64-row words × columns) and run-widening steps of the duplicate detector.
    pub dup_edit_distance_cells: usize,
    pub dup_run_steps: usize,
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
        // A class the user keeps never fires: its rules leave the line to the others, so that with
        // `keep = ["caption"]` a caption's credit still goes and its text stays.
        let mut selection = config.rules.clone();
        let kept = packs.iter().flat_map(|p| &p.rules);
        let kept = kept.filter(|r| config.keep.contains(&r.class));
        selection.disable.extend(kept.map(|r| r.id.clone()));
        let rules = RuleSet::build(&packs, &selection)?;
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
        self.run(doc, source, None)
    }

    /// The blocks the line scorer sees in a document, with their features, after the other
    /// detectors ran (the scorer itself removes nothing here). For `train/scorer/`.
    #[doc(hidden)]
    pub fn scorer_observations(
        &self,
        doc: &str,
        source: Option<&str>,
    ) -> Vec<detect::scorer::Observation> {
        let mut seen = Vec::new();
        self.run(doc, source, Some(&mut seen));
        seen
    }

    fn run(
        &self,
        doc: &str,
        source: Option<&str>,
        mut observe: Option<&mut Vec<detect::scorer::Observation>>,
    ) -> (Cleaned, Work) {
        let seg = segment::segment(doc);
        let mut work = Work {
            blocks: seg.blocks.len(),
            ..Work::default()
        };
        let matcher = LineMatcher::new(&self.rules);
        let mut also_gone = vec![false; seg.blocks.len()];
        let first = detect::boilerplate::first_pass(doc, &seg.blocks, &matcher);
        let mut searches = first.searches.clone();
        let mut last_dups = detect::duplicates::LastRound::default();
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
            for &(block, n) in &hits.rescan_searches {
                searches[block] += n;
            }
            let (mut plans, metadata) = self.plan(doc, &seg, &matcher, hits);
            let keep = &self.config.keep;
            assemble::honour_keep(&mut plans, keep);
            if let (Some(model), Some(source)) = (&self.learned, source) {
                detect::learned::mark(model, source, doc, &seg, &mut plans);
                assemble::honour_keep(&mut plans, keep);
            }
            let (dup_work, repeats_kept) = detect::duplicates::mark_with(
                &seg,
                &mut plans,
                &self.config.duplicates,
                &mut last_dups,
            );
            assemble::honour_keep(&mut plans, keep);
            if self.config.sections.enabled {
                detect::sections::mark(&self.config.sections, doc, &seg, &mut plans);
                assemble::honour_keep(&mut plans, keep);
            }
            match observe.as_deref_mut() {
                Some(seen) => *seen = detect::scorer::observe(doc, &seg, &plans),
                None if self.config.scorer.enabled => {
                    let model = detect::scorer::Model::builtin();
                    let threshold = self.config.scorer.threshold.unwrap_or(model.threshold);
                    detect::scorer::mark(model, threshold, doc, &seg, &mut plans);
                    assemble::honour_keep(&mut plans, keep);
                }
                None => {}
            }
            work.rounds += 1;
            work.dup_postings_scanned += dup_work.postings_scanned;
            work.dup_verifications += dup_work.verifications;
            work.dup_edit_distance_cells += dup_work.edit_distance_cells;
            work.dup_run_steps += dup_work.run_steps;
            let gone: Vec<bool> = plans.iter().map(|p| !p.kept()).collect();
            let rests: Vec<usize> = plans
                .iter()
                .map(|p| detect::boilerplate::char_len(&p.rest))
                .collect();
            if round >= 2
                || detect::boilerplate::head_end_for(&gone, &rests, self.config.head_blocks)
                    <= head_end
            {
                for (plan, &n) in plans.iter().zip(&searches) {
                    if plan.kept() && plan.cuts.is_empty() {
                        work.blocks_kept += 1;
                        work.regex_searches_kept += n as usize;
                    }
                }
                let (text, removals) = assemble::assemble(doc, &seg, plans);
                let line = matcher.work();
                work.line_scans = line.lines;
                work.regex_searches = line.regex_searches;
                return (
                    Cleaned {
                        text,
                        removals,
                        metadata,
                        repeats_kept,
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
            let mut cuts = cuts;
            let mut dropped = hits.dropped[i];
            let before = cuts.len();
            cuts.retain(|c| !self.config.keep.contains(&matcher.rule(c.rule).spec.class));
            if cuts.len() < before {
                // A kept class gave its piece back: whether the line still goes is decided anew.
                dropped = !cuts.is_empty() && apply_cuts(line, &cuts).is_empty();
            }
            let rest = if cuts.is_empty() {
                Cow::Borrowed(line)
            } else {
                Cow::Owned(apply_cuts(line, &cuts))
            };
            let cuts = cuts
                .into_iter()
                .map(|mut cut| {
                    metadata.absorb(&cut);
                    let rule = matcher.rule(cut.rule);
                    // The matched text moves into the reason (nothing reads the plan's copy).
                    let reason = Reason::Rule {
                        rule: rule.spec.id.clone(),
                        pack: rule.pack.clone(),
                        description: rule.spec.description.clone(),
                        matched: std::mem::take(&mut cut.matched),
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
                dropped_by_cuts: dropped,
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

    /// Cleans many documents in parallel; results come back in input order.
    ///
    /// Learned templates do not apply here (no sources); use [`Cleaner::clean_source`].
    pub fn clean_batch<S: AsRef<str> + Sync>(&self, docs: &[S]) -> Vec<Cleaned> {
        docs.par_iter().map(|d| self.clean(d.as_ref())).collect()
    }
}
