//! What cleaning one document produced: the clean text, one [`Removal`] per removed piece with its
//! [`Reason`], and the metadata found in the removed pieces.

use crate::class::Class;
use crate::detect::duplicates::{DupContext, DupKind, RepeatKept};
use crate::learn;
use crate::metadata::Metadata;
use serde::{Deserialize, Serialize};

/// Why a piece was removed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "by", rename_all = "kebab-case")]
pub enum Reason {
    /// A rule of a pack matched.
    Rule {
        rule: String,
        pack: String,
        description: String,
        /// The text the rule's pattern matched.
        matched: String,
    },
    /// The block repeats another block of the document, which was kept.
    Duplicate {
        kind: DupKind,
        of_line: usize,
        score: f64,
        /// Why this copy is an artifact (where it stands relative to its twin).
        #[serde(default)]
        context: DupContext,
    },
    /// The block stands after a `cut-tail` rule fired.
    AfterTail { rule: String, from_line: usize },
    /// The block is a headline in the list under a box title (`More from …`, `관련기사`).
    ListItem { rule: String, title_line: usize },
    /// The block (or its shape) recurs in many documents of its source: a learned site template.
    Learned {
        source: String,
        kind: learn::Kind,
        /// Documents of the source with this key or shape, and documents of the source.
        docs: u64,
        source_docs: u64,
    },
    /// The line scorer's model rates the block as boilerplate from its shape and its neighbours.
    Scorer {
        /// Probability of boilerplate.
        score: f64,
        /// The features that weighed most towards removal, heaviest first.
        features: Vec<ScorerFeature>,
    },
    /// The block belongs to a page section (comments, related list, tags, share bar) that opens
    /// with a header line and is confirmed by the shape of the blocks below it.
    Section {
        /// `comments`, `related`, `tags` or `share`.
        kind: String,
        /// 1-based line of the section's header, and its text.
        header_line: usize,
        header: String,
        /// What below the header confirmed the section.
        evidence: String,
    },
}

/// A feature of a scorer decision: its value (word and repeat counts as counts, not their
/// logarithms) and its term in the model's log-odds (positive: towards removal).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScorerFeature {
    pub name: String,
    pub value: f64,
    pub weight: f64,
}

impl Reason {
    /// A one-line explanation for people.
    pub fn explain(&self) -> String {
        match self {
            Reason::Rule {
                rule, description, ..
            } => format!("{rule}: {description}"),
            Reason::Duplicate {
                kind,
                of_line,
                score,
                context,
            } => {
                let kind = serde_json::to_value(kind)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default();
                format!(
                    "{kind} duplicate of line {of_line} (score {score:.2}): {}",
                    context.explain()
                )
            }
            Reason::AfterTail { rule, from_line } => {
                format!("after the tail cut by {rule} at line {from_line}")
            }
            Reason::ListItem { rule, title_line } => {
                format!("headline in the list under the box title at line {title_line} ({rule})")
            }
            Reason::Learned {
                source,
                kind,
                docs,
                source_docs,
            } => {
                let what = match kind {
                    learn::Kind::Key => "block",
                    learn::Kind::Shape => "shape",
                    learn::Kind::List => "list-item shape",
                };
                let share = 100.0 * *docs as f64 / (*source_docs).max(1) as f64;
                format!("learned template of `{source}`: this {what} is in {docs} of its {source_docs} documents ({share:.0}%)")
            }
            Reason::Scorer { score, features } => {
                let why: Vec<String> = features
                    .iter()
                    .map(|f| format!("{} = {} ({:+.2})", f.name, f.value, f.weight))
                    .collect();
                format!(
                    "line scorer: boilerplate with probability {score:.3}; weighed most: {}",
                    why.join(", ")
                )
            }
            Reason::Section {
                kind,
                header_line,
                header,
                evidence,
            } => format!("{kind} section under `{header}` (line {header_line}): {evidence}"),
        }
    }
}

/// One removed piece of a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Removal {
    /// 1-based line of the document the piece was on.
    pub line: usize,
    /// Byte offsets in the document.
    pub start: usize,
    pub end: usize,
    /// Char offsets in the document.
    pub char_start: usize,
    pub char_end: usize,
    pub text: String,
    pub class: Class,
    pub reason: Reason,
}

/// The result of cleaning one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cleaned {
    pub text: String,
    pub removals: Vec<Removal>,
    pub metadata: Metadata,
    /// Repeats that stay, each with the reason it is natural repetition (a quotation, a heading
    /// or label used again, a signature), so that kept repeats are explained like removed ones.
    /// Lines shorter than `duplicates.short_adjacent_min_chars` letters are not listed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub repeats_kept: Vec<RepeatKept>,
}
