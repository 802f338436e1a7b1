//! Page sections found from a header and the shape below it (`src/detect/sections/`): comment
//! threads, related lists, tag lists; what they take, what they leave, and the switches.
//! Fixtures are invented; outputs and reasons are asserted exactly.

use paraclean::{Class, Cleaned, Cleaner, Config, Reason};

const ARTICLE: &str = "Why the harbour ferry is running late again
The harbour ferry has missed a third of its morning departures since the new timetable started in March, according to figures published by the port authority on Monday.
Engineers blame the older of the two boats, whose engine has been repaired four times this year, and say a replacement part will not arrive before the summer.
Commuters who rely on the ferry to reach the business district have started a petition asking the city to run a replacement bus during the repairs.
The port authority said it would answer the petition at its next public meeting.
";

const THREAD: &str = "3 Comments
Jane Porter says:
March 4, 2024 at 8:15 am
I take this boat every day and the delays have doubled my commute since the spring.
Reply
Tom Becker says:
March 4, 2024 at 9:02 am
A bus would be slower than the ferry, but at least it would leave on time.
Reply
Leave a Reply
Name *
Email (required)
Website
";

fn cleaner(configure: impl FnOnce(&mut Config)) -> Cleaner {
    let mut config = Config::default();
    // The scorer is off so that these tests see the section detector alone.
    config.scorer.enabled = false;
    configure(&mut config);
    Cleaner::new(config).unwrap()
}

/// (line, class, kind, header line) of every removal made by the section detector.
fn section_removals(cleaned: &Cleaned) -> Vec<(usize, Class, String, usize)> {
    cleaned
        .removals
        .iter()
        .filter_map(|r| match &r.reason {
            Reason::Section {
                kind, header_line, ..
            } => Some((r.line, r.class, kind.clone(), *header_line)),
            _ => None,
        })
        .collect()
}

#[test]
fn comment_furniture_after_an_article_goes_and_the_comments_stay() {
    let doc = format!("{ARTICLE}{THREAD}");
    let cleaned = cleaner(|_| {}).clean(&doc);
    let expected = format!(
        "{ARTICLE}Jane Porter says:
March 4, 2024 at 8:15 am
I take this boat every day and the delays have doubled my commute since the spring.
Tom Becker says:
March 4, 2024 at 9:02 am
A bus would be slower than the ferry, but at least it would leave on time.
"
    );
    assert_eq!(cleaned.text, expected);
    let c = Class::Comments;
    let k = "comments".to_string();
    // The rules take the header `3 Comments` (line 6), each `Reply` (10, 14), `Leave a Reply` (15)
    // and `Email (required)` (17) on their own; the header still opens the section, and the
    // detector takes the rest of the furniture, which no rule names.
    assert_eq!(
        section_removals(&cleaned),
        vec![(16, c, k.clone(), 6), (18, c, k.clone(), 6)]
    );
    let first = cleaned
        .removals
        .iter()
        .find(|r| r.line == 16)
        .expect("`Name *` goes");
    assert_eq!(
        first.reason.explain(),
        "comments section under `3 Comments` (line 6): 4 comment header(s) with a date or \
         `says:`, 2 reply/report line(s), 3 comment-form field(s)"
    );
    // Nothing before the header goes.
    assert!(cleaned.removals.iter().all(|r| r.line >= 6));
}

#[test]
fn with_comment_bodies_the_whole_thread_goes() {
    let doc = format!("{ARTICLE}{THREAD}");
    let cleaned = cleaner(|c| c.sections.comment_bodies = true).clean(&doc);
    assert_eq!(cleaned.text, ARTICLE);
    let lines: Vec<usize> = section_removals(&cleaned).iter().map(|r| r.0).collect();
    // Lines 6, 8, 10, 12, 14, 15 and 17 (the header, two date lines, the reply controls, the form's
    // title and a field) are the rules'.
    assert_eq!(lines, vec![7, 9, 11, 13, 16, 18]);
    assert!(section_removals(&cleaned)
        .iter()
        .all(|r| r.1 == Class::Comments && r.3 == 6));
}

#[test]
fn a_header_word_inside_an_article_without_the_shape_stays() {
    // `Discussion`, `Reader comments` and `Latest headlines` open sections of the article itself: running text follows, no
    // comment headers, no reply furniture, no run of short lines.
    let doc = "How public consultations work
The ministry opened its draft rules for public consultation in January and received more than four hundred written submissions.
Discussion
Most comments asked for a longer transition period for small firms, and several asked for clearer definitions.
The ministry said it had read every submission and would publish a summary by the end of the month.
Reader comments
Two related rules, on reporting and on audits, will be published for consultation later this year.
Latest headlines
The agency says it will publish the final rules in the autumn, after a second round of comments.
";
    for scorer in [false, true] {
        let mut config = Config::default();
        config.scorer.enabled = scorer;
        let cleaned = Cleaner::new(config).unwrap().clean(doc);
        assert!(section_removals(&cleaned).is_empty(), "scorer {scorer}");
        if !scorer {
            assert_eq!(cleaned.text, doc);
        }
    }
}

#[test]
fn a_header_with_too_few_items_before_the_article_end_stays() {
    // Before the article's last paragraph two short lines are not enough (three are needed).
    let doc = "Budget vote delayed
The council postponed the budget vote by a week after two members asked for more time to read the final draft of the plan.
Latest headlines
Council budget explained
Who sits on the council
The vote is now expected on the twelfth, and the mayor said he was confident it would pass with a comfortable majority.
";
    let cleaned = cleaner(|_| {}).clean(doc);
    assert!(section_removals(&cleaned).is_empty());
    assert_eq!(cleaned.text, doc);
}

#[test]
fn a_related_list_after_the_article_goes() {
    let doc = format!(
        "{ARTICLE}Related Posts
New timetable for the harbour ferry
Port authority elects a new chair
Bus lanes on the bridge road
"
    );
    let cleaned = cleaner(|_| {}).clean(&doc);
    assert_eq!(cleaned.text, ARTICLE);
    let r = Class::RelatedList;
    let k = "related".to_string();
    assert_eq!(
        section_removals(&cleaned),
        vec![
            (6, r, k.clone(), 6),
            (7, r, k.clone(), 6),
            (8, r, k.clone(), 6),
            (9, r, k.clone(), 6),
        ]
    );
    assert_eq!(
        cleaned.removals[0].reason.explain(),
        "related section under `Related Posts` (line 6): a run of 3 short lines without a \
         sentence ending (headlines or links) below it"
    );
}

const KO_ARTICLE: &str = "항만 여객선 지연 잇따라
항만 여객선이 새 시간표가 시작된 3월 이후 아침 출항의 3분의 1을 제때 하지 못한 것으로 나타났다.
항만공사는 두 척 가운데 오래된 배의 엔진이 올해만 네 차례 수리를 받았다고 설명했다.
출퇴근 승객들은 수리 기간 동안 대체 버스를 운행해 달라는 청원을 시에 냈다.
";

#[test]
fn a_korean_comment_tail_and_related_list() {
    let doc = format!(
        "{KO_ARTICLE}댓글 2
푸른하늘 2024.05.16 14:21
매일 타는데 정말 불편합니다. 빨리 고쳐 주세요.
답글 신고
바다사랑 3시간 전
버스라도 있으면 좋겠네요.
답글 신고
관련기사
여객선 새 시간표 발표
항만공사 새 사장 선임
"
    );
    let cleaned = cleaner(|_| {}).clean(&doc);
    let expected = format!(
        "{KO_ARTICLE}푸른하늘 2024.05.16 14:21
매일 타는데 정말 불편합니다. 빨리 고쳐 주세요.
바다사랑 3시간 전
버스라도 있으면 좋겠네요.
"
    );
    assert_eq!(cleaned.text, expected);
    // The rules take the portal's `댓글 2` and the `관련기사` box with its headlines; the header
    // they took still opens the comment section, whose `답글 신고` lines go.
    let c = Class::Comments;
    let k = "comments".to_string();
    assert_eq!(
        section_removals(&cleaned),
        vec![(8, c, k.clone(), 5), (11, c, k.clone(), 5)]
    );
    // The whole thread with comment_bodies.
    let cleaned = cleaner(|c| c.sections.comment_bodies = true).clean(&doc);
    assert_eq!(cleaned.text, KO_ARTICLE);
}

#[test]
fn switched_off_it_removes_nothing() {
    let doc = format!("{ARTICLE}{THREAD}");
    let off = cleaner(|c| c.sections.enabled = false).clean(&doc);
    assert!(section_removals(&off).is_empty());
    // Only the rules' lines go (`3 Comments`, `Reply`, `Leave a Reply`, `Email (required)`); the
    // furniture no rule names stays.
    let rules_only = doc
        .replace("3 Comments\n", "")
        .replace("\nReply\n", "\n")
        .replace("Leave a Reply\n", "")
        .replace("Email (required)\n", "");
    assert_eq!(off.text, rules_only);
    let config = Config::from_toml("[sections]\nenabled = false\n", "test").unwrap();
    assert!(!config.sections.enabled);
    assert!(Config::from_toml("[sections]\nbogus = 1\n", "test").is_err());
}

#[test]
fn cleaning_twice_changes_nothing() {
    for doc in [
        format!("{ARTICLE}{THREAD}"),
        format!("{KO_ARTICLE}댓글 2\n푸른하늘 2024.05.16 14:21\n좋은 기사네요.\n답글 신고\n"),
    ] {
        for bodies in [false, true] {
            for scorer in [false, true] {
                let mut config = Config::default();
                config.scorer.enabled = scorer;
                config.sections.comment_bodies = bodies;
                let c = Cleaner::new(config).unwrap();
                let once = c.clean(&doc).text;
                assert_eq!(c.clean(&once).text, once, "bodies {bodies} scorer {scorer}");
            }
        }
    }
}
