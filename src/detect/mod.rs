//! Detectors: each annotates blocks, none edits text. [`crate::assemble`] applies their decisions.
//!
//! The [`crate::Cleaner`] runs them in this order: [`boilerplate`] (rule packs with zones),
//! [`learned`] (per-source templates), [`duplicates`] (repeats inside the document), [`sections`]
//! (comment threads, related lists, tags and share bars from a header and the shape below it),
//! [`scorer`] (boilerplate no rule names, from the shape of each block and its neighbours).

pub mod boilerplate;
pub mod duplicates;
pub mod learned;
pub mod scorer;
pub mod sections;
