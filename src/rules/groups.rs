//! Reading the capture groups of a rule's match whose span the regex already found.
//!
//! `regex::Regex::captures*` finds the match with its lazy DFA and then resolves the groups on the
//! match's span with a bounded backtracker, which first clears a visited set of (NFA states ×
//! span bytes) bits. The rules' NFAs hold hundreds to thousands of states (bounded repeats of
//! Unicode classes, long alternations), so that clearing alone was 8% of all instructions on the
//! Korean benchmark, more than the backtracking itself. The backtracker here is the same algorithm
//! (`regex_automata::nfa::thompson::backtrack`, on the same NFA: same leftmost-first order of
//! alternatives, same look-around on the whole haystack, anchored at the match's start and
//! bounded by its end), but its visited set holds a search number per (state, position): a new
//! search only increments the number, and the set, shared by all rules of a thread, is cleared
//! once every 65,535 searches. Spans whose set would exceed [`MAX_VISITED`] entries go to the
//! crate's own engines, as `regex` would send them (its backtracker, or its PikeVM beyond the
//! backtracker's limit). `tests/rule_groups.rs` compares every group of every built-in rule with
//! `regex`'s captures on every corpus line.

use regex_automata::nfa::thompson::{self, backtrack, pikevm, State, NFA};
use regex_automata::util::{pool::Pool, primitives::NonMaxUsize, primitives::StateID, syntax};
use regex_automata::{Anchored, Input};
use std::cell::RefCell;

/// The largest visited set (NFA states × (span bytes + 1)) the stamped backtracker uses: 4 MB of
/// `u16` per thread, as many entries as `regex`'s backtracker allows bits by default.
const MAX_VISITED: usize = 1 << 21;

type MakeCache =
    Box<dyn Fn() -> Cache + Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>;

/// The capture engines of one rule's pattern.
pub(crate) struct GroupEngine {
    nfa: NFA,
    slot_len: usize,
    /// Fallbacks for spans too long for the stamped visited set.
    pikevm: pikevm::PikeVM,
    backtrack: backtrack::BoundedBacktracker,
    caches: Pool<Cache, MakeCache>,
}

struct Cache {
    pikevm: pikevm::Cache,
    backtrack: backtrack::Cache,
}

/// One thread's backtracking state, shared by every rule's engine.
#[derive(Default)]
struct Scratch {
    /// The search number that last visited each (state, position), `state * stride + offset`.
    visited: Vec<u16>,
    /// The current search's number (never 0 once a search ran, so a fresh entry is unvisited).
    search: u16,
    stack: Vec<Frame>,
    slots: Vec<Option<NonMaxUsize>>,
}

#[derive(Clone, Copy)]
enum Frame {
    Step {
        sid: StateID,
        at: usize,
    },
    RestoreCapture {
        slot: usize,
        offset: Option<NonMaxUsize>,
    },
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

impl std::fmt::Debug for GroupEngine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GroupEngine")
            .field("states", &self.nfa.states().len())
            .finish_non_exhaustive()
    }
}

impl GroupEngine {
    /// Compiles `pattern` as `regex::Regex` does (Unicode, UTF-8, leftmost-first, all groups).
    pub(crate) fn new(pattern: &str) -> Result<GroupEngine, String> {
        let nfa = thompson::Compiler::new()
            .syntax(syntax::Config::new().utf8(true))
            .configure(
                thompson::Config::new()
                    .utf8(true)
                    .nfa_size_limit(Some(10 * (1 << 20)))
                    .shrink(false),
            )
            .build(pattern)
            .map_err(|e| e.to_string())?;
        let pikevm = pikevm::PikeVM::new_from_nfa(nfa.clone()).map_err(|e| e.to_string())?;
        let backtrack =
            backtrack::BoundedBacktracker::new_from_nfa(nfa.clone()).map_err(|e| e.to_string())?;
        let (p, b) = (pikevm.clone(), backtrack.clone());
        let make: MakeCache = Box::new(move || Cache {
            pikevm: p.create_cache(),
            backtrack: b.create_cache(),
        });
        Ok(GroupEngine {
            slot_len: nfa.group_info().slot_len(),
            nfa,
            pikevm,
            backtrack,
            caches: Pool::new(make),
        })
    }

    /// Reads the groups of the match `start..end` of `text` (a match the rule's regex found on this
    /// very haystack): `read` gets a function from group index to the group's span, if it took part.
    pub(crate) fn read<R>(
        &self,
        text: &str,
        (start, end): (usize, usize),
        read: impl FnOnce(&dyn Fn(usize) -> Option<(usize, usize)>) -> R,
    ) -> R {
        SCRATCH.with(|scratch| {
            let mut scratch = scratch.borrow_mut();
            let scratch = &mut *scratch;
            scratch.slots.clear();
            scratch.slots.resize(self.slot_len, None);
            let input = Input::new(text).span(start..end).anchored(Anchored::Yes);
            let cells = self.nfa.states().len().saturating_mul(end - start + 1);
            let found = if cells <= MAX_VISITED {
                self.backtrack_stamped(scratch, &input, cells)
            } else {
                let mut cache = self.caches.get();
                if end - start < self.backtrack.max_haystack_len() {
                    self.backtrack
                        .try_search_slots(&mut cache.backtrack, &input, &mut scratch.slots)
                        .ok()
                        .flatten()
                        .is_some()
                } else {
                    self.pikevm
                        .search_slots(&mut cache.pikevm, &input, &mut scratch.slots)
                        .is_some()
                }
            };
            let slots = &scratch.slots;
            let group = |i: usize| -> Option<(usize, usize)> {
                if !found {
                    // Cannot happen (the span is a match); then only the whole match is known.
                    return (i == 0).then_some((start, end));
                }
                let s = slots.get(2 * i).copied().flatten()?;
                let e = slots.get(2 * i + 1).copied().flatten()?;
                Some((s.get(), e.get()))
            };
            read(&group)
        })
    }

    /// The anchored leftmost-first search of `regex_automata`'s bounded backtracker
    /// (`BoundedBacktracker::backtrack` and `step`), with the stamped visited set.
    fn backtrack_stamped(&self, scratch: &mut Scratch, input: &Input<'_>, cells: usize) -> bool {
        if scratch.search == u16::MAX {
            scratch.visited.fill(0);
            scratch.search = 0;
        }
        scratch.search += 1;
        if scratch.visited.len() < cells {
            scratch.visited.resize(cells, 0);
        }
        let stride = input.get_span().len() + 1;
        let Scratch {
            visited,
            search,
            stack,
            slots,
        } = scratch;
        let search = *search;
        let haystack = input.haystack();
        let (origin, end) = (input.start(), input.end());
        let nfa = &self.nfa;
        stack.clear();
        stack.push(Frame::Step {
            sid: nfa.start_anchored(),
            at: origin,
        });
        while let Some(frame) = stack.pop() {
            let (mut sid, mut at) = match frame {
                Frame::Step { sid, at } => (sid, at),
                Frame::RestoreCapture { slot, offset } => {
                    slots[slot] = offset;
                    continue;
                }
            };
            // `step`: runs until a dead end (then the stack's next frame) or a match.
            loop {
                let cell = &mut visited[sid.as_usize() * stride + (at - origin)];
                if *cell == search {
                    break;
                }
                *cell = search;
                match *nfa.state(sid) {
                    ref state @ (State::ByteRange { .. } | State::Sparse(_) | State::Dense(_)) => {
                        match (at < end).then(|| byte_step(state, haystack, at)).flatten() {
                            Some(next) => sid = next,
                            None => break,
                        }
                        at += 1;
                    }
                    State::Look { look, next } => {
                        if !nfa.look_matcher().matches(look, haystack, at) {
                            break;
                        }
                        sid = next;
                    }
                    State::Union { ref alternates } => {
                        let Some(&first) = alternates.first() else {
                            break;
                        };
                        sid = first;
                        stack.extend(
                            alternates[1..]
                                .iter()
                                .rev()
                                .map(|&sid| Frame::Step { sid, at }),
                        );
                    }
                    State::BinaryUnion { alt1, alt2 } => {
                        sid = alt1;
                        stack.push(Frame::Step { sid: alt2, at });
                    }
                    State::Capture { next, slot, .. } => {
                        let slot = slot.as_usize();
                        if slot < slots.len() {
                            stack.push(Frame::RestoreCapture {
                                slot,
                                offset: slots[slot],
                            });
                            slots[slot] = NonMaxUsize::new(at);
                        }
                        sid = next;
                    }
                    State::Fail => break,
                    State::Match { .. } => return true,
                }
            }
        }
        false
    }
}

/// Where a byte-consuming NFA state goes on `haystack[at]`, or `None` if it rejects the byte
/// (and for states that consume nothing).
#[inline]
fn byte_step(state: &State, haystack: &[u8], at: usize) -> Option<StateID> {
    match state {
        State::ByteRange { trans } => trans.matches(haystack, at).then_some(trans.next),
        State::Sparse(sparse) => sparse.matches(haystack, at),
        State::Dense(dense) => dense.matches(haystack, at),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The groups of every match of `pattern` in `text`, read by `read` and by `regex`.
    fn compare(
        pattern: &str,
        text: &str,
        read: impl Fn(&GroupEngine, &str, (usize, usize), usize) -> Option<(usize, usize)>,
    ) -> usize {
        let engine = GroupEngine::new(pattern).unwrap();
        let regex = regex::Regex::new(pattern).unwrap();
        let groups = regex.captures_len();
        let mut n = 0;
        for caps in regex.captures_iter(text) {
            let whole = caps.get(0).unwrap();
            for i in 0..groups {
                let want = caps.get(i).map(|m| (m.start(), m.end()));
                assert_eq!(
                    read(&engine, text, (whole.start(), whole.end()), i),
                    want,
                    "{pattern} group {i} on {text:?}"
                );
            }
            n += 1;
        }
        n
    }

    const CASES: &[(&str, &str)] = &[
        (
            r"(?i)(?P<cut>(?:[▶☞►]\s*[^▶☞►◀\n]{1,80}){2,})$",
            "hong@newsis.com▶ 네이버에서 뉴시스 구독하기▶ K-Artprice ▶ 바로가기",
        ),
        (
            r"(?i)(?:^|\s)(?P<author>[가-힣]{2,4})\s?(기자|특파원)\s*(?P<email>[a-z0-9.]+@[a-z0-9.]+)?",
            "서울=뉴스1 홍길동 기자 hong@news1.kr 그리고 김철수 특파원",
        ),
        (r"(a|ab)(c|bcd)(d*)", "abcd abcd acd"),
        (r"(?P<x>\b\w+\b)(?:\s+(?P<y>\w+))?", "héllo wörld 가나 다"),
        (r"(a*)*(b)?", "aaab b"),
        (r"", "가나"),
    ];

    #[test]
    fn the_stamped_backtracker_reads_what_regex_captures() {
        for (pattern, text) in CASES {
            let n = compare(pattern, text, |e, t, span, i| e.read(t, span, |g| g(i)));
            assert!(n > 0, "{pattern}");
        }
    }

    #[test]
    fn the_fallback_engines_read_what_regex_captures() {
        for (pattern, text) in CASES {
            compare(pattern, text, |e, t, span, i| {
                let input = Input::new(t).span(span.0..span.1).anchored(Anchored::Yes);
                let mut cache = e.caches.get();
                let mut slots = vec![None; e.slot_len];
                e.backtrack
                    .try_search_slots(&mut cache.backtrack, &input, &mut slots)
                    .unwrap()
                    .unwrap();
                let b = slots
                    .get(2 * i)
                    .copied()
                    .flatten()
                    .zip(slots.get(2 * i + 1).copied().flatten())
                    .map(|(s, e)| (s.get(), e.get()));
                e.pikevm
                    .search_slots(&mut cache.pikevm, &input, &mut slots)
                    .unwrap();
                let p = slots
                    .get(2 * i)
                    .copied()
                    .flatten()
                    .zip(slots.get(2 * i + 1).copied().flatten())
                    .map(|(s, e)| (s.get(), e.get()));
                assert_eq!(b, p);
                b
            });
        }
    }

    #[test]
    fn search_numbers_wrap_without_stale_visits() {
        let (pattern, text) = CASES[2];
        let engine = GroupEngine::new(pattern).unwrap();
        let want = engine.read(text, (0, 4), |g| (g(1), g(2), g(3)));
        assert_eq!(want, (Some((0, 1)), Some((1, 4)), Some((4, 4))));
        for _ in 0..3 * u16::MAX as usize {
            assert_eq!(engine.read(text, (0, 4), |g| (g(1), g(2), g(3))), want);
        }
    }
}
