//! The tokenizer of `paraclean eval` against `../shared/realgold/common.py`.
//!
//! The expected tokens below were printed by `common.tokenize` (Python 3.11.7, Unicode 14.0.0); when
//! `../shared/realgold` is there, a second test compares every assigned code point in three contexts.

mod eval_support;

use paraclean::eval::tokens::{paragraphs, tokenize};
use std::process::Command;

fn check(text: &str, expected: &[&str]) {
    assert_eq!(tokenize(text), expected, "tokens of {text:?}");
}

#[test]
fn mixed_scripts_split_cjk_into_characters() {
    check(
        "Apple의 iPhone 15는 3,000,000원",
        &["apple", "의", "iphone", "15", "는", "3", "000", "000", "원"],
    );
    check(
        "東京タワーは東京都港区にある。ｶﾞｰﾃﾞﾝ",
        &[
            "東", "京", "タ", "ワ", "ー", "は", "東", "京", "都", "港", "区", "に", "あ", "る",
            "ガ", "ー", "デ", "ン",
        ],
    );
    // Outside the CJK ranges (extension B) an ideograph is a letter: it runs on until a CJK one.
    check("𠮷野家 𠀋", &["𠮷", "野", "家", "𠀋"]);
    // Katakana middle dot and the voiced mark are in the kana block, so tokens of their own.
    check("ｱｲｳ・ー゛", &["ア", "イ", "ウ", "・", "ー", "\u{3099}"]);
}

#[test]
fn full_width_and_compatibility_forms_fold() {
    check("ＡＢＣ１２３ ｶﾀｶﾅ", &["abc123", "カ", "タ", "カ", "ナ"]);
    check("①②③ ⅣⅤ Ⓐ", &["123", "ivv", "a"]);
    check("ﬁne ½ ²", &["fine", "1", "2", "2"]);
}

#[test]
fn compatibility_jamo_become_conjoining_jamo() {
    check("ㄱㄴㄷ ㅏ 한글", &["ᄀ", "ᄂ", "ᄃ", "ᅡ", "한", "글"]);
}

#[test]
fn separators_split_numbers_and_apostrophes_split_words() {
    check(
        "1,234.56 3.14 10:30 2024-05-03",
        &["1", "234", "56", "3", "14", "10", "30", "2024", "05", "03"],
    );
    check(
        "don't rock’n’roll l'été",
        &["don", "t", "rock", "n", "roll", "l", "été"],
    );
    check(
        "hello_world snake_case __init__",
        &["hello", "world", "snake", "case", "init"],
    );
}

#[test]
fn emoji_and_symbols_are_dropped() {
    check("I ❤️ NY 👍🏽 ™ ©2024", &["i", "ny", "tm", "2024"]);
    // Soft hyphen, zero-width space and word joiner are not letters: they split.
    check(
        "a\u{ad}b a\u{200b}b a\u{2060}b",
        &["a", "b", "a", "b", "a", "b"],
    );
}

#[test]
fn case_and_marks_follow_python() {
    check(
        "Straße İstanbul ΟΔΟΣ ΑΣ-ΒΣ",
        &["straße", "i", "stanbul", "οδος", "ας", "βς"],
    );
    // NFKC composes accents; marks that stay separate (Devanagari vowel signs) split the word.
    check("e\u{301} cafe\u{301} Å", &["é", "café", "å"]);
    check("हिन्दी समाचार", &["ह", "न", "द", "सम", "च", "र"]);
    check(
        "Привет, мир! ЁЖИК مرحبا ١٢٣",
        &["привет", "мир", "ёжик", "مرحبا", "١٢٣"],
    );
}

#[test]
fn paragraphs_are_trimmed_lines_with_spaces_collapsed() {
    assert_eq!(
        paragraphs("  Title\u{3000}\u{3000}here \r\n\n\t\n a\u{a0} b"),
        ["Title here", "a b"]
    );
}

/// The Unicode version the letter/digit table of `src/eval/alnum.rs` was generated from.
const TABLE_UNICODE: &str = "14.0.0";

/// Every code point Python knows, alone, between a letter and a digit, and after a Hangul syllable.
const EVERY_CODE_POINT: &str = r#"
import sys, unicodedata
sys.path.insert(0, sys.argv[1])
from common import tokenize
print(unicodedata.unidata_version)
for cp in range(0x110000):
    if 0xD800 <= cp <= 0xDFFF or unicodedata.category(chr(cp)) == "Cn":
        continue
    c = chr(cp)
    print(cp, *(" ".join(tokenize(s)) for s in (c, "a" + c + "1", "가" + c + "b")), sep="\t")
"#;

#[test]
fn every_code_point_tokenizes_as_in_common_py() {
    let Some(dir) = eval_support::realgold() else {
        return;
    };
    let out = Command::new("python3")
        .args(["-c", EVERY_CODE_POINT])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    let version = lines.next().unwrap();
    if version != TABLE_UNICODE {
        eprintln!(
            "note: python3 has Unicode {version}, the table {TABLE_UNICODE}: regenerate src/eval/alnum.rs; skipping"
        );
        return;
    }
    let mut checked = 0;
    let mut wrong = Vec::new();
    for line in lines {
        let mut cols = line.split('\t');
        let cp: u32 = cols.next().unwrap().parse().unwrap();
        let c = char::from_u32(cp).unwrap();
        let inputs = [c.to_string(), format!("a{c}1"), format!("가{c}b")];
        for (input, expected) in inputs.iter().zip(cols) {
            let got = tokenize(input).join(" ");
            if got != expected {
                wrong.push(format!(
                    "U+{cp:04X} in {input:?}: {got:?}, common.py {expected:?}"
                ));
            }
        }
        checked += 1;
    }
    assert!(checked > 250_000, "only {checked} code points");
    assert!(
        wrong.is_empty(),
        "{} of {checked} differ:\n{}",
        wrong.len(),
        wrong[..wrong.len().min(30)].join("\n")
    );
}
