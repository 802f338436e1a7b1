//! Detectors: each annotates blocks, none edits text. [`crate::assemble`] applies their decisions.

pub mod boilerplate;
pub mod duplicates;
