#![no_main]
//! Any line: the JSONL reader either rejects it with a message or renders it back with every other
//! field unchanged.
use libfuzzer_sys::fuzz_target;
use paraclean::input::JsonRecord;

fuzz_target!(|data: &[u8]| {
    let line = String::from_utf8_lossy(data);
    if let Ok(record) = JsonRecord::parse(&line, "text") {
        let rendered = record.render(&record.text);
        let again = JsonRecord::parse(&rendered, "text").expect("rendered record parses");
        assert_eq!(again.text, record.text);
        assert_eq!(again.render(&again.text), rendered);
    }
});
