//! `--explain`: a document with its removed parts marked and the reason for each.

use crate::{Cleaned, Removal};

/// ANSI colours for a terminal, or plain markers for files and pipes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    Color,
}

const RED: &str = "\x1b[31m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

/// Renders `doc` line by line: `  ` kept, `- ` removed whole, `~ ` cut inside with `[-…-]` marks;
/// each removal's class and reason follow its line.
pub fn render(doc: &str, cleaned: &Cleaned, style: Style) -> String {
    let mut out = String::with_capacity(doc.len() * 2);
    let mut removals = cleaned.removals.iter().peekable();
    let mut line_start = 0;
    for (i, line) in doc.split_inclusive('\n').enumerate() {
        let line_no = i + 1;
        let text = line.trim_end_matches(['\n', '\r']);
        let mut here: Vec<&Removal> = Vec::new();
        while let Some(r) = removals.peek() {
            if r.line != line_no {
                break;
            }
            here.push(removals.next().expect("peeked"));
        }
        if here.is_empty() {
            out.push_str("  ");
            out.push_str(text);
            out.push('\n');
        } else {
            let removed: usize = here.iter().map(|r| r.end - r.start).sum();
            let whole = removed >= text.trim().len();
            let (on, off) = match style {
                Style::Color => (RED, RESET),
                Style::Plain => ("", ""),
            };
            if whole {
                out.push_str(&format!("- {on}{text}{off}\n"));
            } else {
                out.push_str("~ ");
                let mut at = line_start;
                for r in &here {
                    out.push_str(&doc[at..r.start]);
                    out.push_str(&format!("{on}[-{}-]{off}", &doc[r.start..r.end]));
                    at = r.end;
                }
                out.push_str(&doc[at..line_start + text.len()]);
                out.push('\n');
            }
            for r in here {
                let (dim, reset) = match style {
                    Style::Color => (DIM, RESET),
                    Style::Plain => ("", ""),
                };
                out.push_str(&format!(
                    "    {dim}^ {}: {}{reset}\n",
                    r.class,
                    r.reason.explain()
                ));
            }
        }
        line_start += line.len();
    }
    out
}
