//! Artifact or natural repetition? A verified pair is first widened to its run (the blocks around it
//! that repeat at the same distance), then judged from where the two copies stand, what stands
//! around them, how long they are and how many times the text recurs.

use super::shape::{attribution, Attribution, Block};
use super::verify::Verified;
use super::{DupConfig, DupContext, DupKind, DupWork, KeepReason};

/// A pair widened to its run: blocks `a0..=a1` repeat at `b0..=b1`, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Run {
    pub a0: usize,
    pub a1: usize,
    pub b0: usize,
    pub b1: usize,
}

/// How often and where a block's text stands in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seen {
    /// Places it stands, counting a stack of adjacent copies once and leaving out a copy just
    /// before a heading whose twin stands under it: what cleaning leaves, so that cleaning clean
    /// text decides the same.
    pub sites: usize,
    /// Copies, all counted.
    pub copies: usize,
    /// The first block with this text.
    pub first: usize,
}

/// What goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The earlier copy (and its run).
    Earlier,
    /// The later copy (and its run).
    Later,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Remove(Side, DupContext),
    Keep(KeepReason),
}

/// What the decision reads about the document, beyond the two blocks: the blocks, which of them are
/// gone so far, which stood in the lead (among the first `lead_blocks` blocks still standing when
/// they were read), and post headers, recognised on first use.
pub struct View<'b, 'a> {
    pub blocks: &'b [Block<'a>],
    pub cfg: &'b DupConfig,
    pub gone: Vec<bool>,
    pub in_lead: Vec<bool>,
    attribution: Vec<Option<Attribution>>,
}

impl<'b, 'a> View<'b, 'a> {
    pub fn new(blocks: &'b [Block<'a>], cfg: &'b DupConfig) -> Self {
        let n = blocks.len();
        View {
            blocks,
            cfg,
            gone: vec![false; n],
            in_lead: vec![false; n],
            attribution: vec![None; n],
        }
    }

    pub fn standing(&self, i: usize) -> bool {
        !self.gone[i] && !self.blocks[i].key.is_empty()
    }

    /// The nearest block still standing before `i`, looking past at most a few removed ones.
    pub fn before(&self, i: usize) -> Option<usize> {
        (i.saturating_sub(8)..i).rev().find(|&j| self.standing(j))
    }

    /// The nearest block still standing after `i`, looking past at most a few removed ones.
    fn after(&self, i: usize) -> Option<usize> {
        (i + 1..(i + 9).min(self.blocks.len())).find(|&j| self.standing(j))
    }

    fn attribution(&mut self, i: usize) -> Attribution {
        *self.attribution[i].get_or_insert_with(|| attribution(self.blocks[i].text))
    }

    pub fn long(&self, i: usize) -> bool {
        let b = &self.blocks[i];
        b.key.len() >= self.cfg.min_chars && !b.list_like
    }

    /// Widens the pair `a < b` to the blocks around it that repeat at the same distance, over blocks
    /// still standing, without the two runs overlapping. `budget` bounds the steps over the whole
    /// document, so that no input makes this quadratic.
    pub fn run(&self, a: usize, b: usize, budget: &mut usize, work: &mut DupWork) -> Run {
        let keys_equal = |i: usize, j: usize| {
            self.standing(i) && self.standing(j) && self.blocks[i].key == self.blocks[j].key
        };
        let (mut a0, mut b0) = (a, b);
        while *budget > 0 && a0 > 0 && b0 - 1 > a && keys_equal(a0 - 1, b0 - 1) {
            a0 -= 1;
            b0 -= 1;
            *budget -= 1;
            work.run_steps += 1;
        }
        let (mut a1, mut b1) = (a, b);
        while *budget > 0 && b1 + 1 < self.blocks.len() && a1 + 1 < b0 && keys_equal(a1 + 1, b1 + 1)
        {
            a1 += 1;
            b1 += 1;
            *budget -= 1;
            work.run_steps += 1;
        }
        Run { a0, a1, b0, b1 }
    }

    /// Decides a verified pair `a < b` with its run, given how often and where first the later
    /// block's text stands.
    pub fn decide(
        &mut self,
        a: usize,
        b: usize,
        found: Verified,
        run: Run,
        seen: Seen,
    ) -> Decision {
        let Seen {
            sites,
            copies,
            first,
        } = seen;
        use Decision::{Keep, Remove};
        let blocks = self.blocks;
        let exact = found.kind == DupKind::Exact;
        // The later copy goes, or the shorter one when one is a reduced form of the other.
        let shorter_or_later = match found.shorter {
            Some(s) if s == a => Side::Earlier,
            _ => Side::Later,
        };
        // A paragraph stands in the run (on either side: a caption copy may open with `▲`, which
        // reads as a list item); a run of short lines only is judged as short.
        let run_long = !exact
            || (run.b0..=run.b1).any(|i| self.long(i))
            || (run.a0..=run.a1).any(|i| self.long(i));

        // A caption that repeats a paragraph: the caption copy goes, wherever it stands.
        if run_long && blocks[a].caption != blocks[b].caption {
            let side = if blocks[a].caption {
                Side::Earlier
            } else {
                Side::Later
            };
            return Remove(side, DupContext::Caption);
        }
        let between = self.after(run.a1).filter(|&i| i < run.b0);
        // Nothing stands between the two copies: a stutter of the scraper (or of the feed).
        if between.is_none() {
            if !run_long {
                if copies >= self.cfg.recurring_min {
                    return Keep(KeepReason::Refrain);
                }
                if blocks[b].key.len() < self.cfg.short_adjacent_min_chars {
                    return Keep(KeepReason::Short);
                }
            }
            return Remove(shorter_or_later, DupContext::Adjacent);
        }
        // `P`, heading, `P`: the copy under the heading stays, whatever differs between the two.
        let heading = between.filter(|&h| {
            blocks[h].heading_like
                && self.after(h).is_some_and(|next| next >= run.b0)
                && !self.attribution(h).any()
        });
        if heading.is_some()
            && (run_long || (!blocks[b].heading_like && sites <= 2))
            && found.kind != DupKind::Teaser
        {
            return Remove(Side::Earlier, DupContext::BeforeHeading);
        }
        // `S`, paragraph, `S` for a short sentence `S` that stands nowhere else: a stutter one
        // block apart (short lines that recur, names, links and labels do not end like this).
        let one_apart = between.is_some_and(|x| self.after(x).is_some_and(|next| next >= run.b0));
        if !run_long
            && one_apart
            && sites <= 2
            && blocks[b].key.len() >= self.cfg.short_sentence_min_chars
            && blocks[b].ends_sentence
            && !self.attribution(b).any()
        {
            return Remove(shorter_or_later, DupContext::OneApart);
        }
        if !run_long {
            return Keep(KeepReason::Short);
        }
        if found.kind == DupKind::Teaser {
            return Remove(shorter_or_later, DupContext::Isolated);
        }
        // Quoted text in a reply: right after a post header or `X wrote:` that the original lacks.
        // (Quotation marks alone do not tell: a pull quote wears them too.) A header that names
        // who speaks is stronger than the top-of-page rule below; a bare time stamp is not (live
        // blogs stamp every entry, and re-capture their summary box after one).
        let header = self.before(run.b0).filter(|&hb| {
            self.before(run.a0)
                .is_none_or(|ha| blocks[ha].key != blocks[hb].key)
        });
        let header = header.map_or(Attribution::None, |hb| self.attribution(hb));
        if header == Attribution::Speaker {
            return Keep(KeepReason::Quoted);
        }
        // A block from the top of the page (lead, summary box, pinned post) captured again further
        // down; but a single sentence that stands three times or more is a standard line (the
        // question put to each guest of an interview), wherever it first stands.
        let standard_line = exact && sites >= self.cfg.recurring_min && blocks[b].sentences <= 1;
        if !standard_line
            && (self.in_lead[run.a0] || (exact && self.in_lead[first] && self.long(b)))
        {
            return Remove(shorter_or_later, DupContext::Lead);
        }
        if header == Attribution::Stamp {
            return Keep(KeepReason::Quoted);
        }
        // Both copies close a post (a signature, a repeated sign-off): each is followed by its own
        // post header.
        if let (Some(nb), Some(na)) = (self.after(run.b1), self.after(run.a1)) {
            if na < run.b0
                && blocks[na].key != blocks[nb].key
                && self.attribution(nb).any()
                && self.attribution(na).any()
            {
                return Keep(KeepReason::BetweenPosts);
            }
        }
        // A label, a standard sentence or a signature used again and again.
        if exact && sites >= self.cfg.recurring_min {
            return Keep(KeepReason::Recurring);
        }
        Remove(shorter_or_later, DupContext::Isolated)
    }
}
