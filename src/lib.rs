//! # paraclean
//!
//! Turns scraped article text into clean text: every paragraph once, no publisher or portal
//! boilerplate, nothing of the article lost — and an account of every removal.
//!
//! ```
//! use paraclean::{Cleaner, Config, Class};
//!
//! let cleaner = Cleaner::new(Config::default()).unwrap();
//! let raw = "SKT가 AI 동맹을 넓힌다.\n\
//!            SKT는 12일 미국 실리콘밸리에서 연례 행사를 열었다고 14일 밝혔다.\n\
//!            윤정민 기자 yunjm@joongang.co.kr\n\
//!            Copyright © 중앙일보. 무단전재 및 재배포 금지.\n";
//! let cleaned = cleaner.clean(raw);
//! assert_eq!(cleaned.text, "SKT가 AI 동맹을 넓힌다.\nSKT는 12일 미국 실리콘밸리에서 연례 행사를 열었다고 14일 밝혔다.\n");
//! assert_eq!(cleaned.removals[0].class, Class::Signature);
//! assert_eq!(cleaned.metadata.emails, ["yunjm@joongang.co.kr"]);
//! assert_eq!(cleaned.metadata.publisher.as_deref(), Some("중앙일보"));
//! ```
//!
//! The pipeline, one module per stage: [`segment`] (blocks with offsets, layout kept) →
//! [`normalize`] (matching keys only) → [`detect`]ors that annotate blocks ([`rules`] packs with
//! zones, learned templates, duplicates) → [`assemble`] (one set of decisions feeds the text and the
//! report). [`cleaner`] holds the stage order; [`report`] the types of what comes out.

pub mod assemble;
pub mod class;
pub mod cleaner;
pub mod config;
pub mod detect;
pub mod error;
pub mod eval;
pub mod explain;
pub mod input;
pub mod learn;
pub mod metadata;
pub mod normalize;
pub mod report;
pub mod rules;
pub mod segment;

pub use class::Class;
pub use cleaner::{Cleaner, Work};
pub use config::Config;
pub use detect::duplicates::{DupConfig, DupContext, DupKind, KeepReason, RepeatKept};
pub use error::{Error, Result};
pub use metadata::Metadata;
pub use report::{Cleaned, Reason, Removal};
