//! Line-shape gates: the chars a rule's match can begin and end with.
//!
//! A drop-line rule covers the whole line, so the line's first and last non-space chars must be
//! chars its pattern can start and end with (`━━━` separators start with a box-drawing char, an
//! all-caps Fox kicker with an ASCII capital, a Naver copyright line ends in `금지`). An end-anchored
//! cut ends the line, so the line's last char must be one its pattern can end with. Both sets are
//! read off the pattern's syntax tree (case-folded, as the engine matches), and checking one char
//! against them is much cheaper than starting a regex search — most rules without a literal to
//! prefilter on are ruled out on most lines this way.

use regex_syntax::hir::{Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind};

/// The chars a match can start or end with, when that is a known set.
#[derive(Debug, Clone, Default)]
pub struct Edges {
    first: Option<ClassUnicode>,
    last: Option<ClassUnicode>,
    /// The match covers the whole (space-trimmed) line: check both edges of the trimmed line.
    whole_line: bool,
}

/// What can begin (or end) a match: a char set, and whether the match can be empty there.
struct Edge {
    chars: ClassUnicode,
    nullable: bool,
}

#[derive(Clone, Copy, PartialEq)]
enum Side {
    First,
    Last,
}

fn edge(hir: &Hir, side: Side) -> Option<Edge> {
    let empty = || Edge {
        chars: ClassUnicode::empty(),
        nullable: true,
    };
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Some(empty()),
        HirKind::Literal(lit) => {
            let text = std::str::from_utf8(&lit.0).ok()?;
            let c = match side {
                Side::First => text.chars().next(),
                Side::Last => text.chars().next_back(),
            }?;
            Some(Edge {
                chars: ClassUnicode::new([ClassUnicodeRange::new(c, c)]),
                nullable: false,
            })
        }
        HirKind::Class(Class::Unicode(class)) => Some(Edge {
            chars: class.clone(),
            nullable: false,
        }),
        // Byte classes (`(?-u:…)`) may match inside a char: no char-level gate.
        HirKind::Class(Class::Bytes(_)) => None,
        HirKind::Repetition(rep) => {
            let sub = edge(&rep.sub, side)?;
            Some(Edge {
                chars: sub.chars,
                nullable: sub.nullable || rep.min == 0,
            })
        }
        HirKind::Capture(cap) => edge(&cap.sub, side),
        HirKind::Alternation(alts) => {
            let mut out = Edge {
                chars: ClassUnicode::empty(),
                nullable: false,
            };
            for alt in alts {
                let e = edge(alt, side)?;
                out.chars.union(&e.chars);
                out.nullable |= e.nullable;
            }
            Some(out)
        }
        HirKind::Concat(parts) => {
            let mut out = empty();
            let ordered: Box<dyn Iterator<Item = &Hir>> = match side {
                Side::First => Box::new(parts.iter()),
                Side::Last => Box::new(parts.iter().rev()),
            };
            for part in ordered {
                let e = edge(part, side)?;
                out.chars.union(&e.chars);
                if !e.nullable {
                    out.nullable = false;
                    return Some(out);
                }
            }
            Some(out)
        }
    }
}

/// The set, if it is a usable gate: a match that can be empty at that edge, or that can begin
/// with a space (which the line's trimming would hide), gives no gate.
fn gate(hir: &Hir, side: Side) -> Option<ClassUnicode> {
    let e = edge(hir, side)?;
    if e.nullable || e.chars.ranges().is_empty() {
        return None;
    }
    let mut spaces = ClassUnicode::new(
        "\t\n\u{b}\u{c}\r \u{85}\u{a0}\u{1680}\u{2000}\u{2001}\u{2002}\u{2003}\u{2004}\u{2005}\u{2006}\u{2007}\u{2008}\u{2009}\u{200a}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}"
            .chars()
            .map(|c| ClassUnicodeRange::new(c, c)),
    );
    spaces.intersect(&e.chars);
    spaces.ranges().is_empty().then_some(e.chars)
}

fn contains(class: &ClassUnicode, c: char) -> bool {
    class
        .ranges()
        .binary_search_by(|r| {
            if r.end() < c {
                std::cmp::Ordering::Less
            } else if r.start() > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

impl Edges {
    /// Gates for a drop-line rule (the body covers the trimmed line) or an end-anchored cut
    /// (the body ends the line). `hir` is the rule's pattern as written, parsed case-insensitively
    /// as the engine matches it.
    pub fn new(hir: &Hir, whole_line: bool, end_anchored: bool, lead: bool) -> Edges {
        if whole_line {
            Edges {
                // A rule with a lead starts with free text: only its end is known.
                first: if lead { None } else { gate(hir, Side::First) },
                last: gate(hir, Side::Last),
                whole_line: true,
            }
        } else if end_anchored {
            // The last char of the text itself (a cut may take trailing spaces): no trimming, so
            // the set is used only when the match cannot end in a space.
            Edges {
                first: None,
                last: gate(hir, Side::Last),
                whole_line: false,
            }
        } else {
            Edges::default()
        }
    }

    /// Whether a match is still possible in `text` as far as its edge chars tell.
    pub fn allow(&self, text: &str) -> bool {
        self.allow_ends(&LineEnds::of(text))
    }

    /// [`allow`](Self::allow) with the text's edge chars found once for all rules.
    #[inline]
    pub fn allow_ends(&self, ends: &LineEnds) -> bool {
        let (first, last) = if self.whole_line {
            (ends.first, ends.last)
        } else {
            (None, ends.raw_last)
        };
        let ok = |set: &Option<ClassUnicode>, c: Option<char>| match (set, c) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(set), Some(c)) => contains(set, c),
        };
        ok(&self.first, first) && ok(&self.last, last)
    }
}

/// The edge chars of a text, as the gates read them: the first and last char after trimming
/// white space, and the very last char.
#[derive(Debug, Clone, Copy)]
pub struct LineEnds {
    first: Option<char>,
    last: Option<char>,
    raw_last: Option<char>,
}

impl LineEnds {
    pub fn of(text: &str) -> LineEnds {
        let t = text.trim();
        LineEnds {
            first: t.chars().next(),
            last: t.chars().next_back(),
            raw_last: text.chars().next_back(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Gates for a pattern, parsed as the rule loader parses it.
    fn gates(body: &str, whole_line: bool, end_anchored: bool) -> Edges {
        let hir = regex_syntax::ParserBuilder::new()
            .case_insensitive(true)
            .build()
            .parse(body)
            .unwrap();
        Edges::new(&hir, whole_line, end_anchored, false)
    }

    #[test]
    fn drop_line_gates_on_both_edges() {
        let sep = gates("[━─═]{3,}", true, false);
        assert!(sep.allow("  ━━━━━ "));
        assert!(!sep.allow("그는 ━━━ 말했다"));
        let copy = gates(r"무단\s?전재[^\n]{0,20}금지", true, false);
        assert!(copy.allow("무단전재 및 재배포 금지"));
        assert!(!copy.allow("무단전재 및 재배포 금지."));
        // Case-folded like the engine: `fox` also starts with `F`.
        assert!(gates("fox news", true, false).allow("FOX NEWS"));
    }

    #[test]
    fn no_gate_where_an_edge_is_unknown_or_can_be_empty() {
        assert!(!gates(r"\s*x", true, false).first_is_known());
        assert!(!gates("x?", true, false).is_gate());
        // A byte class (ASCII `\w` without Unicode) may match inside a char: no gate at that edge.
        assert!(!gates(r"(?-u:\w)x", true, false).first_is_known());
        assert!(gates(r"(?-u:\w)x", true, false).is_gate());
        // A cut in the middle of a line has no edge to check.
        assert!(!gates("ab", false, false).is_gate());
    }

    #[test]
    fn end_anchored_cut_gates_on_the_last_char_only() {
        let sig = gates(r"[a-z]+@[a-z]+\.com$", false, true);
        assert!(sig.allow("기사 본문 kim@x.com"));
        assert!(!sig.allow("kim@x.com 이라고"));
    }

    impl Edges {
        fn first_is_known(&self) -> bool {
            self.first.is_some()
        }

        fn is_gate(&self) -> bool {
            self.first.is_some() || self.last.is_some()
        }
    }
}
