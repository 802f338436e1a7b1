//! The line scorer: its weights file, its decisions on the project's corpus and on page furniture,
//! its explanations, and the switch that turns it off.

use paraclean::detect::scorer::features::NAMES;
use paraclean::detect::scorer::model::{self, Model};
use paraclean::{Class, Cleaner, Config, Reason};

/// An article page as a CSS selector hands it over: the story, then comment furniture that no rule
/// names (`Reply` has a rule of its own, `WEB-COMMENT-001`; a vote button has none).
const PAGE: &str = "Why the city is rethinking its bike lanes
The city council voted on Tuesday to review every protected bike lane built in the last five years, after complaints from delivery drivers and a string of collisions at intersections.
Officials said the review would take about six months and would look at traffic data, accident reports and the views of residents who live along the lanes.
\"We want lanes that people actually feel safe using,\" the transport commissioner said at a press conference, adding that no lane would be removed before the review ends.
Cycling groups welcomed the review but warned that it should not become an excuse to slow down the building of new routes across the city.
The council will publish its findings next spring.
Anna said:
I ride this route every day and the new lanes made a real difference for my commute to work.
Upvote
Tom said:
The intersections are still dangerous, especially at night when the lights are off and drivers turn right.
Upvote
Maria said:
Finally someone is looking at the data instead of just listening to the loudest voices at the meetings.
Upvote
";

fn cleaner(scorer: bool) -> Cleaner {
    let mut config = Config::default();
    config.scorer.enabled = scorer;
    Cleaner::new(config).unwrap()
}

fn layout_lines(cleaned: &paraclean::Cleaned) -> Vec<usize> {
    cleaned
        .removals
        .iter()
        .filter(|r| r.class == Class::Layout)
        .map(|r| r.line)
        .collect()
}

#[test]
fn weights_load_and_are_versioned() {
    let m = Model::builtin();
    assert_eq!(m.version, model::VERSION);
    assert!(m.threshold > 0.5 && m.threshold < 1.0, "{}", m.threshold);
    let file: serde_json::Value = serde_json::from_str(model::BUILTIN).unwrap();
    assert_eq!(file["format"], model::FORMAT);
    assert_eq!(file["version"], 1);
    let names: Vec<&str> = file["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(names, NAMES);
    assert!(file["training"]["script"].is_string());
    assert!(file["training"]["threshold_rule"].is_string());
    assert!(file["training"]["figures"]["lodo"].is_object());
}

#[test]
fn other_versions_and_feature_lists_are_refused() {
    let mut file: serde_json::Value = serde_json::from_str(model::BUILTIN).unwrap();
    file["version"] = 2.into();
    let err = Model::parse(&file.to_string()).unwrap_err();
    assert!(err.contains("version 2"), "{err}");
    let mut file: serde_json::Value = serde_json::from_str(model::BUILTIN).unwrap();
    file["features"][0] = "chars".into();
    let err = Model::parse(&file.to_string()).unwrap_err();
    assert!(err.contains("features"), "{err}");
    let mut file: serde_json::Value = serde_json::from_str(model::BUILTIN).unwrap();
    file["weights"].as_array_mut().unwrap().pop();
    assert!(Model::parse(&file.to_string()).is_err());
}

#[test]
fn comment_furniture_goes_and_the_story_stays() {
    let cleaned = cleaner(true).clean(PAGE);
    let gone = layout_lines(&cleaned);
    // The last `Upvote` at least; every removal is a short furniture line, never a sentence.
    let lines: Vec<&str> = PAGE.lines().collect();
    let last_reply = lines.iter().rposition(|l| *l == "Upvote").unwrap() + 1;
    assert!(gone.contains(&last_reply), "{gone:?}\n{}", cleaned.text);
    for r in cleaned.removals.iter().filter(|r| r.class == Class::Layout) {
        assert!(r.text.split_whitespace().count() <= 3, "{:?}", r.text);
    }
    for line in PAGE
        .lines()
        .filter(|l| l.ends_with('.') || l.ends_with(':'))
    {
        assert!(cleaned.text.contains(line), "lost {line:?}");
    }
}

/// Blocks of the project's corpus that look like furniture but are content: a repeated table
/// header, short Korean sub-headings, a list of appointments, an English headline.
#[test]
fn corpus_blocks_that_must_stay() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
    let docs = paraclean::eval::load_corpus(std::path::Path::new(root)).unwrap();
    let on = cleaner(true);
    let picked = ["long/L004", "en/e001", "neg/n001", "ko/k001", "xx/x001"];
    for name in picked {
        let Some(doc) = docs.iter().find(|d| d.name == name) else {
            panic!("{name} not in the corpus");
        };
        let cleaned = on.clean(&doc.raw);
        let gone: Vec<&str> = cleaned
            .removals
            .iter()
            .filter(|r| r.class == Class::Layout)
            .map(|r| r.text.as_str())
            .collect();
        assert!(gone.is_empty(), "{name}: scorer removed {gone:?}");
    }
    // The table header repeated through L004 stands in every section.
    let l004 = docs.iter().find(|d| d.name == "long/L004").unwrap();
    let header = "선거구 : 당선인(정당·득표수)";
    let cleaned = on.clean(&l004.raw);
    assert_eq!(
        cleaned.text.matches(header).count(),
        l004.raw.matches(header).count()
    );
}

#[test]
fn the_explanation_names_real_features() {
    let cleaned = cleaner(true).clean(PAGE);
    let removal = cleaned
        .removals
        .iter()
        .find(|r| r.class == Class::Layout)
        .expect("a layout removal");
    let Reason::Scorer { score, features } = &removal.reason else {
        panic!("{:?}", removal.reason);
    };
    assert!(*score >= Model::builtin().threshold - 1e-3, "{score}");
    assert!(!features.is_empty());
    for f in features {
        assert!(NAMES.contains(&f.name.as_str()), "{}", f.name);
        assert!(f.weight > 0.0, "{} pushes towards keeping", f.name);
    }
    let text = removal.reason.explain();
    assert!(text.contains(&features[0].name), "{text}");
    assert!(text.starts_with("line scorer"), "{text}");
}

#[test]
fn switching_it_off_gives_the_output_without_it() {
    let on = cleaner(true).clean(PAGE);
    let off = cleaner(false).clean(PAGE);
    assert!(layout_lines(&off).is_empty());
    assert!(!layout_lines(&on).is_empty());
    let others: Vec<_> = on
        .removals
        .iter()
        .filter(|r| r.class != Class::Layout)
        .cloned()
        .collect();
    assert_eq!(off.removals, others);
    let config = Config::from_toml("[scorer]\nenabled = false\n", "test").unwrap();
    assert_eq!(Cleaner::new(config).unwrap().clean(PAGE), off);
    // A threshold of 1 removes nothing either.
    let config = Config::from_toml("[scorer]\nthreshold = 1.0\n", "test").unwrap();
    assert_eq!(Cleaner::new(config).unwrap().clean(PAGE).text, off.text);
}

#[test]
fn cleaning_twice_removes_nothing_more() {
    let c = cleaner(true);
    let once = c.clean(PAGE).text;
    assert_eq!(c.clean(&once).text, once);
}

/// A refrain the duplicate detector keeps because it stands three times: when the scorer would take
/// only the copy after the body, leaving the other two side by side, all copies stay, so that
/// cleaning the output again (where the pair would be a stutter) decides the same. Found by the
/// idempotence property test.
#[test]
fn a_refrain_keeps_all_its_copies_when_the_scorer_would_take_one() {
    let doc = "The central bank held rates steady on Thursday, citing cooling inflation.
아리랑 아리랑 아라리요
아리랑 아리랑 아라리요
야당은 복지 예산이 부족하다며 국회 심사 과정에서 대폭 손질하겠다고 예고했다.
아리랑 아리랑 아라리요
윤정민 기자 yunjm@joongang.co.kr
";
    let cleaner = cleaner(true);
    let once = cleaner.clean(doc);
    assert_eq!(
        once.text,
        "The central bank held rates steady on Thursday, citing cooling inflation.
아리랑 아리랑 아라리요
아리랑 아리랑 아라리요
야당은 복지 예산이 부족하다며 국회 심사 과정에서 대폭 손질하겠다고 예고했다.
아리랑 아리랑 아라리요
"
    );
    assert_eq!(cleaner.clean(&once.text).text, once.text);
}

#[test]
fn clean_korean_japanese_and_chinese_text_loses_nothing() {
    let c = cleaner(true);
    for doc in [
        "정부는 3일 국무회의에서 677조원 규모의 내년 예산안을 의결했다고 밝혔다.\n무슨 일이야\n기획재정부는 \"건전 재정 기조를 유지하면서 민생 예산을 늘렸다\"고 설명했다.\n야당은 복지 예산이 부족하다며 국회 심사 과정에서 대폭 손질하겠다고 예고했다.\n",
        "東京都は12日、新しい交通計画を発表した。\n市民の反応\n計画では、2030年までに自転車専用道を倍増させる。\n反対する声もあり、議会での審議は長引く見通しだ。\n",
        "北京市政府在周三发布了新的交通计划。\n市民反应\n这是今年的第二个计划，预计将在明年实施。\n有专家表示，计划的效果还有待观察。\n",
    ] {
        let cleaned = c.clean(doc);
        assert_eq!(cleaned.text, doc, "{:?}", cleaned.removals);
    }
}

#[test]
fn no_scorer_flag() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("page.txt");
    std::fs::write(&path, PAGE).unwrap();
    let run = |extra: &[&str]| {
        let out = assert_cmd::Command::cargo_bin("paraclean")
            .unwrap()
            .args(["clean", "-q"])
            .args(extra)
            .arg(&path)
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let on = run(&[]);
    let off = run(&["--no-scorer"]);
    assert_ne!(on, off);
    assert_eq!(off, cleaner(false).clean(PAGE).text);
}
