//! Repeated blocks inside one document, found in linear time.
//!
//! 1. **Exact**: blocks whose dup key (letters and digits only) hashes the same.
//! 2. **Near**: candidates come from an inverted index of content-sampled char 4-grams (a posting list
//!    holds at most `posting_cap` blocks and each block checks at most `max_candidates` of them), so
//!    the work per block is bounded whatever the document looks like. Each candidate is verified:
//!    a `…` teaser against the start of the longer block, a copy with a sentence dropped by its
//!    sentences, and a near-equal copy by char-level Levenshtein (`strsim`).
//! 3. **Runs**: short blocks (headings, list items) next to a removed copy go when their neighbours
//!    in the kept copy are the same, so a repeated heading + paragraph goes as one run, while a
//!    refrain of short lines repeated on its own stays.

use crate::normalize::dup_key;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// Duplicate detection settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DupConfig {
    pub enabled: bool,
    /// Blocks with fewer letters/digits than this are never removed as duplicates on their own.
    pub min_chars: usize,
    /// A `…` teaser needs at least this many letters/digits.
    pub teaser_min_chars: usize,
    /// Normalized Levenshtein similarity for near-equal copies.
    pub near_similarity: f64,
    /// Candidates verified per block, at most.
    pub max_candidates: usize,
    /// Blocks remembered per shingle, at most.
    pub posting_cap: usize,
    /// Longer blocks are compared by shingle overlap instead of edit distance.
    pub verify_max_chars: usize,
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

/// One removed copy: `item` is dropped as a repeat of `of`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DupHit {
    pub of: usize,
    pub kind: DupKind,
    pub score: f64,
}

/// Work counters, for tests that bound the cost of pathological documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DupWork {
    pub blocks: usize,
    pub postings_scanned: usize,
    pub verifications: usize,
}

struct Item<'a> {
    text: &'a str,
    key: Vec<char>,
    list_like: bool,
    heading_like: bool,
    teaser: bool,
}

/// Finds repeated blocks among `texts` (the kept text of each block, in order). Returns, per block,
/// the hit that removes it.
pub fn find_duplicates(texts: &[&str], cfg: &DupConfig) -> (Vec<Option<DupHit>>, DupWork) {
    let mut work = DupWork {
        blocks: texts.len(),
        ..Default::default()
    };
    let mut hits: Vec<Option<DupHit>> = vec![None; texts.len()];
    if !cfg.enabled || texts.len() < 2 {
        return (hits, work);
    }
    let items: Vec<Item> = texts.iter().map(|t| Item::new(t)).collect();
    let mut exact: FxHashMap<&[char], usize> = FxHashMap::default();
    let mut postings: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
    let mut shingle_sets: Vec<Vec<u64>> = vec![Vec::new(); items.len()];

    for k in 0..items.len() {
        let item = &items[k];
        if item.key.is_empty() {
            continue;
        }
        // Short blocks may legitimately recur (a transcript's `Objection. Foundation.`, a live
        // blog's standing line, a refrain): alone they are never removed, only within a run.
        let long_enough = item.key.len() >= cfg.min_chars && !item.list_like;
        let mut exact_kept = false;
        if let Some(&first) = exact.get(item.key.as_slice()) {
            if long_enough {
                decide_equal(&items, &mut hits, first, k, DupKind::Exact, 1.0);
                if hits[k].is_some() {
                    continue;
                }
                // The later copy stays (it stands under a heading): index it for near copies below,
                // since the earlier one that is indexed is gone.
                exact_kept = true;
            }
        } else {
            exact.insert(item.key.as_slice(), k);
        }
        let near_eligible = long_enough || (item.teaser && item.key.len() >= cfg.teaser_min_chars);
        if !near_eligible {
            continue;
        }
        let shingles = shingles(&item.key);
        let mut counts: FxHashMap<u32, u32> = FxHashMap::default();
        for h in shingles.iter().filter(|_| !exact_kept) {
            if let Some(list) = postings.get(h) {
                work.postings_scanned += list.len();
                for &other in list {
                    *counts.entry(other).or_default() += 1;
                }
            }
        }
        let mut candidates: Vec<(u32, u32)> = counts
            .into_iter()
            .filter(|&(other, shared)| {
                let smaller = shingles
                    .len()
                    .min(shingle_sets[other as usize].len())
                    .max(1);
                // Copies already removed are no candidates: they would spend the candidate
                // budget on blocks that cannot be kept, and a second run would not see them.
                hits[other as usize].is_none() && shared as usize * 2 >= smaller
            })
            .collect();
        candidates.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        for &(other, shared) in candidates.iter().take(cfg.max_candidates) {
            let other = other as usize;
            work.verifications += 1;
            let overlap =
                shared as f64 / shingles.len().max(shingle_sets[other].len()).max(1) as f64;
            match verify(&items, other, k, overlap, cfg) {
                Some(Verdict::Equal { kind, score }) => {
                    decide_equal(&items, &mut hits, other, k, kind, score)
                }
                Some(Verdict::Shorter {
                    removed,
                    kept,
                    kind,
                    score,
                }) => set_hit(&mut hits, removed, kept, kind, score),
                None => continue,
            }
            break;
        }
        for &h in &shingles {
            let list = postings.entry(h).or_default();
            if list.len() < cfg.posting_cap {
                list.push(k as u32);
            }
        }
        shingle_sets[k] = shingles;
    }
    extend_runs(&items, &mut hits);
    resolve_chains(&mut hits);
    (hits, work)
}

impl<'a> Item<'a> {
    fn new(text: &'a str) -> Self {
        let key = dup_key(text);
        let trimmed = text.trim();
        let last = trimmed.chars().next_back();
        let list_like = is_list_item(trimmed);
        Item {
            heading_like: !list_like
                && key.len() <= 30
                && !matches!(
                    last,
                    Some('.' | '!' | '?' | '。' | '"' | '\'' | '”' | '’' | ')' | ':')
                ),
            teaser: trimmed.ends_with('…')
                || trimmed.ends_with("...")
                || ends_with_char_count(trimmed),
            text,
            key,
            list_like,
        }
    }
}

/// NewsAPI's truncation marker: `… [+6534 chars]`.
fn ends_with_char_count(text: &str) -> bool {
    text.ends_with(" chars]") && text.contains("[+")
}

fn is_list_item(line: &str) -> bool {
    let mut chars = line.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if "-–•·▲△◆◇■□○●*▶▷☞※➤✔✓►◈◎".contains(first) || ('①'..='⑳').contains(&first)
    {
        return true;
    }
    if first.is_ascii_digit() {
        let rest: String = line
            .chars()
            .skip_while(|c| c.is_ascii_digit())
            .take(1)
            .collect();
        return rest == "." || rest == ")";
    }
    false
}

/// Content-sampled char 4-gram hashes of a key: the same text always yields the same samples, so two
/// copies share samples wherever they share text. About one 4-gram in four is kept.
fn shingles(key: &[char]) -> Vec<u64> {
    let mut out: Vec<u64> = key
        .windows(4)
        .map(|w| {
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            for &c in w {
                h = (h ^ c as u64).wrapping_mul(0x0000_0100_0000_01b3);
            }
            h ^ (h >> 29)
        })
        .filter(|h| h % 4 == 0)
        .collect();
    if out.is_empty() && key.len() >= 4 {
        // Very short keys: keep every 4-gram so a short teaser still finds its paragraph.
        out = key
            .windows(4)
            .map(|w| w.iter().fold(0u64, |h, &c| h.rotate_left(21) ^ c as u64))
            .collect();
    }
    out.sort_unstable();
    out.dedup();
    out
}

fn similarity(a: &[char], b: &[char]) -> f64 {
    let (a, b) = (a.to_vec(), b.to_vec());
    let max = a.len().max(b.len());
    if max == 0 {
        return 1.0;
    }
    1.0 - strsim::generic_levenshtein(&a, &b) as f64 / max as f64
}

/// The digit runs of a key, in order.
fn numbers(key: &[char]) -> Vec<&[char]> {
    key.split(|c| !c.is_ascii_digit())
        .filter(|run| !run.is_empty())
        .collect()
}

fn sentence_keys(text: &str) -> Vec<Vec<char>> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (i, &(at, c)) in chars.iter().enumerate() {
        let next = chars.get(i + 1).map(|&(_, n)| n);
        let ends = matches!(c, '.' | '!' | '?' | '。' | '！' | '？')
            && !next.is_some_and(|n| n.is_ascii_digit() || n == '.' || n.is_ascii_lowercase());
        if ends || i + 1 == chars.len() {
            let end = at + c.len_utf8();
            let key = dup_key(&text[start..end]);
            if key.len() >= 5 {
                out.push(key);
            }
            start = end;
        }
    }
    out
}

enum Verdict {
    /// The two copies are the same text (exactly or nearly): one of them goes, see [`decide_equal`].
    Equal { kind: DupKind, score: f64 },
    /// One copy is a shorter form of the other (teaser, dropped sentence): the shorter goes.
    Shorter {
        removed: usize,
        kept: usize,
        kind: DupKind,
        score: f64,
    },
}

/// Checks a candidate pair (`a` earlier, `b` later).
fn verify(items: &[Item], a: usize, b: usize, overlap: f64, cfg: &DupConfig) -> Option<Verdict> {
    let (ka, kb) = (&items[a].key, &items[b].key);
    let (short, long) = if ka.len() <= kb.len() { (a, b) } else { (b, a) };
    let (ks, kl) = (&items[short].key, &items[long].key);

    if items[short].teaser && ks.len() >= cfg.teaser_min_chars && ks.len() < kl.len() {
        let prefix = &kl[..ks.len().min(kl.len())];
        let score = if prefix == ks.as_slice() {
            1.0
        } else if ks.len() <= cfg.verify_max_chars {
            similarity(ks, prefix)
        } else {
            0.0
        };
        if score >= cfg.near_similarity {
            return Some(Verdict::Shorter {
                removed: short,
                kept: long,
                kind: DupKind::Teaser,
                score,
            });
        }
    }
    if ks.len() < cfg.min_chars || items[short].list_like || items[long].list_like {
        return None;
    }
    let ratio = ks.len() as f64 / kl.len() as f64;
    if ratio >= cfg.near_similarity - 0.1 {
        let score = if kl.len() <= cfg.verify_max_chars {
            similarity(ka, kb)
        } else {
            overlap
        };
        // Copies made by scrapers differ in spacing, quotes or a typo, not in their figures: blocks
        // that differ in a number (templated live-blog updates, results) are different facts.
        if score >= cfg.near_similarity && numbers(ka) == numbers(kb) {
            return Some(Verdict::Equal {
                kind: DupKind::Near,
                score,
            });
        }
    }
    // One copy lacks a sentence (or more) of the other: every sentence of the shorter is in the longer.
    let short_sentences = sentence_keys(items[short].text);
    if !short_sentences.is_empty() && kl.len() <= cfg.verify_max_chars * 4 {
        let long_sentences = sentence_keys(items[long].text);
        if short_sentences.len() < long_sentences.len()
            && short_sentences.iter().all(|s| long_sentences.contains(s))
        {
            return Some(Verdict::Shorter {
                removed: short,
                kept: long,
                kind: DupKind::Contained,
                score: ratio,
            });
        }
    }
    None
}

/// Records that one of two equal copies `first < second` goes: the later one, unless the pair stands
/// around a section heading (`P`, heading, `P`), where the copy under the heading stays.
fn decide_equal(
    items: &[Item],
    hits: &mut [Option<DupHit>],
    first: usize,
    second: usize,
    kind: DupKind,
    score: f64,
) {
    let around_heading = second == first + 2 && items[first + 1].heading_like;
    if around_heading {
        set_hit(hits, first, second, kind, score);
    } else {
        set_hit(hits, second, first, kind, score);
    }
}

fn set_hit(hits: &mut [Option<DupHit>], removed: usize, kept: usize, kind: DupKind, score: f64) {
    if hits[removed].is_none() && removed != kept {
        hits[removed] = Some(DupHit {
            of: kept,
            kind,
            score,
        });
    }
}

/// Short neighbours of a removed copy go with it when they equal the kept copy's neighbours.
fn extend_runs(items: &[Item], hits: &mut [Option<DupHit>]) {
    let seeds: Vec<(usize, usize)> = hits
        .iter()
        .enumerate()
        .filter_map(|(i, h)| h.filter(|h| h.kind != DupKind::Run).map(|h| (i, h.of)))
        .collect();
    for (removed, kept) in seeds {
        for step in [-1isize, 1] {
            let mut d = 1isize;
            loop {
                let (r, k) = (removed as isize + step * d, kept as isize + step * d);
                if r < 0 || k < 0 || r as usize >= items.len() || k as usize >= items.len() {
                    break;
                }
                let (r, k) = (r as usize, k as usize);
                // Never walk into the other copy.
                let (lo, hi) = (removed.min(kept), removed.max(kept));
                if (removed < kept && r >= hi) || (removed > kept && r <= lo) || r == k {
                    break;
                }
                if hits[r].is_some() || items[r].key.is_empty() || items[r].key != items[k].key {
                    break;
                }
                hits[r] = Some(DupHit {
                    of: k,
                    kind: DupKind::Run,
                    score: 1.0,
                });
                d += 1;
            }
        }
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

/// Marks the blocks that repeat another block still standing (after the rule cuts) as duplicates.
pub fn mark(
    seg: &crate::segment::Segmented,
    plans: &mut [crate::assemble::BlockPlan],
    cfg: &DupConfig,
) -> DupWork {
    use crate::assemble::WholeBlock;
    use crate::report::Reason;
    let live: Vec<usize> = (0..plans.len()).filter(|&i| plans[i].kept()).collect();
    let texts: Vec<&str> = live.iter().map(|&i| plans[i].rest.as_ref()).collect();
    let (hits, work) = find_duplicates(&texts, cfg);
    for (j, hit) in hits.into_iter().enumerate() {
        let Some(h) = hit else { continue };
        plans[live[j]].whole = Some(WholeBlock {
            class: crate::class::Class::Duplicate,
            reason: Reason::Duplicate {
                kind: h.kind,
                of_line: seg.blocks[live[h.of]].line,
                score: (h.score * 1000.0).round() / 1000.0,
            },
        });
    }
    work
}

#[cfg(test)]
mod tests {
    use super::*;

    const P1: &str = "SKT는 지난 12일(현지시간) 미국 실리콘밸리에서 얼라이언스 연례 행사인 ‘유나이트 2024’를 개최했다고 14일 밝혔다. 이날 행사엔 총 15개 기업이 참여했다.";
    const P2: &str = "인재 확보에도 공을 들이고 있다. 13일 실리콘밸리에서 열린 행사에서는 미국 현지 기업에서 일하는 AI 분야 우수 인재들을 대거 초청해 성장 계획을 공유했다.";

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
        assert!(work.verifications <= refs.len() * cfg.max_candidates);
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
