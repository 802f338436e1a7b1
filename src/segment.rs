//! Splits a document into blocks (non-blank lines) without copying it.
//!
//! Every byte of the document belongs to exactly one place: the `prefix` (leading blank lines), a
//! block's text, or the separator after a block (its line ending plus any blank lines that follow).
//! Writing all of them back gives the input unchanged, which is what keeps the output's layout true.

use memchr::memchr_iter;

/// One non-blank line of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    /// Byte offset of the first byte of the line.
    pub start: usize,
    /// Byte offset just past the line's text (before `\r\n` / `\n`).
    pub end: usize,
    /// Byte offset just past the separator: the line ending and any blank lines after it.
    pub sep_end: usize,
    /// 1-based line number of the block in the document.
    pub line: usize,
}

impl Block {
    pub fn text<'a>(&self, doc: &'a str) -> &'a str {
        &doc[self.start..self.end]
    }

    pub fn separator<'a>(&self, doc: &'a str) -> &'a str {
        &doc[self.end..self.sep_end]
    }

    /// Number of line breaks in the separator: 1 for a plain line ending, 2 for one blank line, …
    pub fn separator_breaks(&self, doc: &str) -> usize {
        memchr_iter(b'\n', self.separator(doc).as_bytes()).count()
    }
}

/// A document cut into blocks.
#[derive(Debug, Clone)]
pub struct Segmented {
    /// Bytes before the first block (blank lines at the top of the document).
    pub prefix_end: usize,
    pub blocks: Vec<Block>,
}

/// Cuts `doc` into non-blank lines. Runs in one pass over the bytes.
pub fn segment(doc: &str) -> Segmented {
    let bytes = doc.as_bytes();
    let mut blocks: Vec<Block> = Vec::new();
    let mut prefix_end = 0;
    let mut line_start = 0;
    let mut line_no = 0;
    let mut push_line = |start: usize, text_end: usize, next: usize, line_no: usize| {
        let text = &doc[start..text_end];
        if text.chars().all(crate::normalize::is_space) {
            // Blank line: it belongs to the separator before it.
            match blocks.last_mut() {
                Some(last) => last.sep_end = next,
                None => prefix_end = next,
            }
        } else {
            blocks.push(Block {
                start,
                end: text_end,
                sep_end: next,
                line: line_no,
            });
        }
    };
    for nl in memchr_iter(b'\n', bytes) {
        line_no += 1;
        let text_end = if nl > line_start && bytes[nl - 1] == b'\r' {
            nl - 1
        } else {
            nl
        };
        push_line(line_start, text_end, nl + 1, line_no);
        line_start = nl + 1;
    }
    if line_start < bytes.len() {
        line_no += 1;
        push_line(line_start, bytes.len(), bytes.len(), line_no);
    }
    Segmented { prefix_end, blocks }
}

/// A list item: a bullet or a number with `.`/`)` first (the duplicate detector and the line scorer
/// protect list items alike).
pub fn is_list_item(line: &str) -> bool {
    let mut chars = line.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if "-–•·▲△◆◇■□○●*▶▷☞※➤✔✓►◈◎".contains(first) || ('①'..='⑳').contains(&first)
    {
        return true;
    }
    if first.is_ascii_digit() {
        let rest = line.trim_start_matches(|c: char| c.is_ascii_digit());
        return rest.starts_with('.') || rest.starts_with(')');
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rebuild(doc: &str, s: &Segmented) -> String {
        let mut out = doc[..s.prefix_end].to_string();
        for b in &s.blocks {
            out.push_str(b.text(doc));
            out.push_str(b.separator(doc));
        }
        out
    }

    #[test]
    fn lines_and_blank_lines() {
        let doc = "\n\nA\nB\n\n  \nC";
        let s = segment(doc);
        assert_eq!(s.prefix_end, 2);
        let texts: Vec<_> = s.blocks.iter().map(|b| b.text(doc)).collect();
        assert_eq!(texts, ["A", "B", "C"]);
        assert_eq!(s.blocks[1].separator(doc), "\n\n  \n");
        assert_eq!(s.blocks[1].separator_breaks(doc), 3);
        assert_eq!(s.blocks[2].line, 7);
        assert_eq!(rebuild(doc, &s), doc);
    }

    #[test]
    fn crlf_is_a_separator() {
        let doc = "A\r\nB\r\n\r\nC\r\n";
        let s = segment(doc);
        assert_eq!(s.blocks[0].text(doc), "A");
        assert_eq!(s.blocks[1].separator(doc), "\r\n\r\n");
        assert_eq!(rebuild(doc, &s), doc);
    }

    #[test]
    fn empty_and_blank_documents() {
        assert!(segment("").blocks.is_empty());
        let s = segment("\n \n");
        assert!(s.blocks.is_empty());
        assert_eq!(s.prefix_end, 3);
    }
}
