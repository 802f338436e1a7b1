//! The one-line account of a `clean` run on stderr.

use paraclean::Class;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Default)]
pub struct Summary {
    pub docs_in: u64,
    pub docs_out: u64,
    pub passed_through: u64,
    /// Left out under `--on-error skip`.
    pub skipped: u64,
    pub failed_files: u64,
    pub bytes_in: u64,
    pub removed: BTreeMap<Class, u64>,
    /// Sources not in the learned table, warned about once each.
    pub unknown_sources: BTreeSet<String>,
}

/// `1 document`, `2 documents`.
pub fn count(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl Summary {
    pub fn line(&self) -> String {
        let removed: u64 = self.removed.values().sum();
        let by_class: Vec<String> = self
            .removed
            .iter()
            .map(|(c, n)| format!("{c} {n}"))
            .collect();
        let skipped = if self.skipped > 0 {
            format!(", {} left out", self.skipped)
        } else {
            String::new()
        };
        format!(
            "paraclean: {} in, {} out, {} passed through{skipped}, {} failed; {} read; removed {}{}",
            count(self.docs_in, "document", "documents"),
            self.docs_out,
            self.passed_through,
            count(self.failed_files, "input", "inputs"),
            count(self.bytes_in, "byte", "bytes"),
            count(removed, "char", "chars"),
            if by_class.is_empty() {
                String::new()
            } else {
                format!(" ({})", by_class.join(", "))
            }
        )
    }
}
