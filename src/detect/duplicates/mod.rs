//! Repeated blocks inside one document: the copies that scraping makes go, the repetition that
//! authors write stays, and the report says which is which and why.
//!
//! One pass over the blocks in document order, linear in their number:
//! 1. [`candidates`]: each block is paired with at most one earlier block still standing that it
//!    repeats — the nearest one with the same dup key, else the best verified near copy from an
//!    inverted index of content-sampled char 4-grams ([`verify`]: `…` teasers, copies with a sentence
//!    dropped, near-equal copies by bit-parallel edit distance, [`levenshtein`]). Short blocks are
//!    also compared with the block right before them.
//! 2. [`decide`]: the pair is widened to its run (the blocks around it that repeat at the same
//!    distance) and judged from position, neighbours, length and shape. Artifacts: copies with
//!    nothing between them, a copy just before a heading whose twin stands under it, a caption that
//!    repeats a paragraph, a block from the top of the page captured again further down, and any
//!    other lone copy of a paragraph. Natural repetition: short lines (headings, labels, table
//!    headers) unless one of the first two shapes shows them to be artifacts, quoted text (after a
//!    post header or `X wrote:`, in quotation marks its twin lacks, or a sentence from inside its
//!    twin), fields of records of the same form, table-of-contents entries repeated as their
//!    section's heading, signatures closing posts, and text that recurs three times or more.
//!
//! Every removal carries its [`DupContext`], every repeat kept its [`KeepReason`].

mod candidates;
mod decide;
mod levenshtein;
mod shape;
mod verify;

pub use levenshtein::{distance as levenshtein_distance, similarity as levenshtein_similarity};

use candidates::{shingles, Index};
use decide::{Decision, Run, Seen, Side, View};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use shape::{attribution, Block};
use verify::{verify, Sentences, Verified};

/// Duplicate detection settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DupConfig {
    pub enabled: bool,
    /// Blocks with fewer letters/digits than this are short: they go only as a stutter (a copy with
    /// nothing between it and its twin), before a heading, or inside a removed run.
    pub min_chars: usize,
    /// A `…` teaser needs at least this many letters/digits to be matched with small differences.
    pub teaser_min_chars: usize,
    /// Normalized Levenshtein similarity for near-equal copies.
    pub near_similarity: f64,
    /// Candidates verified per block, at most.
    pub max_candidates: usize,
    /// Blocks remembered per shingle, at most; a full list is not read.
    pub posting_cap: usize,
    /// Longer blocks are compared by shingle overlap instead of edit distance.
    pub verify_max_chars: usize,
    /// A copy of one of the first this many blocks (lead, summary box, pinned post) further down
    /// goes even where it would look like a quotation or a recurring line.
    pub lead_blocks: usize,
    /// A short copy with nothing between it and its twin goes from this many letters/digits on
    /// (below, `N/A`-like cells and interjections stay).
    pub short_adjacent_min_chars: usize,
    /// A short sentence repeated with one block between it and its twin goes from this many
    /// letters/digits on.
    pub short_sentence_min_chars: usize,
    /// Text that stands this many times or more (a stack of adjacent copies counting once) is a
    /// label, a signature or a standard line: its copies stay unless they stutter.
    pub recurring_min: usize,
}

impl Default for DupConfig {
    fn default() -> Self {
        DupConfig {
            enabled: true,
            min_chars: 50,
            teaser_min_chars: 20,
            near_similarity: 0.97,
            max_candidates: 4,
            posting_cap: 64,
            verify_max_chars: 3000,
            lead_blocks: 6,
            short_adjacent_min_chars: 10,
            short_sentence_min_chars: 20,
            recurring_min: 3,
        }
    }
}

/// How a removed block repeats the kept one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DupKind {
    /// Same letters and digits.
    Exact,
    /// Edit-distance similarity above the threshold.
    Near,
    /// A truncated `…` copy of the start of the kept block.
    Teaser,
    /// Every sentence of the removed block is in the kept block, which has more.
    Contained,
    /// A short block repeated together with its neighbours.
    Run,
}

/// Why a copy is an artifact: where it stands relative to its twin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum DupContext {
    /// Nothing stands between the two copies (or their runs).
    Adjacent,
    /// The copy stands just before a heading and its twin just under it: the one under the
    /// heading stays.
    BeforeHeading,
    /// A short sentence repeated with a single block between the two copies.
    OneApart,
    /// A photo caption repeating a paragraph: the caption copy goes.
    Caption,
    /// A block from the top of the page (lead, summary box, pinned post) captured again.
    Lead,
    /// A lone copy of a paragraph further away, with nothing that marks it as a quotation or a
    /// recurring line.
    #[default]
    Isolated,
}

impl DupContext {
    pub fn explain(self) -> &'static str {
        match self {
            DupContext::Adjacent => "nothing stands between the two copies",
            DupContext::BeforeHeading => "it stands just before a heading, its twin just under it",
            DupContext::OneApart => "a short sentence repeated one block away",
            DupContext::Caption => "a caption repeating the text",
            DupContext::Lead => "the top of the page captured again",
            DupContext::Isolated => "a lone copy, not marked as a quotation or a recurring line",
        }
    }
}

/// Why a repeat stays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum KeepReason {
    /// A short line (heading, label, table header, name) repeated away from its twin.
    Short,
    /// A short line repeated three times or more in a stack or alternation: a refrain, a chant.
    Refrain,
    /// Quoted text in a reply: right after a post header or `X wrote:`.
    Quoted,
    /// Both copies close a post (each is followed by its own post header): a signature.
    BetweenPosts,
    /// The text stands three times or more: a label, a standard line, a signature.
    Recurring,
    /// Both copies are fields of a record (`Label: value` among other fields): a catalogue
    /// names the same author or sponsor under several entries.
    Record,
    /// An entry of a table of contents that comes back as its section's heading.
    Contents,
}

impl KeepReason {
    pub fn explain(self) -> &'static str {
        match self {
            KeepReason::Short => "a short line repeated away from its twin (heading, label, name)",
            KeepReason::Refrain => "a short line repeated three times or more: a refrain",
            KeepReason::Quoted => "quoted text: right after a post header or `… wrote:`",
            KeepReason::BetweenPosts => "both copies close a post: a signature",
            KeepReason::Recurring => {
                "the text stands three times or more: a label or standard line"
            }
            KeepReason::Record => "a field of a record, among other `Label: value` fields",
            KeepReason::Contents => "a table-of-contents entry repeated as its section's heading",
        }
    }
}

/// One block handed to the detector: what is left of it after the rule cuts, and whether the rules
/// found a photo credit or caption in it.
#[derive(Debug, Clone, Copy)]
pub struct DupBlock<'a> {
    pub text: &'a str,
    pub caption: bool,
    /// The rules removed a separator line (`━━━`, `* * *`) just before it.
    pub after_separator: bool,
}

impl<'a> From<&'a str> for DupBlock<'a> {
    fn from(text: &'a str) -> Self {
        DupBlock {
            text,
            caption: false,
            after_separator: false,
        }
    }
}

/// One removed copy: the block is dropped as a repeat of block `of`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DupHit {
    pub of: usize,
    pub kind: DupKind,
    pub score: f64,
    pub context: DupContext,
}

/// One repeat that stays: block `block` repeats block `of`, both stay.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Kept {
    pub block: usize,
    pub of: usize,
    pub kind: DupKind,
    pub why: KeepReason,
}

/// A repeat that stays, by line, as reported (see [`crate::Cleaned::repeats_kept`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RepeatKept {
    pub line: usize,
    pub of_line: usize,
    pub kind: DupKind,
    pub why: KeepReason,
}

/// Work counters, for tests that bound the cost of pathological documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DupWork {
    pub blocks: usize,
    pub postings_scanned: usize,
    pub verifications: usize,
    /// Edit-distance work in 64-row words times columns (the bit-parallel algorithm's unit).
    pub edit_distance_cells: usize,
    /// Steps taken widening pairs to runs.
    pub run_steps: usize,
}

/// Everything the detector found in one document.
#[derive(Debug, Clone, Default)]
pub struct Dups {
    /// Per block, the hit that removes it.
    pub hits: Vec<Option<DupHit>>,
    /// Repeats that stay, in document order.
    pub kept: Vec<Kept>,
    pub work: DupWork,
}

/// Finds repeated blocks among `texts` (the kept text of each block, in order). Returns, per block,
/// the hit that removes it.
pub fn find_duplicates(texts: &[&str], cfg: &DupConfig) -> (Vec<Option<DupHit>>, DupWork) {
    let blocks: Vec<DupBlock> = texts.iter().map(|&t| DupBlock::from(t)).collect();
    let dups = detect(&blocks, cfg);
    (dups.hits, dups.work)
}

/// Finds repeated blocks and decides, for each repeat, whether it goes or stays.
///
/// A removal can put two blocks next to each other that were not (`P`, `X`, heading, `P` once the
/// copy `X` goes): the pass runs again on what stands, at most eight times, until it removes
/// nothing more, so that cleaning clean text changes nothing. Documents without repeats read once.
pub fn detect(input: &[DupBlock], cfg: &DupConfig) -> Dups {
    let n = input.len();
    let mut dups = Dups {
        hits: vec![None; n],
        kept: Vec::new(),
        work: DupWork {
            blocks: n,
            ..DupWork::default()
        },
    };
    if !cfg.enabled || n < 2 {
        return dups;
    }
    // Every block's key and shape, once per document: the rounds below only re-mark separators.
    let mut key_chars: Vec<char> = Vec::with_capacity(input.iter().map(|b| b.text.len()).sum());
    let mut key_ends: Vec<usize> = Vec::with_capacity(n);
    for b in input {
        crate::normalize::dup_key_into(b.text, &mut key_chars);
        key_ends.push(key_chars.len());
    }
    let shapes: Vec<Block> = input
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let start = if i == 0 { 0 } else { key_ends[i - 1] };
            Block::new(b.text, &key_chars[start..key_ends[i]], b.caption)
        })
        .collect();
    let mut alive: Vec<usize> = (0..n).collect();
    for _ in 0..8 {
        let blocks: Vec<Block> = alive
            .iter()
            .enumerate()
            .map(|(k, &i)| {
                let mut block = shapes[i];
                // A separator line (no letters or digits) before it, removed by the rules or not.
                let separator = input[i].after_separator
                    || (k > 0 && {
                        let prev = alive[k - 1];
                        shapes[prev].key.is_empty() && !input[prev].text.trim().is_empty()
                    });
                if separator {
                    block.after_separator();
                }
                block
            })
            .collect();
        let mut round = Dups {
            hits: vec![None; alive.len()],
            ..Dups::default()
        };
        let mut pass = Pass::new(&blocks, cfg);
        for k in 0..blocks.len() {
            pass.read(k, &mut round);
        }
        let w = round.work;
        dups.work.postings_scanned += w.postings_scanned;
        dups.work.verifications += w.verifications;
        dups.work.edit_distance_cells += w.edit_distance_cells;
        dups.work.run_steps += w.run_steps;
        let removed_any = round.hits.iter().any(Option::is_some);
        for (j, hit) in round.hits.into_iter().enumerate() {
            if let Some(mut hit) = hit {
                hit.of = alive[hit.of];
                dups.hits[alive[j]] = Some(hit);
            }
        }
        dups.kept = round
            .kept
            .into_iter()
            .map(|k| Kept {
                block: alive[k.block],
                of: alive[k.of],
                ..k
            })
            .collect();
        if !removed_any {
            break;
        }
        alive.retain(|&i| dups.hits[i].is_none());
    }
    resolve_chains(&mut dups.hits);
    dups.kept.sort_by_key(|kept| kept.block);
    dups.kept.dedup_by_key(|kept| kept.block);
    dups.kept.retain(|kept| dups.hits[kept.block].is_none());
    dups
}

/// The state of the pass over the blocks, in document order: every block is paired with the
/// earlier block it repeats (among those still standing) and the pair decided at once, so that
/// later blocks see the document as cleaning leaves it.
struct Pass<'b, 'a> {
    blocks: &'b [Block<'a>],
    cfg: &'b DupConfig,
    view: View<'b, 'a>,
    /// Per block, the id of its key; per key, how often and where it stands.
    key_ids: Vec<u32>,
    keys: Vec<KeyStats>,
    /// Blocks of a run already judged as a whole (kept): not judged again one by one.
    judged: Vec<bool>,
    index: Index,
    sentences: Sentences,
    /// Blocks standing so far.
    standing: usize,
    /// Steps left for widening pairs to runs, over the whole document.
    run_budget: usize,
}

impl<'b, 'a> Pass<'b, 'a> {
    fn new(blocks: &'b [Block<'a>], cfg: &'b DupConfig) -> Self {
        let n = blocks.len();
        let (key_ids, keys) = count_keys(blocks);
        Pass {
            blocks,
            cfg,
            view: View::new(blocks, cfg),
            key_ids,
            keys,
            judged: vec![false; n],
            index: Index::new(n, cfg, shingles_hint(blocks, cfg)),
            sentences: Sentences::new(n),
            standing: 0,
            run_budget: 8 * n + 64,
        }
    }

    /// Reads block `k`: pairs it, decides the pair, and files it for the blocks after it.
    fn read(&mut self, k: usize, dups: &mut Dups) {
        let key = self.blocks[k].key;
        if key.is_empty() {
            return;
        }
        self.view.in_lead[k] = self.standing < self.cfg.lead_blocks;
        let indexable =
            self.view.long(k) || (self.blocks[k].teaser && key.len() >= SHORT_TEASER_INDEX_CHARS);
        let own_shingles = if indexable { shingles(key) } else { Vec::new() };
        if !self.view.gone[k] && !self.judged[k] {
            if let Some((a, found)) = self.partner(k, &own_shingles, &mut dups.work) {
                let run = self.view.run(a, k, &mut self.run_budget, &mut dups.work);
                let stats = &self.keys[self.key_ids[k] as usize];
                let seen = Seen {
                    sites: stats.sites,
                    copies: stats.copies,
                    first: stats.first.unwrap_or(a),
                };
                match self.view.decide(a, k, found, run, seen) {
                    Decision::Remove(side, context) => {
                        self.remove(a, k, found, run, side, context, dups)
                    }
                    Decision::Keep(why) => self.keep(a, k, found, run, why, dups),
                }
            }
        }
        if !self.view.gone[k] {
            let stats = &mut self.keys[self.key_ids[k] as usize];
            stats.last = Some(k);
            stats.first.get_or_insert(k);
            self.standing += 1;
            if indexable {
                self.index.insert(k, own_shingles);
            }
        }
    }

    /// The earlier standing block that `k` repeats, if any: the last one with the same key, else a
    /// close neighbour it shortens (for short blocks), else a verified candidate from the index.
    fn partner(
        &mut self,
        k: usize,
        own_shingles: &[u64],
        work: &mut DupWork,
    ) -> Option<(usize, Verified)> {
        let blocks = self.blocks;
        if let Some(a) = self.keys[self.key_ids[k] as usize].last {
            let exact = Verified {
                kind: DupKind::Exact,
                score: 1.0,
                shorter: None,
            };
            return Some((a, exact));
        }
        let previous = self.view.before(k);
        let close = [previous, previous.and_then(|p| self.view.before(p))];
        let long = self.view.long(k);
        // Short blocks are compared with their close neighbours only (a stuttered teaser, a copy
        // with a sentence dropped one block away); long ones find those in the index.
        for p in close.into_iter().flatten() {
            if (long && self.view.long(p)) || !verify::worth_comparing_close(blocks, p, k) {
                continue;
            }
            let found = verify(blocks, p, k, 0.0, true, self.cfg, &mut self.sentences, work);
            if found.is_some() {
                return found.map(|v| (p, v));
            }
        }
        if own_shingles.is_empty() {
            return None;
        }
        let gone = &self.view.gone;
        let candidates = self.index.candidates(own_shingles, |o| !gone[o], work);
        for (other, overlap) in candidates.into_iter().take(self.cfg.max_candidates) {
            let is_close = close.contains(&Some(other));
            let cfg = self.cfg;
            if let Some(v) = verify(
                blocks,
                other,
                k,
                overlap,
                is_close,
                cfg,
                &mut self.sentences,
                work,
            ) {
                return Some((other, v));
            }
        }
        None
    }

    /// Removes one side of the run; each removed block points at its twin on the other side.
    #[allow(clippy::too_many_arguments)]
    fn remove(
        &mut self,
        a: usize,
        k: usize,
        found: Verified,
        run: Run,
        side: Side,
        context: DupContext,
        dups: &mut Dups,
    ) {
        let distance = k - a;
        let removed: Vec<(usize, usize)> = match side {
            Side::Later => (run.b0..=run.b1).map(|i| (i, i - distance)).collect(),
            Side::Earlier => (run.a0..=run.a1).map(|i| (i, i + distance)).collect(),
        };
        // A short block that goes with a longer run goes as part of it.
        let single = run.b0 == run.b1;
        for (i, twin) in removed {
            if self.view.gone[i] {
                continue;
            }
            let seed = i == k || i == a;
            let (kind, score) =
                if seed && (found.kind != DupKind::Exact || self.view.long(i) || single) {
                    (found.kind, found.score)
                } else if self.view.long(i) {
                    (DupKind::Exact, 1.0)
                } else {
                    (DupKind::Run, 1.0)
                };
            self.view.gone[i] = true;
            dups.hits[i] = Some(DupHit {
                of: twin,
                kind,
                score,
                context,
            });
            // The twin is now the copy that stands (a later twin is filed when it is read).
            let stats = &mut self.keys[self.key_ids[i] as usize];
            if stats.last == Some(i) && twin < k {
                stats.last = Some(twin);
            }
            if i < k {
                self.standing -= 1;
            }
        }
    }

    /// Keeps both sides of the run, records why, and spares the run's later blocks a second look.
    fn keep(
        &mut self,
        a: usize,
        k: usize,
        found: Verified,
        run: Run,
        why: KeepReason,
        dups: &mut Dups,
    ) {
        for i in run.b0..=run.b1 {
            self.judged[i] = true;
            if i == k || self.blocks[i].key.len() >= self.cfg.short_adjacent_min_chars {
                dups.kept.push(Kept {
                    block: i,
                    of: i - (k - a),
                    kind: if i == k { found.kind } else { DupKind::Exact },
                    why,
                });
            }
        }
    }
}

/// About how many sampled 4-grams the index will hold (a quarter of the long blocks' key chars):
/// the posting table is sized once instead of growing (its order is never read).
fn shingles_hint(blocks: &[Block], cfg: &DupConfig) -> usize {
    let chars: usize = blocks
        .iter()
        .filter(|b| b.key.len() >= cfg.min_chars)
        .map(|b| b.key.len())
        .sum();
    chars / 4
}

/// A teaser this long (key chars) is indexed, so that its paragraph finds it later.
const SHORT_TEASER_INDEX_CHARS: usize = 12;

/// How often and where one key stands.
#[derive(Debug, Clone, Copy, Default)]
struct KeyStats {
    /// See [`Seen::sites`].
    sites: usize,
    copies: usize,
    /// The first and the last block with this key still standing, as the pass has read so far.
    first: Option<usize>,
    last: Option<usize>,
}

/// Numbers the keys (one hash per block; the pass then indexes vectors) and counts them.
fn count_keys(blocks: &[Block]) -> (Vec<u32>, Vec<KeyStats>) {
    let mut ids: FxHashMap<HashedKey, u32> = FxHashMap::default();
    ids.reserve(blocks.len());
    let mut key_ids = vec![u32::MAX; blocks.len()];
    let mut keys: Vec<KeyStats> = Vec::new();
    let live: Vec<usize> = (0..blocks.len())
        .filter(|&i| !blocks[i].key.is_empty())
        .collect();
    for &i in &live {
        let next = keys.len() as u32;
        let key = HashedKey {
            hash: blocks[i].key_hash,
            key: blocks[i].key,
        };
        let id = *ids.entry(key).or_insert(next);
        if id == next {
            keys.push(KeyStats::default());
        }
        key_ids[i] = id;
    }
    for (j, &i) in live.iter().enumerate() {
        let id = key_ids[i];
        let stats = &mut keys[id as usize];
        stats.copies += 1;
        let stutter = j > 0 && key_ids[live[j - 1]] == id;
        let before_heading = j + 2 < live.len()
            && key_ids[live[j + 2]] == id
            && blocks[live[j + 1]].heading_like
            && !attribution(blocks[live[j + 1]].text).any();
        if !stutter && !before_heading {
            stats.sites += 1;
        }
    }
    (key_ids, keys)
}

/// A key in the key table: hashed by its precomputed hash, compared char by char.
#[derive(PartialEq, Eq)]
struct HashedKey<'a> {
    hash: u64,
    key: &'a [char],
}

impl std::hash::Hash for HashedKey<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write_u64(self.hash);
    }
}

/// A removed block that points at another removed block points at what that one kept instead.
fn resolve_chains(hits: &mut [Option<DupHit>]) {
    for i in 0..hits.len() {
        let Some(mut hit) = hits[i] else { continue };
        let mut steps = 0;
        while let Some(next) = hits[hit.of] {
            if next.of == i || steps > hits.len() {
                break;
            }
            hit.of = next.of;
            steps += 1;
        }
        hits[i] = Some(hit);
    }
}

/// Key chars under which a line cut by a credit or caption rule counts as a caption (a paragraph
/// with a credit glued inside is not one).
const CAPTION_MAX_CHARS: usize = 200;

/// Marks the blocks that repeat another block still standing (after the rule cuts) as duplicates,
/// and returns the repeats that stay, by line, for the report.
pub fn mark(
    seg: &crate::segment::Segmented,
    plans: &mut [crate::assemble::BlockPlan],
    cfg: &DupConfig,
) -> (DupWork, Vec<RepeatKept>) {
    mark_with(seg, plans, cfg, &mut LastRound::default())
}

/// The input and result of the last [`mark_with`] on one document (the cleaner runs up to three
/// rounds per document, and most later rounds hand the detector the same blocks again).
#[derive(Debug, Default)]
pub struct LastRound {
    /// The blocks handed to [`detect`]: their plan indices, texts (one buffer, with ends) and flags.
    live: Vec<usize>,
    text: String,
    ends: Vec<usize>,
    flags: Vec<(bool, bool)>,
    /// `None` until a round has run.
    dups: Option<Dups>,
}

impl LastRound {
    fn same(&self, live: &[usize], blocks: &[DupBlock]) -> bool {
        self.dups.is_some()
            && self.live == live
            && blocks.iter().enumerate().all(|(j, b)| {
                let start = if j == 0 { 0 } else { self.ends[j - 1] };
                self.flags[j] == (b.caption, b.after_separator)
                    && &self.text[start..self.ends[j]] == b.text
            })
    }

    fn store(&mut self, live: &[usize], blocks: &[DupBlock], dups: &Dups) {
        self.live.clear();
        self.live.extend_from_slice(live);
        self.text.clear();
        self.ends.clear();
        self.flags.clear();
        for b in blocks {
            self.text.push_str(b.text);
            self.ends.push(self.text.len());
            self.flags.push((b.caption, b.after_separator));
        }
        self.dups = Some(dups.clone());
    }
}

/// [`mark`], reusing `last`'s result when the blocks are those of the last round on the same
/// document (same segmentation and settings): [`detect`] is a function of the blocks and the
/// settings alone, and the marks below of its result and the line numbers, so the round's marks
/// and repeats are those of the last round. The work counters then count no work.
pub fn mark_with(
    seg: &crate::segment::Segmented,
    plans: &mut [crate::assemble::BlockPlan],
    cfg: &DupConfig,
    last: &mut LastRound,
) -> (DupWork, Vec<RepeatKept>) {
    use crate::assemble::WholeBlock;
    use crate::class::Class;
    use crate::report::Reason;
    let live: Vec<usize> = (0..plans.len()).filter(|&i| plans[i].kept()).collect();
    let blocks: Vec<DupBlock> = live
        .iter()
        .map(|&i| {
            let plan = &plans[i];
            let credit_cut = plan
                .cuts
                .iter()
                .any(|(_, class, _)| matches!(class, Class::Credit | Class::Caption));
            let after_separator = i > 0 && {
                let prev = &plans[i - 1];
                !prev.kept()
                    && (prev
                        .cuts
                        .iter()
                        .any(|(_, class, _)| *class == Class::Separator)
                        || prev
                            .whole
                            .as_ref()
                            .is_some_and(|w| w.class == Class::Separator))
            };
            DupBlock {
                text: plan.rest.as_ref(),
                caption: credit_cut && plan.rest.chars().count() < CAPTION_MAX_CHARS,
                after_separator,
            }
        })
        .collect();
    let dups = if last.same(&live, &blocks) {
        let mut dups = last.dups.clone().expect("a last round");
        dups.work = DupWork {
            blocks: blocks.len(),
            ..DupWork::default()
        };
        dups
    } else {
        let dups = detect(&blocks, cfg);
        last.store(&live, &blocks, &dups);
        dups
    };
    let line = |j: usize| seg.blocks[live[j]].line;
    let kept = dups
        .kept
        .iter()
        .map(|k| RepeatKept {
            line: line(k.block),
            of_line: line(k.of),
            kind: k.kind,
            why: k.why,
        })
        .collect();
    for (j, hit) in dups.hits.into_iter().enumerate() {
        let Some(h) = hit else { continue };
        plans[live[j]].whole = Some(WholeBlock {
            class: Class::Duplicate,
            reason: Reason::Duplicate {
                kind: h.kind,
                of_line: line(h.of),
                score: (h.score * 1000.0).round() / 1000.0,
                context: h.context,
            },
        });
    }
    (dups.work, kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    const P1: &str = "SKT는 지난 12일(현지시간) 미국 실리콘밸리에서 얼라이언스 연례 행사인 ‘유나이트 2024’를 개최했다고 14일 밝혔다. 이날 행사엔 총 15개 기업이 참여했다.";
    const P2: &str = "인재 확보에도 공을 들이고 있다. 13일 실리콘밸리에서 열린 행사에서는 미국 현지 기업에서 일하는 AI 분야 우수 인재들을 대거 초청해 성장 계획을 공유했다.";

    #[test]
    fn last_round_is_reused_only_for_the_same_blocks() {
        let texts = [P1.to_string(), P2.to_string(), P1.to_string()];
        let blocks: Vec<DupBlock> = texts.iter().map(|t| DupBlock::from(t.as_str())).collect();
        let live = [0, 2, 3];
        let mut last = LastRound::default();
        assert!(!last.same(&live, &blocks), "nothing stored yet");
        let dups = detect(&blocks, &DupConfig::default());
        last.store(&live, &blocks, &dups);
        // Equal texts in other buffers are the same blocks.
        let copies: Vec<String> = texts.to_vec();
        let again: Vec<DupBlock> = copies.iter().map(|t| DupBlock::from(t.as_str())).collect();
        assert!(last.same(&live, &again));
        let stored = last.dups.as_ref().expect("stored");
        assert_eq!(stored.hits, dups.hits);
        assert_eq!(stored.kept, dups.kept);
        // Another block set, other plan indices, another text or another flag: not the same.
        assert!(!last.same(&live[..2], &again[..2]));
        assert!(!last.same(&[0, 1, 3], &again));
        let edited = format!("{P2}.");
        let mut other = again.clone();
        other[1] = DupBlock::from(edited.as_str());
        assert!(!last.same(&live, &other));
        let mut flagged = again.clone();
        flagged[2].caption = true;
        assert!(!last.same(&live, &flagged));
        let mut separated = again.clone();
        separated[0].after_separator = true;
        assert!(!last.same(&live, &separated));
        // Blocks whose texts join to the same buffer but split elsewhere differ too.
        let (a, b) = P1.split_at(10);
        let resplit = [a, b, P2, P1];
        let resplit: Vec<DupBlock> = resplit.iter().map(|&t| DupBlock::from(t)).collect();
        assert!(!last.same(&[0, 2, 3, 4], &resplit));
    }

    fn removed(texts: &[&str]) -> Vec<Option<(usize, DupKind)>> {
        find_duplicates(texts, &DupConfig::default())
            .0
            .into_iter()
            .map(|h| h.map(|h| (h.of, h.kind)))
            .collect()
    }

    #[test]
    fn exact_copy_later_goes() {
        assert_eq!(
            removed(&[P1, P2, P1]),
            [None, None, Some((0, DupKind::Exact))]
        );
    }

    #[test]
    fn copy_before_heading_goes() {
        assert_eq!(
            removed(&[P2, P1, "백그라운드", P1]),
            [None, Some((3, DupKind::Exact)), None, None]
        );
    }

    #[test]
    fn whitespace_and_quote_variants_are_exact_by_key() {
        let variant = P1.replace(['‘', '’'], "'").replace(' ', "  ");
        assert_eq!(removed(&[P1, P2, &variant])[2], Some((0, DupKind::Exact)));
    }

    #[test]
    fn teaser_goes_even_when_first() {
        let teaser = format!("{}…", P1.chars().take(40).collect::<String>());
        assert_eq!(
            removed(&[&teaser, P2, P1]),
            [Some((2, DupKind::Teaser)), None, None]
        );
    }

    #[test]
    fn near_copy_with_small_edits() {
        let edited = P1.replace("참여했다", "참가했다");
        assert_eq!(
            removed(&[P1, P2, &edited])[2].map(|h| h.1),
            Some(DupKind::Near)
        );
    }

    #[test]
    fn near_copy_of_a_paragraph_kept_under_a_heading_goes() {
        // Found by fuzzing: the copy under the heading stays, so it must be the one indexed.
        let near = P1.replace("참여했다", "참가했다");
        let got = removed(&[P1, "백그라운드", P1, P2, &near]);
        assert_eq!(got[0], Some((2, DupKind::Exact)));
        assert_eq!(got[4], Some((2, DupKind::Near)));
    }

    #[test]
    fn blocks_differing_in_a_figure_stay() {
        let other = P1.replace("15개", "16개");
        assert_eq!(removed(&[P1, P2, &other])[2], None);
    }

    #[test]
    fn copy_missing_a_sentence_goes() {
        let long = format!("{P1} 행사는 사흘 동안 이어졌으며 참가자들은 큰 관심을 보였다. 내년에도 같은 행사를 열 예정이다.");
        assert_eq!(removed(&[P1, P2, &long])[0], Some((2, DupKind::Contained)));
    }

    #[test]
    fn short_lines_and_refrains_stay() {
        assert_eq!(
            removed(&["아리랑 아리랑 아라리요", P1, "아리랑 아리랑 아라리요"]),
            [None, None, None]
        );
        assert_eq!(removed(&["▲ 홍길동 부장", "▲ 홍길동 부장"]), [None, None]);
    }

    #[test]
    fn repeated_run_takes_its_heading() {
        let got = removed(&["무슨 일이야", P1, P2, "무슨 일이야", P1]);
        assert_eq!(got[3], Some((0, DupKind::Run)));
        assert_eq!(got[4], Some((1, DupKind::Exact)));
    }

    #[test]
    fn work_is_bounded_on_many_near_identical_blocks() {
        let texts: Vec<String> = (0..3000)
            .map(|i| format!("{P1} 번호 {i}번 항목입니다."))
            .collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let cfg = DupConfig::default();
        let (_, work) = find_duplicates(&refs, &cfg);
        // Each block: its candidates from the index, and its two close neighbours.
        assert!(work.verifications <= refs.len() * (cfg.max_candidates + 2));
        let shingles_per_block = 40;
        assert!(work.postings_scanned <= refs.len() * shingles_per_block * cfg.posting_cap);
    }

    #[test]
    fn a_million_short_blocks_cost_no_comparison() {
        let texts: Vec<String> = (0..1_000_000).map(|i| format!("항목 {i}")).collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let (hits, work) = find_duplicates(&refs, &DupConfig::default());
        assert!(hits.iter().all(Option::is_none));
        assert_eq!(work.verifications, 0);
    }
}
