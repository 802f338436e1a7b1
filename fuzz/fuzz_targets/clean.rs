#![no_main]
//! Any bytes: no panic, the output only deletes from the input, removals are exact pieces of it,
//! and cleaning again changes nothing.
use libfuzzer_sys::fuzz_target;
use paraclean::{Cleaner, Config};
use std::sync::OnceLock;

fn cleaner() -> &'static Cleaner {
    static C: OnceLock<Cleaner> = OnceLock::new();
    C.get_or_init(|| Cleaner::new(Config::default()).unwrap())
}

fuzz_target!(|data: &[u8]| {
    let doc = String::from_utf8_lossy(data);
    let cleaned = cleaner().clean(&doc);
    let mut it = doc.chars();
    assert!(cleaned.text.chars().all(|c| it.any(|d| d == c)), "invented text");
    for r in &cleaned.removals {
        assert_eq!(&doc[r.start..r.end], r.text);
    }
    assert_eq!(cleaner().clean(&cleaned.text).text, cleaned.text, "not idempotent");
});
