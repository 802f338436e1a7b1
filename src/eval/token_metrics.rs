//! Token-bag metrics of `../shared/realgold/score.py`, document by document, then macro-averaged.
//!
//! With O = output, G = gold, R = raw input as token bags (see [`super::tokens`]):
//! precision `|O∩G|/|O|` (0 for an empty output), recall `|O∩G|/|G|` (1 when G is empty),
//! boilerplate removed `1 - |(O-G)∩(R-G)|/|R-G|` (skipped when R-G is empty), content kept
//! `|O∩(R∩G)|/|R∩G|` (skipped when R∩G is empty), dup_exact / dup_near (share of output paragraphs
//! repeating an earlier one). The arithmetic is the same as score.py's, in the same order, so the
//! figures agree to rounding.

use super::gold_set::GoldRecord;
use super::tokens::{paragraphs, tokenize, Bag};
use crate::class::Class;
use crate::Removal;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;
use std::collections::BTreeMap;

/// The bags of one gold document, computed once (score.py's `GoldDoc`).
#[derive(Debug, Clone)]
pub struct GoldBags {
    /// G: the gold.
    pub gold: Bag,
    /// N = R - G: what the input has beyond the gold (boilerplate and repeats).
    pub noise: Bag,
    /// A = R ∩ G: the gold tokens the input has.
    pub available: Bag,
    /// |N| / |R|, what `--min-noise` compares with.
    pub noise_share: f64,
}

impl GoldBags {
    pub fn new(raw: &str, gold: &str) -> GoldBags {
        let (g, r) = (Bag::of(gold), Bag::of(raw));
        let noise = r.minus(&g);
        let noise_share = noise.size() as f64 / r.size().max(1) as f64;
        GoldBags {
            available: r.and(&g),
            gold: g,
            noise,
            noise_share,
        }
    }
}

/// The metrics score.py averages, in its order (`KEYS`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    Precision,
    Recall,
    F1,
    BoilerplateRemoved,
    ContentKept,
    DupExact,
    DupNear,
    Empty,
}

impl Metric {
    pub const ALL: [Metric; 8] = [
        Metric::Precision,
        Metric::Recall,
        Metric::F1,
        Metric::BoilerplateRemoved,
        Metric::ContentKept,
        Metric::DupExact,
        Metric::DupNear,
        Metric::Empty,
    ];

    /// The key in score.py's JSON.
    pub fn key(self) -> &'static str {
        match self {
            Metric::Precision => "precision",
            Metric::Recall => "recall",
            Metric::F1 => "f1",
            Metric::BoilerplateRemoved => "boilerplate_removed",
            Metric::ContentKept => "content_kept",
            Metric::DupExact => "dup_exact",
            Metric::DupNear => "dup_near",
            Metric::Empty => "empty",
        }
    }
}

/// One document's figures. `None` where score.py leaves the key out (nothing to remove, nothing
/// to keep).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct DocMetrics {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub boilerplate_removed: Option<f64>,
    pub content_kept: Option<f64>,
    pub dup_exact: f64,
    pub dup_near: f64,
    pub empty: f64,
    /// |O|, |G| and |O∩G|: how many tokens are wrong, for picking the worst documents.
    pub output_tokens: u64,
    pub gold_tokens: u64,
    pub matched_tokens: u64,
}

impl DocMetrics {
    pub fn get(&self, m: Metric) -> Option<f64> {
        match m {
            Metric::Precision => Some(self.precision),
            Metric::Recall => Some(self.recall),
            Metric::F1 => Some(self.f1),
            Metric::BoilerplateRemoved => self.boilerplate_removed,
            Metric::ContentKept => self.content_kept,
            Metric::DupExact => Some(self.dup_exact),
            Metric::DupNear => Some(self.dup_near),
            Metric::Empty => Some(self.empty),
        }
    }

    /// Gold tokens missing plus output tokens not in the gold.
    pub fn token_errors(&self) -> u64 {
        (self.gold_tokens - self.matched_tokens) + (self.output_tokens - self.matched_tokens)
    }
}

/// score.py's `doc_metrics`.
pub fn doc_metrics(output: &str, gold: &GoldBags) -> DocMetrics {
    let out = Bag::of(output);
    let o = out.size();
    let tp = out.overlap(&gold.gold);
    let p = if o > 0 { tp as f64 / o as f64 } else { 0.0 };
    let g = gold.gold.size();
    let r = if g > 0 { tp as f64 / g as f64 } else { 1.0 };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    let n = gold.noise.size();
    let a = gold.available.size();
    let (dup_exact, dup_near) = dup_metrics(output);
    DocMetrics {
        precision: p,
        recall: r,
        f1: f,
        boilerplate_removed: (n > 0)
            .then(|| 1.0 - out.minus(&gold.gold).overlap(&gold.noise) as f64 / n as f64),
        content_kept: (a > 0).then(|| out.overlap(&gold.available) as f64 / a as f64),
        dup_exact,
        dup_near,
        empty: if o == 0 { 1.0 } else { 0.0 },
        output_tokens: o,
        gold_tokens: g,
        matched_tokens: tp,
    }
}

/// score.py's `dup_metrics`: among output paragraphs with at least one token, the share equal to an
/// earlier one (exact: the whitespace-collapsed text; near: the token sequence, or a sequence of
/// five or more tokens that starts an earlier paragraph).
pub fn dup_metrics(text: &str) -> (f64, f64) {
    let pars: Vec<(String, Vec<String>)> = paragraphs(text)
        .into_iter()
        .map(|p| {
            let t = tokenize(&p);
            (p, t)
        })
        .filter(|(_, t)| !t.is_empty())
        .collect();
    if pars.is_empty() {
        return (0.0, 0.0);
    }
    let mut seen = FxHashSet::default();
    let exact = pars
        .iter()
        .filter(|(p, _)| !seen.insert(p.as_str()))
        .count();
    // score.py keeps every prefix of five tokens or more as a string; a trie of the token sequences
    // answers the same questions (an earlier paragraph equal to this one / starting with it).
    let mut trie = TokenTrie::default();
    let mut near = 0;
    for (_, toks) in &pars {
        let repeat = trie
            .find(toks)
            .is_some_and(|n| trie.ends.contains(&n) || toks.len() >= 5);
        if repeat {
            near += 1;
        }
        trie.insert(toks);
    }
    let len = pars.len() as f64;
    (exact as f64 / len, near as f64 / len)
}

/// Token sequences seen so far, sharing prefixes. Node 0 is the empty sequence.
#[derive(Default)]
struct TokenTrie {
    edges: FxHashMap<(usize, String), usize>,
    nodes: usize,
    /// Nodes where a whole sequence ended.
    ends: FxHashSet<usize>,
}

impl TokenTrie {
    /// The node the sequence leads to, if an earlier sequence starts with it.
    fn find(&self, toks: &[String]) -> Option<usize> {
        let mut node = 0;
        for t in toks {
            node = *self.edges.get(&(node, t.clone()))?;
        }
        Some(node)
    }

    fn insert(&mut self, toks: &[String]) {
        let mut node = 0;
        for t in toks {
            let fresh = self.nodes + 1;
            node = *self.edges.entry((node, t.clone())).or_insert(fresh);
            if node == fresh {
                self.nodes = fresh;
            }
        }
        self.ends.insert(node);
    }
}

/// What one class of removals took, in tokens.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct ClassTokens {
    /// Documents with at least one removal of the class.
    pub docs: usize,
    /// Tokens of the removed pieces.
    pub removed: u64,
    /// Of those, tokens the gold drops too (matched against the document's non-gold bag N, piece by
    /// piece in document order, each token of N used once).
    pub non_gold: u64,
}

impl ClassTokens {
    /// Removed tokens that the gold keeps (content the class cost, as far as bags can tell).
    pub fn gold(&self) -> u64 {
        self.removed - self.non_gold
    }

    fn add(&mut self, other: ClassTokens) {
        self.docs += other.docs;
        self.removed += other.removed;
        self.non_gold += other.non_gold;
    }
}

/// Tokens removed per class in one document. Generic over whatever classes the removals carry, so a
/// new detector shows up with its share without touching the report.
pub fn removal_tokens(removals: &[Removal], gold: &GoldBags) -> BTreeMap<Class, ClassTokens> {
    let mut noise = gold.noise.clone();
    let mut order: Vec<&Removal> = removals.iter().collect();
    order.sort_by_key(|r| r.char_start);
    let mut out: BTreeMap<Class, ClassTokens> = BTreeMap::new();
    for r in order {
        let entry = out.entry(r.class).or_default();
        entry.docs = 1;
        for t in tokenize(&r.text) {
            entry.removed += 1;
            if noise.take(&t) {
                entry.non_gold += 1;
            }
        }
    }
    out
}

/// One scored document of a gold set.
#[derive(Debug, Clone, Serialize)]
pub struct ScoredDoc {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dataset: Option<String>,
    pub injected: bool,
    pub noise_share: f64,
    #[serde(flatten)]
    pub metrics: DocMetrics,
    /// Empty for a `--system` command (it does not say what it removed).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub by_class: BTreeMap<Class, ClassTokens>,
}

/// Scores one document of a gold set. `removals` (the cleaner's own list) gives the by-class
/// figures; a `--system` command has none.
pub fn score_record(
    record: &GoldRecord,
    gold: &GoldBags,
    output: &str,
    removals: Option<&[Removal]>,
) -> ScoredDoc {
    ScoredDoc {
        id: record.name.clone(),
        dataset: record.dataset.clone(),
        injected: record.injected,
        noise_share: gold.noise_share,
        metrics: doc_metrics(output, gold),
        by_class: removals
            .map(|r| removal_tokens(r, gold))
            .unwrap_or_default(),
    }
}

/// A mean and its standard error, as score.py's `mean_se` computes them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct MeanSe {
    pub mean: f64,
    pub se: f64,
}

pub fn mean_se(values: impl IntoIterator<Item = Option<f64>>) -> Option<MeanSe> {
    let vals: Vec<f64> = values.into_iter().flatten().collect();
    if vals.is_empty() {
        return None;
    }
    let n = vals.len() as f64;
    // Summed left to right like Python's `sum` (3.11): the same rounding as score.py.
    let mean = vals.iter().fold(0.0, |acc, v| acc + v) / n;
    if vals.len() < 2 {
        return Some(MeanSe { mean, se: 0.0 });
    }
    let var = vals.iter().fold(0.0, |acc, v| acc + (v - mean).powi(2)) / (n - 1.0);
    Some(MeanSe {
        mean,
        se: (var / n).sqrt(),
    })
}

/// The averages over a group of documents.
#[derive(Debug, Clone, PartialEq)]
pub struct Aggregate {
    pub docs: usize,
    pub values: BTreeMap<Metric, MeanSe>,
}

impl Aggregate {
    pub fn of<'a>(docs: impl IntoIterator<Item = &'a DocMetrics> + Clone) -> Aggregate {
        Aggregate {
            docs: docs.clone().into_iter().count(),
            values: Metric::ALL
                .into_iter()
                .filter_map(|m| mean_se(docs.clone().into_iter().map(|d| d.get(m))).map(|v| (m, v)))
                .collect(),
        }
    }

    pub fn mean(&self, m: Metric) -> Option<f64> {
        self.values.get(&m).map(|v| v.mean)
    }

    pub fn se(&self, m: Metric) -> Option<f64> {
        self.values.get(&m).map(|v| v.se)
    }

    /// score.py's JSON: `docs`, then each key and `<key>_se` (null when no document has it).
    pub fn to_json(&self) -> serde_json::Value {
        let mut map = serde_json::Map::new();
        map.insert("docs".into(), self.docs.into());
        for m in Metric::ALL {
            map.insert(m.key().into(), self.mean(m).into());
            map.insert(format!("{}_se", m.key()), self.se(m).into());
        }
        map.into()
    }
}

/// Everything `paraclean eval` reports on a gold set.
#[derive(Debug, Clone)]
pub struct TokenReport {
    pub min_noise: f64,
    /// Documents scored as an empty output because the predictions had no text for them.
    pub missing: usize,
    pub all: Aggregate,
    /// The documents with injected repeats, when the set has any.
    pub injected_only: Option<Aggregate>,
    /// Per `dataset` field; documents without one under `-`.
    pub by_dataset: BTreeMap<String, Aggregate>,
    /// Removals by class, over all documents (empty for a `--system` command).
    pub by_class: BTreeMap<Class, ClassTokens>,
}

pub fn report(docs: &[ScoredDoc], min_noise: f64) -> TokenReport {
    let injected: Vec<&DocMetrics> = docs
        .iter()
        .filter(|d| d.injected)
        .map(|d| &d.metrics)
        .collect();
    let mut groups: BTreeMap<String, Vec<&DocMetrics>> = BTreeMap::new();
    let mut by_class: BTreeMap<Class, ClassTokens> = BTreeMap::new();
    for d in docs {
        let key = d.dataset.clone().unwrap_or_else(|| "-".into());
        groups.entry(key).or_default().push(&d.metrics);
        for (class, t) in &d.by_class {
            by_class.entry(*class).or_default().add(*t);
        }
    }
    TokenReport {
        min_noise,
        missing: 0,
        all: Aggregate::of(docs.iter().map(|d| &d.metrics)),
        injected_only: (!injected.is_empty()).then(|| Aggregate::of(injected.iter().copied())),
        by_dataset: groups
            .into_iter()
            .map(|(k, v)| (k, Aggregate::of(v.iter().copied())))
            .collect(),
        by_class,
    }
}

impl TokenReport {
    /// score.py's `--json` layout (`kind`, `missing`, `min_noise`, `all`, `injected_only`,
    /// `by_dataset`), plus `by_class`.
    pub fn to_json(&self) -> serde_json::Value {
        let mut map = serde_json::Map::new();
        map.insert("kind".into(), "gold".into());
        map.insert("missing".into(), self.missing.into());
        map.insert("min_noise".into(), self.min_noise.into());
        map.insert("all".into(), self.all.to_json());
        if let Some(a) = &self.injected_only {
            map.insert("injected_only".into(), a.to_json());
        }
        map.insert(
            "by_dataset".into(),
            self.by_dataset
                .iter()
                .map(|(k, a)| (k.clone(), a.to_json()))
                .collect::<serde_json::Map<_, _>>()
                .into(),
        );
        map.insert(
            "by_class".into(),
            serde_json::to_value(&self.by_class).expect("plain data"),
        );
        map.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metrics_of_a_small_document() {
        let gold = GoldBags::new("Menu\nThe cat sat.\nThe cat sat.\nShare", "The cat sat.");
        assert_eq!((gold.noise.size(), gold.available.size()), (5, 3));
        let m = doc_metrics("The cat sat.\nShare", &gold);
        assert_eq!((m.precision, m.recall), (0.75, 1.0));
        assert!((m.f1 - 6.0 / 7.0).abs() < 1e-12);
        assert_eq!(m.boilerplate_removed, Some(0.8));
        assert_eq!(m.content_kept, Some(1.0));
        let empty = doc_metrics("", &gold);
        assert_eq!(
            (empty.precision, empty.recall, empty.f1, empty.empty),
            (0.0, 0.0, 0.0, 1.0)
        );
    }

    #[test]
    fn near_duplicates_count_prefixes_of_five_tokens() {
        let (exact, near) = dup_metrics("a b c d e f\na  b c d e f\n*\na b c d e\na b c d\nx\nx");
        // `*` has no token; of the six paragraphs left two are exact copies (`a  b…` collapses, `x`).
        assert_eq!(exact, 2.0 / 6.0);
        // near: the collapsed copy, `a b c d e` (a prefix of 5), the second `x`; `a b c d` is too short.
        assert_eq!(near, 3.0 / 6.0);
    }

    #[test]
    fn mean_and_standard_error() {
        let v = mean_se([Some(1.0), None, Some(3.0)]).unwrap();
        assert_eq!((v.mean, v.se), (2.0, 1.0));
        assert_eq!(mean_se([Some(0.5)]).unwrap().se, 0.0);
        assert!(mean_se([None]).is_none());
    }
}
