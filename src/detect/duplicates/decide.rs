//! Artifact or natural repetition? A verified pair is first widened to its run (the blocks around it
//! that repeat at the same distance), then judged from where the two copies stand, what stands
//! around them, how long they are and how many times the text recurs.

use super::shape::{attribution, Attribution, Block};
use super::verify::Verified;
use super::{DupConfig, DupContext, DupKind, DupWork, KeepReason};

/// Longest commenter name line between a post header and the post, in key chars.
const NAME_MAX_CHARS: usize = 30;

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

    /// Whether each side of the run is followed by its own post header (different headers), both at
    /// least as strong as `at_least` (`Stamp`: any header; `Speaker`: one naming who posts).
    fn each_followed_by_own_header(&mut self, run: Run, at_least: Attribution) -> bool {
        let strong_enough = |a: Attribution| match at_least {
            Attribution::Speaker => a == Attribution::Speaker,
            _ => a.any(),
        };
        let (Some(nb), Some(na)) = (self.after(run.b1), self.after(run.a1)) else {
            return false;
        };
        na < run.b0
            && self.blocks[na].key != self.blocks[nb].key
            && strong_enough(self.attribution(nb))
            && strong_enough(self.attribution(na))
    }

    pub fn long(&self, i: usize) -> bool {
        let b = &self.blocks[i];
        b.key.len() >= self.cfg.min_chars && !b.list_like
    }

    /// The post header right before the run's later side that its earlier side lacks: the block
    /// just before it, or the one before that when a short name line (the commenter) stands
    /// between.
    fn header(&mut self, run: Run) -> Attribution {
        let blocks = self.blocks;
        let before_a = self.before(run.a0);
        let differs = |h: usize| before_a.is_none_or(|ha| blocks[ha].key != blocks[h].key);
        let Some(hb) = self.before(run.b0).filter(|&h| differs(h)) else {
            return Attribution::None;
        };
        let found = self.attribution(hb);
        if found == Attribution::Stamp && names_a_poster(blocks, hb) {
            return Attribution::Speaker;
        }
        if found.any() {
            return found;
        }
        // A name: a few words, no figures, not a sentence or a salutation (`Mr. Fisch,`).
        let name = &blocks[hb];
        let name_line = name.key.len() <= NAME_MAX_CHARS
            && !name
                .text
                .trim_end()
                .ends_with(['.', '!', '?', ',', ':', ';', '…'])
            && !name.key.iter().any(char::is_ascii_digit)
            && name_words(name.text);
        match self.before(hb) {
            Some(h2) if name_line && h2 > run.a1 => self.attribution(h2),
            _ => Attribution::None,
        }
    }

    /// `a` and `b` are fields of two records of the same form: `Label: value` lines next to a
    /// field with another label (the same one for both, before or after them), and with no field
    /// of their own label next to them (a record names each field once).
    fn fields_of_records(&self, a: usize, b: usize) -> bool {
        let label = |j: usize| field_label(self.blocks[j].text);
        let Some(own) = label(b) else {
            return false;
        };
        let before = |i: usize| self.before(i).and_then(label);
        let after = |i: usize| self.after(i).and_then(label);
        let same_form = |x: Option<&str>, y: Option<&str>| x.is_some() && x == y;
        label(a) == Some(own)
            && [before(a), after(a), before(b), after(b)]
                .iter()
                .all(|&l| l != Some(own))
            && (same_form(before(a), before(b)) || same_form(after(a), after(b)))
    }

    /// `a` is an item of a marked list (its neighbours open with the same bullet, or are list
    /// items too) and `b` is the same words standing alone as a heading, with a paragraph under it.
    fn contents_entry(&self, a: usize, b: usize) -> bool {
        let blocks = self.blocks;
        let marker = |i: usize| {
            let t = blocks[i].text.trim_start();
            t.chars()
                .next()
                .filter(|c| !c.is_alphanumeric() && !QUOTE_MARKS.contains(c))
        };
        let item = |i: usize| blocks[i].list_like || marker(i).is_some();
        let same_list = |j: usize| {
            item(j) && (marker(j) == marker(a) || (blocks[j].list_like && blocks[a].list_like))
        };
        let in_list = item(a)
            && (self.before(a).is_some_and(same_list) || self.after(a).is_some_and(same_list));
        let t = blocks[b].text.trim_end();
        // Under the heading, the section's own text: not the next entry of the list.
        let next_a = self.after(a).map(|n| blocks[n].key);
        in_list
            && !item(b)
            && !t.ends_with(['.', '!', '。', ':'])
            && self
                .after(b)
                .is_some_and(|n| !item(n) && Some(blocks[n].key) != next_a)
    }

    /// The later copy `b` quotes `a`: it opens with a quotation mark that `a` lacks, or it is a
    /// sentence (or a few) from inside `a`, not its start.
    ///
    /// A pull quote is neither: it repeats what a speaker says in `a`, text that stands inside
    /// quotation marks there too.
    fn quotes(&self, a: usize, b: usize, found: Verified) -> bool {
        let (ba, bb) = (&self.blocks[a], &self.blocks[b]);
        // `a` closes a quotation opened before it (a speaker's words split over two blocks): `b`
        // is a pull quote of them.
        let speech = closes_open_quote(ba.text);
        if bb.caption || speech || quoted_inside(ba.text, bb.text) {
            return false;
        }
        if bb.opens_quote && !ba.opens_quote {
            return true;
        }
        found.kind == DupKind::Contained
            && found.shorter == Some(b)
            && bb.ends_sentence
            && !ba.key.starts_with(&first_sentence_key(bb.text))
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
        // A field of a record (`Author(s): …`, `Sponsoring Agency: …`) among other fields: a
        // catalogue lists the same author or sponsor under several entries.
        if self.fields_of_records(a, b) {
            return Keep(KeepReason::Record);
        }
        // An entry of a table of contents (a list of marked items) that comes back as the
        // heading of its section, with the section's text under it.
        if self.contents_entry(a, b) {
            return Keep(KeepReason::Contents);
        }
        // Quoted text in a reply, by its own shape: the later copy opens with a quotation mark
        // (or `>`) that its twin lacks, or it is one sentence picked from inside its twin (a
        // scraper cuts a copy short at its end; a reply quotes whichever sentence it answers).
        if self.quotes(a, b, found) {
            return Keep(KeepReason::Quoted);
        }
        // Quoted text in a reply: right after a post header or `X wrote:` that the original lacks,
        // or after a commenter's name under such a header. A header that names who speaks is
        // stronger than the top-of-page rule below; a bare time stamp is not (live blogs stamp
        // every entry, and re-capture their summary box after one).
        let header = self.header(run);
        if header == Attribution::Speaker {
            return Keep(KeepReason::Quoted);
        }
        // Both copies close a post (a signature) or head one (`Re: subject`) of a thread: each is
        // followed by its own header naming who posts (`by jdoe » …`). Checked before the
        // top-of-page rule, since the thread's first post stands in the lead once the page chrome
        // above it is gone; a bare time stamp is not enough here (a live blog's summary box comes
        // back before an entry's stamp).
        if self.each_followed_by_own_header(run, Attribution::Speaker) {
            return Keep(KeepReason::BetweenPosts);
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
        // post header, a stamp being enough past the top of the page.
        if self.each_followed_by_own_header(run, Attribution::Stamp) {
            return Keep(KeepReason::BetweenPosts);
        }
        // A label, a standard sentence or a signature used again and again.
        if exact && sites >= self.cfg.recurring_min {
            return Keep(KeepReason::Recurring);
        }
        Remove(shorter_or_later, DupContext::Isolated)
    }
}

/// The letters and digits of the first sentence of `text`.
fn first_sentence_key(text: &str) -> Vec<char> {
    let t = text.trim();
    let mut end = t.len();
    let mut chars = t.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if matches!(c, '.' | '!' | '?' | '。' | '！' | '？')
            && chars.peek().is_some_and(|&(_, n)| n.is_whitespace())
        {
            end = i + c.len_utf8();
            break;
        }
    }
    crate::normalize::dup_key(&t[..end])
}

/// `markw:` where `markw` stands alone on another line, as the name heading a post: a forum's
/// quote header (Discourse, phpBB) names the poster it quotes.
fn names_a_poster(blocks: &[Block], header: usize) -> bool {
    let Some(name) = blocks[header].text.trim().strip_suffix(':') else {
        return false;
    };
    let name = name.trim();
    !name.is_empty()
        && name.split_whitespace().count() <= 3
        && blocks
            .iter()
            .enumerate()
            .any(|(i, b)| i != header && b.text.trim() == name)
}

/// The text of `quote` (without its quotation marks) stands inside quotation marks in `text`: the
/// words a speaker says there, which a pull quote repeats.
fn quoted_inside(text: &str, quote: &str) -> bool {
    let inner = quote.trim().trim_start_matches(|c: char| {
        QUOTE_MARKS.contains(&c) || matches!(c, '>' | '…' | '.' | ' ')
    });
    let head: String = inner.chars().take(24).collect();
    let head = head.trim_end();
    if head.chars().count() < 8 {
        return false;
    }
    text.match_indices(head).any(|(i, _)| {
        text[..i]
            .trim_end()
            .chars()
            .next_back()
            .is_some_and(|c| QUOTE_MARKS.contains(&c))
    })
}

const QUOTE_MARKS: [char; 7] = ['"', '“', '”', '„', '«', '‘', '\''];

/// The label of a record's field: one to four words, a colon, a value (`Author(s): Lee, Ann`,
/// `Publication Date: 2000`). A link (`http://…`) or a clock time is not one.
fn field_label(text: &str) -> Option<&str> {
    let t = text.trim();
    let (label, value) = t.split_once(':')?;
    let words = label.split_whitespace().count();
    ((1..=4).contains(&words)
        && label.chars().count() <= 30
        && label.chars().next().is_some_and(char::is_alphabetic)
        && !label.chars().any(|c| c.is_ascii_digit())
        && value.starts_with(' ')
        && value.trim().chars().count() >= 2)
        .then_some(label)
}

/// A commenter's name: one word (a handle: `willowbrook`), or two or three capitalised ones
/// (`Todd Jolley`, `Ms. Cox`).
fn name_words(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    match words.len() {
        1 => true,
        2 | 3 => words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase)),
        _ => false,
    }
}

/// The text ends with a closing quotation mark whose opening mark stands before it, in an earlier
/// block (`… we have come a long way.”`).
fn closes_open_quote(text: &str) -> bool {
    let t = text.trim_end();
    let count = |c: char| t.chars().filter(|&x| x == c).count();
    (t.ends_with('”') && count('“') < count('”'))
        || (t.ends_with('"') && count('"') % 2 == 1)
        || (t.ends_with('»') && count('«') < count('»'))
}
