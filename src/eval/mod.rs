//! Measuring a cleaner against gold.
//!
//! Two kinds of gold, two kinds of figures:
//! - a directory corpus (`corpus/<lang>/<id>/{raw.txt,gold.txt,doc.toml}`): character precision and
//!   recall of removals, per class ([`corpus`], [`chars`]);
//! - a gold set in one JSONL file (`{"id","raw","gold",…}` per line, as in `../shared/realgold`): the
//!   token-bag metrics of `score.py`, per document then averaged ([`gold_set`], [`tokens`],
//!   [`token_metrics`]).
//!
//! [`print`] lays both out as tables.

mod alnum;
pub mod chars;
pub mod corpus;
pub mod gold_set;
pub mod print;
pub mod token_metrics;
pub mod tokens;

pub use chars::{removed_mask, score, summarize, Counts, DocScore, Summary};
pub use corpus::{load_corpus, DocMeta, GoldDoc, Note};
pub use gold_set::{load_gold_set, load_predictions, GoldRecord};
pub use print::markdown_table;
