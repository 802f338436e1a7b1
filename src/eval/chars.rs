//! Character metrics for directory corpora.
//!
//! What was removed is found by diffing the output against the raw text (lines first, then chars
//! inside changed lines), for the gold and for the system alike, so any command that maps raw text
//! to clean text can be measured. Scores count non-space characters.

use super::corpus::GoldDoc;
use crate::class::Class;
use serde::{Deserialize, Serialize};
use similar::{Algorithm, ChangeTag, TextDiff};
use std::collections::BTreeMap;

/// For each char of `raw`, whether `out` dropped it. `out` should be a subsequence of `raw`;
/// anything `out` adds is ignored (and counted by the caller as invented text if it wants).
pub fn removed_mask(raw: &str, out: &str) -> Vec<bool> {
    let mask = line_then_char_mask(raw, out);
    let kept: String = raw
        .chars()
        .zip(&mask)
        .filter(|(_, m)| !**m)
        .map(|(c, _)| c)
        .collect();
    if kept == out {
        return mask;
    }
    // Line alignment can pair a line (often a blank one) with the wrong copy; a char diff of the
    // whole text is slower but exact.
    let chars = TextDiff::configure()
        .algorithm(Algorithm::Myers)
        .diff_chars(raw, out);
    chars
        .iter_all_changes()
        .filter(|c| c.tag() != ChangeTag::Insert)
        .map(|c| c.tag() == ChangeTag::Delete)
        .collect()
}

fn line_then_char_mask(raw: &str, out: &str) -> Vec<bool> {
    let mut mask = Vec::with_capacity(raw.len());
    let lines = TextDiff::configure()
        .algorithm(Algorithm::Myers)
        .diff_lines(raw, out);
    for op in lines.ops() {
        let old = op.old_range();
        let new = op.new_range();
        let old_text: String = lines.old_slices()[old.clone()].concat();
        match op.tag() {
            similar::DiffTag::Equal => {
                mask.extend(std::iter::repeat_n(false, old_text.chars().count()))
            }
            similar::DiffTag::Delete => {
                mask.extend(std::iter::repeat_n(true, old_text.chars().count()))
            }
            similar::DiffTag::Insert => {}
            similar::DiffTag::Replace => {
                let new_text: String = lines.new_slices()[new].concat();
                let chars = TextDiff::configure()
                    .algorithm(Algorithm::Myers)
                    .diff_chars(&old_text, &new_text);
                for change in chars.iter_all_changes() {
                    match change.tag() {
                        ChangeTag::Equal => mask.push(false),
                        ChangeTag::Delete => mask.push(true),
                        ChangeTag::Insert => {}
                    }
                }
            }
        }
    }
    mask
}

/// Counts for one class or for everything.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq)]
pub struct Counts {
    /// Chars the gold removes.
    pub gold: u64,
    /// Chars the system removes (for a class: that the system removed with this class).
    pub system: u64,
    /// Chars both remove.
    pub both: u64,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        if self.system == 0 {
            1.0
        } else {
            self.both as f64 / self.system as f64
        }
    }

    pub fn recall(&self) -> f64 {
        if self.gold == 0 {
            1.0
        } else {
            self.both as f64 / self.gold as f64
        }
    }

    fn add(&mut self, other: Counts) {
        self.gold += other.gold;
        self.system += other.system;
        self.both += other.both;
    }
}

/// The score of one document.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DocScore {
    pub name: String,
    pub lang: String,
    pub hard_negative: bool,
    pub exact: bool,
    pub counts: Counts,
    /// Non-space chars of the gold's content the system removed.
    pub content_lost: u64,
    /// Non-space chars the gold keeps.
    pub content_chars: u64,
    /// Non-space chars of boilerplate the system left.
    pub boilerplate_left: u64,
    /// Gold duplicate copies that the system left (more than half of the copy kept).
    pub duplicates_left: u64,
    pub by_gold_class: BTreeMap<Class, Counts>,
    pub by_system_class: BTreeMap<Class, Counts>,
    /// Unified diff from the gold to the system output (empty when they match).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub diff: String,
}

impl DocScore {
    pub fn errors(&self) -> u64 {
        self.content_lost + self.boilerplate_left
    }
}

/// Non-space chars deleted from `a` and inserted into `b` by a line-then-char diff.
fn diff_counts(a: &str, b: &str) -> (u64, u64) {
    let lines = TextDiff::configure()
        .algorithm(Algorithm::Myers)
        .diff_lines(a, b);
    let (mut deleted, mut inserted) = (0u64, 0u64);
    for op in lines.ops() {
        let old: String = lines.old_slices()[op.old_range()].concat();
        let new: String = lines.new_slices()[op.new_range()].concat();
        match op.tag() {
            similar::DiffTag::Equal => {}
            similar::DiffTag::Delete => deleted += nonspace(&old),
            similar::DiffTag::Insert => inserted += nonspace(&new),
            similar::DiffTag::Replace => {
                let chars = TextDiff::configure()
                    .algorithm(Algorithm::Myers)
                    .diff_chars(&old, &new);
                for change in chars.iter_all_changes() {
                    let n = nonspace(change.value());
                    match change.tag() {
                        ChangeTag::Delete => deleted += n,
                        ChangeTag::Insert => inserted += n,
                        ChangeTag::Equal => {}
                    }
                }
            }
        }
    }
    (deleted, inserted)
}

fn nonspace(s: &str) -> u64 {
    s.chars().filter(|c| !c.is_whitespace()).count() as u64
}

/// Scores one document. Totals compare the output with the gold directly, so removing either of
/// two identical copies scores the same. Per-class figures need positions: `removals` (the
/// cleaner's own list) gives the system's classes.
pub fn score(doc: &GoldDoc, output: &str, removals: Option<&[crate::Removal]>) -> DocScore {
    let raw_chars: Vec<char> = doc.raw.chars().collect();
    let gold_mask = removed_mask(&doc.raw, &doc.gold);
    let sys_mask = removed_mask(&doc.raw, output);
    let gold_removed = nonspace(&doc.raw).saturating_sub(nonspace(&doc.gold));
    let (content_lost, boilerplate_left) = diff_counts(&doc.gold, output);
    let counts = Counts {
        gold: gold_removed,
        system: (gold_removed + content_lost).saturating_sub(boilerplate_left),
        both: gold_removed.saturating_sub(boilerplate_left),
    };
    // A noted piece is gone when the output has no more copies of it than the gold.
    let gone_like_gold =
        |text: &str| output.matches(text).count() <= doc.gold.matches(text).count();
    let mut by_gold_class: BTreeMap<Class, Counts> = BTreeMap::new();
    let mut duplicates_left = 0;
    for note in &doc.meta.removed {
        let Some(class) = note.class else { continue };
        let Some((start, len)) = locate(&raw_chars, &note.text, &gold_mask) else {
            continue;
        };
        let chars = (start..start + len).filter(|&i| gold_mask[i] && !raw_chars[i].is_whitespace());
        let gold = chars.clone().count() as u64;
        let both = if gone_like_gold(&note.text) {
            gold
        } else {
            chars.filter(|&i| sys_mask[i]).count() as u64
        };
        if class == Class::Duplicate && both * 2 < gold {
            duplicates_left += 1;
        }
        let entry = by_gold_class.entry(class).or_default();
        entry.gold += gold;
        entry.both += both;
    }
    let mut by_system_class: BTreeMap<Class, Counts> = BTreeMap::new();
    for r in removals.unwrap_or_default() {
        let chars = (r.char_start..r.char_end.min(raw_chars.len()))
            .filter(|&i| !raw_chars[i].is_whitespace());
        let system = chars.clone().count() as u64;
        let text = r.text.as_str();
        let gold_dropped_a_copy = doc.raw.matches(text).count() > doc.gold.matches(text).count();
        let both = if gold_dropped_a_copy && gone_like_gold(text) {
            system
        } else {
            chars.filter(|&i| gold_mask[i]).count() as u64
        };
        let entry = by_system_class.entry(r.class).or_default();
        entry.system += system;
        entry.both += both;
    }
    let exact = output == doc.gold;
    DocScore {
        name: doc.name.clone(),
        lang: doc.meta.lang.clone(),
        hard_negative: doc.meta.hard_negative,
        exact,
        content_lost,
        boilerplate_left,
        content_chars: nonspace(&doc.gold),
        duplicates_left,
        counts,
        by_gold_class,
        by_system_class,
        diff: if exact {
            String::new()
        } else {
            TextDiff::from_lines(doc.gold.as_str(), output)
                .unified_diff()
                .context_radius(1)
                .header("gold", "system")
                .to_string()
        },
    }
}

/// Finds a noted piece in the raw text: of its occurrences, the one the gold removed most of.
fn locate(raw: &[char], text: &str, gold_mask: &[bool]) -> Option<(usize, usize)> {
    let needle: Vec<char> = text.chars().collect();
    if needle.is_empty() || needle.len() > raw.len() {
        return None;
    }
    let mut best: Option<(usize, usize)> = None;
    for start in 0..=raw.len() - needle.len() {
        if raw[start] == needle[0] && raw[start..start + needle.len()] == needle[..] {
            let removed = (start..start + needle.len())
                .filter(|&i| gold_mask[i])
                .count();
            if best.is_none_or(|(_, r)| removed > r) {
                best = Some((start, removed));
            }
        }
    }
    best.map(|(start, _)| (start, needle.len()))
}

/// Totals over a corpus.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Summary {
    pub documents: usize,
    pub exact_documents: usize,
    pub counts: Counts,
    pub precision: f64,
    pub recall: f64,
    pub content_lost: u64,
    pub content_chars: u64,
    pub content_lost_rate: f64,
    pub boilerplate_left: u64,
    pub duplicates_left: u64,
    pub hard_negatives: usize,
    /// Hard negatives that lost any content.
    pub hard_negatives_damaged: Vec<String>,
    pub by_gold_class: BTreeMap<Class, Counts>,
    pub by_system_class: BTreeMap<Class, Counts>,
}

pub fn summarize(scores: &[DocScore]) -> Summary {
    let mut counts = Counts::default();
    let mut by_gold_class: BTreeMap<Class, Counts> = BTreeMap::new();
    let mut by_system_class: BTreeMap<Class, Counts> = BTreeMap::new();
    for s in scores {
        counts.add(s.counts);
        for (c, n) in &s.by_gold_class {
            by_gold_class.entry(*c).or_default().add(*n);
        }
        for (c, n) in &s.by_system_class {
            by_system_class.entry(*c).or_default().add(*n);
        }
    }
    let content_lost: u64 = scores.iter().map(|s| s.content_lost).sum();
    let content_chars: u64 = scores.iter().map(|s| s.content_chars).sum();
    Summary {
        documents: scores.len(),
        exact_documents: scores.iter().filter(|s| s.exact).count(),
        precision: counts.precision(),
        recall: counts.recall(),
        counts,
        content_lost,
        content_chars,
        content_lost_rate: if content_chars == 0 {
            0.0
        } else {
            content_lost as f64 / content_chars as f64
        },
        boilerplate_left: scores.iter().map(|s| s.boilerplate_left).sum(),
        duplicates_left: scores.iter().map(|s| s.duplicates_left).sum(),
        hard_negatives: scores.iter().filter(|s| s.hard_negative).count(),
        hard_negatives_damaged: scores
            .iter()
            .filter(|s| s.hard_negative && s.content_lost > 0)
            .map(|s| s.name.clone())
            .collect(),
        by_gold_class,
        by_system_class,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mask_marks_removed_lines_and_spans() {
        let raw = "A line\nB boiler\nC text.x@y.kr\n";
        let out = "A line\nC text.\n";
        let mask = removed_mask(raw, out);
        let removed: String = raw
            .chars()
            .zip(&mask)
            .filter(|(_, m)| **m)
            .map(|(c, _)| c)
            .collect();
        assert_eq!(removed, "B boiler\nx@y.kr");
    }

    #[test]
    fn counts_give_precision_and_recall() {
        let c = Counts {
            gold: 10,
            system: 8,
            both: 6,
        };
        assert!((c.precision() - 0.75).abs() < 1e-9);
        assert!((c.recall() - 0.6).abs() < 1e-9);
    }
}
