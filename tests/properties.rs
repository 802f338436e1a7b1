//! Invariants, checked on generated documents made of article sentences, boilerplate lines and repeats.

use paraclean::{Cleaner, Config};
use proptest::prelude::*;
use std::sync::OnceLock;

fn cleaner() -> &'static Cleaner {
    static CLEANER: OnceLock<Cleaner> = OnceLock::new();
    CLEANER.get_or_init(|| Cleaner::new(Config::default()).unwrap())
}

const CONTENT: &[&str] = &[
    "정부는 3일 국무회의에서 677조원 규모의 내년 예산안을 의결했다고 밝혔다.",
    "기획재정부는 \"건전 재정 기조를 유지하면서 민생 예산을 늘렸다\"고 설명했다.",
    "야당은 복지 예산이 부족하다며 국회 심사 과정에서 대폭 손질하겠다고 예고했다.",
    "The central bank held rates steady on Thursday, citing cooling inflation.",
    "Analysts said the decision had been widely expected by markets.",
    "전문가들은 내년 상반기 경기 회복 속도가 예상보다 느릴 수 있다고 내다봤다.",
    "무슨 일이야",
    "▲ 인사팀장 홍길동",
    "아리랑 아리랑 아라리요",
];
const BOILERPLATE: &[&str] = &[
    "윤정민 기자 yunjm@joongang.co.kr",
    "Copyright © 중앙일보. 무단전재 및 재배포 금지.",
    "이 기사에 대해 어떻게 생각하시나요?",
    "━",
    "- 관련 기사 제목 | 중앙일보",
    "Advertisement",
    "<저작권자(c) 연합뉴스, 무단 전재-재배포 금지>",
    "(서울=연합뉴스) 홍길동 기자 = 정부가 발표했다.",
    "밝혔다.hong@yna.co.kr제보는 카카오톡 okjebo",
];

fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(CONTENT).prop_map(str::to_string),
        2 => prop::sample::select(BOILERPLATE).prop_map(str::to_string),
        1 => "[가-힣 ]{1,40}",
        1 => "[a-zA-Z0-9 .,]{1,60}",
    ]
}

fn document() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(line(), 0..30),
        prop::sample::select(&["\n", "\r\n", "\n\n"][..]),
        any::<bool>(),
    )
        .prop_map(|(lines, sep, final_newline)| {
            let mut doc = lines.join(sep);
            if final_newline {
                doc.push_str(sep);
            }
            doc
        })
}

/// Whether `small` can be obtained from `big` by deleting chars.
fn is_subsequence(small: &str, big: &str) -> bool {
    let mut it = big.chars();
    small.chars().all(|c| it.any(|b| b == c))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, .. ProptestConfig::default() })]

    #[test]
    fn never_invents_text(doc in document()) {
        let cleaned = cleaner().clean(&doc);
        prop_assert!(is_subsequence(&cleaned.text, &doc), "output is not a subsequence of the input");
    }

    #[test]
    fn removals_are_exact_pieces_of_the_input(doc in document()) {
        let cleaned = cleaner().clean(&doc);
        for r in &cleaned.removals {
            prop_assert_eq!(&doc[r.start..r.end], r.text.as_str());
            prop_assert_eq!(doc[..r.start].chars().count(), r.char_start);
        }
    }

    #[test]
    fn cleaning_is_idempotent(doc in document()) {
        let once = cleaner().clean(&doc).text;
        let twice = cleaner().clean(&once).text;
        prop_assert_eq!(once, twice);
    }

    #[test]
    fn batch_and_thread_count_do_not_change_results(docs in prop::collection::vec(document(), 1..12)) {
        let sequential: Vec<_> = docs.iter().map(|d| cleaner().clean(d)).collect();
        let parallel = cleaner().clean_batch(&docs);
        prop_assert_eq!(&sequential, &parallel);
        let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
        let single = pool.install(|| cleaner().clean_batch(&docs));
        prop_assert_eq!(&sequential, &single);
    }

    #[test]
    fn clean_documents_come_out_byte_identical(
        picks in prop::collection::vec(0usize..6, 1..6),
        sep in prop::sample::select(&["\n", "\r\n", "\n\n"][..]),
    ) {
        // Distinct article sentences, no boilerplate, no repeats.
        let mut seen = std::collections::HashSet::new();
        let lines: Vec<&str> = picks.iter().filter(|&&i| seen.insert(i)).map(|&i| CONTENT[i]).collect();
        let doc = lines.join(sep) + sep;
        prop_assert_eq!(cleaner().clean(&doc).text, doc);
    }
}

/// Inputs the fuzzer found (`fuzz/`), kept as regression tests.
#[test]
fn fuzz_regressions_hold_the_invariants() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fuzz-regressions");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let doc = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        let once = cleaner().clean(&doc);
        assert!(is_subsequence(&once.text, &doc), "{}", path.display());
        assert_eq!(
            cleaner().clean(&once.text).text,
            once.text,
            "{} is not idempotent",
            path.display()
        );
    }
}
