//! One test per kind of repeat, removed or kept, on small invented documents, through the whole
//! cleaner: exact output, and the reason the report gives (issue 12 §3).

use paraclean::{Cleaned, Cleaner, Config, DupContext, DupKind, KeepReason, Reason};

fn clean(doc: &str) -> Cleaned {
    Cleaner::new(Config::default()).unwrap().clean(doc)
}

/// `(line, of_line, kind, context)` of every duplicate removal.
fn dup_removals(cleaned: &Cleaned) -> Vec<(usize, usize, DupKind, DupContext)> {
    cleaned
        .removals
        .iter()
        .filter_map(|r| match &r.reason {
            Reason::Duplicate {
                kind,
                of_line,
                context,
                ..
            } => Some((r.line, *of_line, *kind, *context)),
            _ => None,
        })
        .collect()
}

/// `(line, of_line, why)` of every repeat kept.
fn kept(cleaned: &Cleaned) -> Vec<(usize, usize, KeepReason)> {
    cleaned
        .repeats_kept
        .iter()
        .map(|k| (k.line, k.of_line, k.why))
        .collect()
}

fn doc(lines: &[&str]) -> String {
    lines.iter().map(|l| format!("{l}\n")).collect()
}

const TITLE: &str = "Main Street closes to cars on weekends";
const A: &str = "The city council voted on Tuesday to close three blocks of Main Street to cars every weekend through October, giving restaurants room to set up tables.";
const B: &str = "Owners said the first weekend drew more diners than any weekend since the spring, and several asked the city to make the closures permanent next year.";
const C: &str = "The transit agency will reroute two bus lines around the closed blocks and add signs at each corner, a spokeswoman said in a statement.";
const D: &str = "Residents who live on the affected blocks will still be able to drive to their garages before noon on Saturdays and Sundays.";
const E: &str = "Police will keep one lane open for emergency vehicles, and delivery trucks may unload before ten in the morning on both days.";
const F: &str = "The council plans to review noise complaints in November before it decides whether to repeat the program next summer.";
const G: &str = "A similar program in the neighbouring town ended after two months when shop owners said the closures cut their sales.";

// ---------------------------------------------------------------- removed

#[test]
fn adjacent_copy_goes() {
    let cleaned = clean(&doc(&[TITLE, A, A, B]));
    assert_eq!(cleaned.text, doc(&[TITLE, A, B]));
    assert_eq!(
        dup_removals(&cleaned),
        [(3, 2, DupKind::Exact, DupContext::Adjacent)]
    );
}

#[test]
fn short_copy_next_to_its_twin_goes() {
    // A live feed delivered one update twice: short (< 50 letters), but nothing stands between.
    let update = "태풍 미리내 경남 거제 부근 상륙";
    let cleaned = clean(&doc(&[TITLE, A, update, update, B]));
    assert_eq!(cleaned.text, doc(&[TITLE, A, update, B]));
    assert_eq!(
        dup_removals(&cleaned),
        [(4, 3, DupKind::Exact, DupContext::Adjacent)]
    );
}

#[test]
fn copy_before_a_heading_goes_and_the_one_under_it_stays() {
    let heading = "Background";
    let cleaned = clean(&doc(&[TITLE, B, A, heading, A, C]));
    assert_eq!(cleaned.text, doc(&[TITLE, B, heading, A, C]));
    assert_eq!(
        dup_removals(&cleaned),
        [(3, 5, DupKind::Exact, DupContext::BeforeHeading)]
    );
}

#[test]
fn copy_under_the_heading_stays_when_quotes_spacing_or_a_sentence_differ() {
    let heading = "무슨 일이야";
    let original = "SKT는 지난 12일 미국 실리콘밸리에서 ‘유나이트 2024’ 행사를 열었다고 14일 밝혔다. 이날 행사엔 총 15개 기업이 참여했다.";
    let other = "인재 확보에도 공을 들이고 있다. 13일 실리콘밸리에서 열린 행사에서는 미국 현지 기업에서 일하는 AI 분야 우수 인재들을 대거 초청했다.";
    let quotes = original.replace(['‘', '’'], "'");
    let spacing = original.replace(' ', "  ");
    let dropped =
        "SKT는 지난 12일 미국 실리콘밸리에서 ‘유나이트 2024’ 행사를 열었다고 14일 밝혔다.";
    for under in [quotes.as_str(), spacing.as_str(), dropped] {
        let cleaned = clean(&doc(&[
            "SKT, AI 동맹 넓힌다",
            other,
            original,
            heading,
            under,
        ]));
        assert_eq!(
            cleaned.text,
            doc(&["SKT, AI 동맹 넓힌다", other, heading, under]),
            "{under}"
        );
        let removals = dup_removals(&cleaned);
        assert_eq!(removals.len(), 1);
        assert_eq!((removals[0].0, removals[0].1), (3, 5));
        assert_eq!(removals[0].3, DupContext::BeforeHeading);
    }
}

#[test]
fn repeated_run_goes_as_a_whole() {
    // A section (heading and two paragraphs) scraped twice in a row: the short heading goes with it.
    let heading = "What changes";
    let cleaned = clean(&doc(&[TITLE, heading, A, B, heading, A, B, C]));
    assert_eq!(cleaned.text, doc(&[TITLE, heading, A, B, C]));
    assert_eq!(
        dup_removals(&cleaned),
        [
            (5, 2, DupKind::Run, DupContext::Adjacent),
            (6, 3, DupKind::Exact, DupContext::Adjacent),
            (7, 4, DupKind::Exact, DupContext::Adjacent),
        ]
    );
}

#[test]
fn teaser_goes_even_when_it_comes_first() {
    let teaser = "Owners said the first weekend drew more diners than any…";
    let cleaned = clean(&doc(&[TITLE, teaser, A, C, B]));
    assert_eq!(cleaned.text, doc(&[TITLE, A, C, B]));
    let removals = dup_removals(&cleaned);
    assert_eq!(removals.len(), 1);
    assert_eq!(
        (removals[0].0, removals[0].1, removals[0].2),
        (2, 5, DupKind::Teaser)
    );
}

#[test]
fn lead_repeated_in_a_caption_keeps_the_lead() {
    // The caption holds the lead sentence and one more; the lead is the shorter copy, and still
    // the caption goes.
    let lead = "윤석열 대통령이 14일 서울 용산 대통령실에서 열린 국무회의에서 내년도 예산안 편성 방향을 설명하고 있다.";
    let caption = "▲ 윤석열 대통령이 14일 서울 용산 대통령실에서 열린 국무회의에서 내년도 예산안 편성 방향을 설명하고 있다. 이날 회의에는 국무위원 20여 명이 참석했다.";
    let body = "대통령은 이날 회의에서 재정 건전성을 지키면서도 민생 예산은 늘리겠다고 밝혔다. 정부는 다음 달 초 예산안을 국회에 제출할 예정이다.";
    let cleaned = clean(&doc(&[
        "대통령, 내년 예산안 방향 설명",
        caption,
        lead,
        body,
    ]));
    assert_eq!(
        cleaned.text,
        doc(&["대통령, 내년 예산안 방향 설명", lead, body])
    );
    assert_eq!(
        dup_removals(&cleaned),
        [(2, 3, DupKind::Contained, DupContext::Caption)]
    );
}

#[test]
fn pull_quote_goes() {
    let paragraph = "The mayor was blunt about the plan. “We will keep these three blocks open to diners every weekend for as long as people keep coming back.” Other cities are watching the experiment closely.";
    let pull = "“We will keep these three blocks open to diners every weekend for as long as people keep coming back.”";
    let cleaned = clean(&doc(&[TITLE, A, B, C, D, E, paragraph, F, pull, G]));
    assert_eq!(cleaned.text, doc(&[TITLE, A, B, C, D, E, paragraph, F, G]));
    assert_eq!(
        dup_removals(&cleaned),
        [(9, 7, DupKind::Contained, DupContext::Isolated)]
    );
}

#[test]
fn top_of_the_page_captured_again_goes() {
    // A summary box from the top of a live page, captured again further down.
    let summary = "What to know: three blocks of Main Street close to cars every weekend through October, buses are rerouted and residents keep access to their garages before noon.";
    let cleaned = clean(&doc(&[TITLE, summary, A, B, C, D, E, summary, F]));
    assert_eq!(cleaned.text, doc(&[TITLE, summary, A, B, C, D, E, F]));
    assert_eq!(
        dup_removals(&cleaned),
        [(8, 2, DupKind::Exact, DupContext::Lead)]
    );
}

#[test]
fn short_sentence_one_block_apart_goes() {
    let short = "시는 하반기부터 따릉이 이용권도 통합할 계획이다.";
    let p1 = "서울시는 지난 1월 27일 판매를 시작한 기후동행카드가 지난달 30일 기준 누적 102만장 팔렸다고 2일 밝혔다.";
    let p2 = "이용자 분석 결과 20∼30대가 전체의 약 58%를 차지했다. 한 달 평균 교통비를 3만원가량 아낀 것으로 나타났다.";
    let cleaned = clean(&doc(&["기후동행카드 100만장 돌파", p1, short, p2, short]));
    assert_eq!(
        cleaned.text,
        doc(&["기후동행카드 100만장 돌파", p1, short, p2])
    );
    assert_eq!(
        dup_removals(&cleaned),
        [(5, 3, DupKind::Exact, DupContext::OneApart)]
    );
}

const H: &str = "Shop owners on the side streets asked for signs pointing drivers to the nearest public parking garage.";

#[test]
fn lone_copy_of_a_paragraph_far_down_goes() {
    // Past the top of the page, with nothing marking it as a quotation or a recurring line.
    let cleaned = clean(&doc(&[TITLE, A, B, C, D, E, F, G, H, F]));
    assert_eq!(cleaned.text, doc(&[TITLE, A, B, C, D, E, F, G, H]));
    assert_eq!(
        dup_removals(&cleaned),
        [(10, 7, DupKind::Exact, DupContext::Isolated)]
    );
}

#[test]
fn near_copy_with_a_typo_goes() {
    let typo = F.replace("complaints", "complaitns");
    let cleaned = clean(&doc(&[TITLE, A, B, C, D, E, F, G, H, &typo]));
    assert_eq!(cleaned.text, doc(&[TITLE, A, B, C, D, E, F, G, H]));
    let removals = dup_removals(&cleaned);
    assert_eq!(removals.len(), 1);
    assert_eq!(
        (removals[0].0, removals[0].1, removals[0].2),
        (10, 7, DupKind::Near)
    );
}

// ---------------------------------------------------------------- kept

#[test]
fn heading_opening_several_sections_stays() {
    let heading = "What it means for you";
    let input = doc(&[TITLE, A, heading, B, heading, C, heading, D]);
    let cleaned = clean(&input);
    assert_eq!(cleaned.text, input);
    assert_eq!(
        kept(&cleaned),
        [(5, 3, KeepReason::Short), (7, 5, KeepReason::Short)]
    );
}

#[test]
fn table_header_of_two_tables_stays() {
    let header = "Team\tPlayed\tWon\tLost\tPoints";
    let input = doc(&[
        "Group tables after the third round",
        "Group A",
        header,
        "Eagles\t3\t3\t0\t9",
        "Harbour City\t3\t1\t2\t3",
        "Group B",
        header,
        "Rovers\t3\t2\t1\t6",
        "Valley United\t3\t0\t3\t0",
    ]);
    assert_eq!(clean(&input).text, input);
}

#[test]
fn quoted_text_in_a_reply_stays() {
    let post = "I think the closures will hurt the hardware store on the corner more than anyone admits, because its customers need to park right at the door.";
    let input = doc(&[
        "Forum: Main Street weekend closures",
        "Started by townwatcher, 3 replies",
        "townwatcher wrote on May 5, 2024 at 10:02 pm",
        "Has anyone been down there since the tables went up?",
        "oldtimer wrote on May 5, 2024 at 10:15 pm",
        "It was packed on Saturday, I could hardly walk through.",
        "cornerfan wrote on May 5, 2024 at 10:40 pm",
        post,
        "oldtimer wrote on May 6, 2024 at 8:03 am",
        post,
        "They said the same about the farmers market and it brought more people to the store.",
    ]);
    let cleaned = clean(&input);
    assert_eq!(cleaned.text, input);
    assert_eq!(kept(&cleaned), [(10, 8, KeepReason::Quoted)]);
}

#[test]
fn reply_quoting_a_paragraph_in_quotation_marks_stays() {
    // The commenter puts the article's paragraph in quotation marks and answers it: the copy
    // wears marks its twin lacks, and no post header stands right before it.
    let quoted = format!("“{C}”");
    let input = doc(&[
        TITLE,
        A,
        B,
        C,
        D,
        E,
        "harbourview wrote on May 5, 2024 at 10:02 pm",
        "Two bus lines is not much, but I read this part twice:",
        &quoted,
        "The 14 should go around the closed blocks too, it stops right in the middle of them.",
    ]);
    let cleaned = clean(&input);
    assert_eq!(cleaned.text, input);
    assert_eq!(kept(&cleaned), [(9, 4, KeepReason::Quoted)]);
}

#[test]
fn reply_quoting_a_paragraph_that_ends_in_a_quotation_stays() {
    // The paragraph ends with a question in quotation marks it opens itself: it is not the end
    // of a speaker's words split over two blocks, and the marked copy is a reply's quotation.
    let asked = "At the meeting on Tuesday one resident stood up and asked the council a simple question: “Who will pay for the new signs at every corner?”";
    let quoted = format!("\"{asked}\"");
    let input = doc(&[
        TITLE,
        A,
        B,
        C,
        D,
        E,
        asked,
        F,
        "harbourview wrote on May 5, 2024 at 10:02 pm",
        "Good question from that resident, and nobody has answered it yet.",
        &quoted,
        "The signs are in the budget for next year, page 14 of the plan.",
    ]);
    let cleaned = clean(&input);
    assert_eq!(cleaned.text, input);
    assert_eq!(kept(&cleaned), [(11, 7, KeepReason::Quoted)]);
}

#[test]
fn pull_quote_of_a_speakers_closing_words_goes() {
    // The paragraph closes a quotation (its opening mark stands in the paragraph before): the
    // quoted copy further down is a pull quote, not a reply.
    let speech = "If the crowds keep coming back like this, we will open on Sundays too and hire two more bakers for the summer.”";
    let pull = "“If the crowds keep coming back like this, we will open on Sundays too and hire two more bakers for the summer.”";
    let cleaned = clean(&doc(&[TITLE, A, B, C, D, E, speech, F, pull, G]));
    assert_eq!(cleaned.text, doc(&[TITLE, A, B, C, D, E, speech, F, G]));
    assert_eq!(
        dup_removals(&cleaned),
        [(9, 7, DupKind::Exact, DupContext::Isolated)]
    );
}

const S1: &str =
    "I think the closures will hurt the hardware store on the corner more than anyone admits.";
const S2: &str = "Its customers buy heavy things, bags of cement and paint by the gallon, and they need to park right at the door.";
const S3: &str = "Nobody carries a ladder four blocks to a garage.";

#[test]
fn reply_quoting_one_sentence_from_inside_a_post_stays() {
    // A reply picks the second sentence of a post and answers it: a sentence from inside its
    // twin, not its start, is a quotation.
    let post = format!("{S1} {S2} {S3}");
    let input = doc(&[
        "Forum: Main Street weekend closures",
        "Has anyone been down there since the tables went up?",
        "It was packed on Saturday, I could hardly walk through.",
        &post,
        "The farmers market brought more people to the store, not fewer.",
        "Parking is the real question here, and the council never answered it.",
        S2,
        "They deliver now. I saw the truck at the back door on Sunday morning.",
    ]);
    let cleaned = clean(&input);
    assert_eq!(cleaned.text, input);
    assert_eq!(kept(&cleaned), [(7, 4, KeepReason::Quoted)]);
}

#[test]
fn copy_with_its_last_sentence_dropped_far_down_still_goes() {
    // A scraper cuts a copy short at its end: the copy starts where its twin starts.
    let post = format!("{S1} {S2} {S3}");
    let cut = format!("{S1} {S2}");
    let cleaned = clean(&doc(&[TITLE, A, B, C, D, E, &post, F, &cut, G]));
    assert_eq!(cleaned.text, doc(&[TITLE, A, B, C, D, E, &post, F, G]));
    assert_eq!(
        dup_removals(&cleaned),
        [(9, 7, DupKind::Contained, DupContext::Isolated)]
    );
}

#[test]
fn quoted_post_after_a_header_and_the_commenters_name_stays() {
    // The post header stands one line above the quote: the commenter's name is between.
    let post = "The council never asked the shops on the side streets, and those are the ones losing the most customers.";
    let input = doc(&[
        "Forum: Main Street weekend closures",
        "#10 - May 5, 2024 9:12 PM",
        "townwatcher",
        "Has anyone been down there since the tables went up on Friday night?",
        "#11 - May 5, 2024 9:30 PM",
        "Lena",
        "Not yet, we are going on Saturday with the kids if the weather holds.",
        "#12 - May 5, 2024 10:02 PM",
        "sidestreet_sam",
        post,
        "#13 - May 5, 2024 10:40 PM",
        "cornerfan",
        "It was packed on Saturday, I could hardly walk through the crowd near the fountain.",
        "#14 - May 6, 2024 8:03 AM",
        "Marta Diaz",
        post,
        "They asked us in April. There was a letter in every mailbox on Elm Street.",
    ]);
    let cleaned = clean(&input);
    assert_eq!(cleaned.text, input);
    assert_eq!(kept(&cleaned), [(16, 10, KeepReason::Quoted)]);
}

#[test]
fn field_repeated_in_two_records_stays() {
    // A catalogue names the same sponsor under two entries.
    let sponsor = "Sponsoring Agency: Office of Rural Education Research, Washington, DC.";
    let input = doc(&[
        "Selected reports on school size",
        "Title: Small Schools and Student Achievement in Three States.",
        "Author(s): Lee, Ann; Park, Jin",
        sponsor,
        "Pages: 48",
        "Title: Grade Span and Attendance in Rural Districts.",
        "Author(s): Moreno, Luis",
        sponsor,
        "Pages: 31",
    ]);
    let cleaned = clean(&input);
    assert_eq!(cleaned.text, input);
    assert_eq!(kept(&cleaned), [(8, 4, KeepReason::Record)]);
}

#[test]
fn field_copied_next_to_a_field_of_its_own_label_goes() {
    // A record names each field once: a `Why:` line right before the entry's own `Why:` is a
    // pasted copy.
    let why = "Why: One hundred percent of the proceeds goes to the food bank on Harbour Street.";
    let input = doc(&[
        "Five benefit shows this weekend",
        "What: A pancake breakfast cooked by the volunteer fire company.",
        "Why: Proceeds buy a new thermal camera for the fire company.",
        "What: A quiz night with three rounds on local history at the Anchor.",
        "Why: The winners' pot goes to the lifeboat station this year.",
        "What: The Night Owls play their new album in full at the Grange Hall.",
        why,
        "What: An afternoon of folk songs by local players on the library lawn.",
        why,
        "Why: All proceeds go to the library's summer reading program for children.",
    ]);
    let cleaned = clean(&input);
    let mut expected = input.lines().map(|l| format!("{l}\n")).collect::<Vec<_>>();
    expected.remove(8);
    assert_eq!(cleaned.text, expected.concat());
    assert_eq!(
        dup_removals(&cleaned),
        [(9, 7, DupKind::Exact, DupContext::Isolated)]
    );
}

#[test]
fn contents_entry_repeated_as_its_sections_heading_stays() {
    let entry = "What owners on the closed blocks say about the first four weekends";
    let listed = format!("» {entry}");
    let input = doc(&[
        TITLE,
        "» How the closures began",
        &listed,
        "» What comes next",
        A,
        B,
        entry,
        C,
        D,
    ]);
    let cleaned = clean(&input);
    assert_eq!(cleaned.text, input);
    assert_eq!(kept(&cleaned), [(7, 3, KeepReason::Contents)]);
}

#[test]
fn separator_line_does_not_hide_the_heading_under_it() {
    // `P`, separator, heading, `P`: the copy above the separator goes, the one under the heading
    // stays, also when the heading ends in a quote and would not read as one on its own.
    let heading = "Owners 'cautiously optimistic'";
    let cleaned = clean(&doc(&[TITLE, A, B, "━", heading, B, C]));
    assert_eq!(cleaned.text, doc(&[TITLE, A, heading, B, C]));
    assert_eq!(
        dup_removals(&cleaned),
        [(3, 6, DupKind::Exact, DupContext::BeforeHeading)]
    );
}

#[test]
fn standard_sentence_used_twice_stays() {
    // The same short formula for two different people, paragraphs apart.
    let formula = "He declined to comment on the plan.";
    let input = doc(&[
        TITLE,
        A,
        "The owner of the hardware store on the corner said he had not been told about the closures in advance.",
        formula,
        B,
        C,
        "A landlord who owns two buildings on the affected blocks said tenants had complained about the noise.",
        formula,
        D,
    ]);
    let cleaned = clean(&input);
    assert_eq!(cleaned.text, input);
    assert_eq!(kept(&cleaned), [(8, 4, KeepReason::Short)]);
}

#[test]
fn signature_closing_posts_stays() {
    let signature =
        "Proud member of the Main Street Merchants Association since 1998, ask me about parking.";
    let input = doc(&[
        "Forum: Main Street weekend closures",
        "Started by townwatcher, 12 replies",
        "The first weekend went better than I expected.",
        "Sales were up a little on Saturday and about flat on Sunday.",
        "Has anyone counted the foot traffic yet?",
        "Page 2",
        "Second weekend was busier than the first one for us.",
        signature,
        "by shopkeeper on May 12, 2024 9:10 PM",
        "Our café ran out of chairs by noon.",
        "We will bring extra chairs next Saturday.",
        signature,
        "by shopkeeper on May 13, 2024 8:44 AM",
    ]);
    let cleaned = clean(&input);
    assert_eq!(cleaned.text, input);
    assert_eq!(kept(&cleaned), [(12, 8, KeepReason::BetweenPosts)]);
}

#[test]
fn line_standing_three_times_stays() {
    // An interview that asks every guest the same question.
    let question = "What did the closures change for your business over the first four weekends of the program?";
    let input = doc(&[
        "Three owners on the Main Street closures",
        A,
        "Maria Lopez runs the bakery at the north end of the closed blocks.",
        question,
        "Lines are longer, and we sell out of bread by two in the afternoon.",
        "Tom Baker has owned the hardware store for thirty years.",
        question,
        "Fewer people can park at the door, so sales of heavy items are down.",
        "Ana Kim opened her café on the corner last year.",
        question,
        "We doubled the number of tables and hired two more people for weekends.",
    ]);
    let cleaned = clean(&input);
    assert_eq!(cleaned.text, input);
    assert_eq!(
        kept(&cleaned),
        [
            (7, 4, KeepReason::Recurring),
            (10, 7, KeepReason::Recurring)
        ]
    );
}

#[test]
fn refrain_stacked_three_times_stays() {
    let chant = "Oh, we're going up, we're going up";
    let input = doc(&[
        "How a bus driver's song became the terrace anthem of the season",
        "It began as a tune hummed on the number 42 bus. Six months later it is sung by 30,000 fans every other Saturday.",
        "The chorus goes like this:",
        chant,
        chant,
        chant,
        "Bus driver Mick Hollis, 58, says he wrote it after a 4-0 win in August.",
    ]);
    let cleaned = clean(&input);
    assert_eq!(cleaned.text, input);
}

#[test]
fn explain_says_why_a_copy_went() {
    let cleaned = clean(&doc(&[TITLE, A, A, B]));
    let removal = &cleaned.removals[0];
    assert_eq!(
        removal.reason.explain(),
        "exact duplicate of line 2 (score 1.00): nothing stands between the two copies"
    );
}

/// Found by the idempotence property test: removals here come in waves (a copy goes, which makes
/// two others one block apart, and so on), more than three passes deep. Cleaning the output again
/// must change nothing.
#[test]
fn repeats_removed_in_waves_leave_nothing_for_a_second_cleaning() {
    let raw = include_str!("fixtures/dup-rounds.txt");
    let once = clean(raw).text;
    assert_eq!(clean(&once).text, once);
    assert_eq!(
        once.lines().filter(|l| l.starts_with("야당은")).count(),
        1,
        "one copy of the repeated sentence stays: {once}"
    );
}

#[test]
fn a_forum_quote_headed_by_the_posters_name_stays() {
    // Discourse and phpBB head a quote with `name:`, the name that heads the quoted post.
    let first_sentence = "The city council voted on Tuesday to close three blocks of Main Street to cars every weekend through October.";
    let post = format!("{first_sentence} Restaurants will get room to set up tables.");
    let lines = [
        TITLE,
        "markw",
        "Mar 2",
        post.as_str(),
        "tinkerbee",
        "Mar 2",
        "markw:",
        first_sentence,
        C,
    ];
    let cleaned = clean(&doc(&lines));
    assert_eq!(cleaned.text, doc(&lines));
    assert!(dup_removals(&cleaned).is_empty());
    assert!(kept(&cleaned).contains(&(8, 4, KeepReason::Quoted)));
}
