//! Boilerplate anywhere in a line, cut exactly (issue 12 §2, §4): whole documents through the
//! default cleaner, exact outputs and the class of every removal. Shapes from the real Naver text
//! in `shared/realdata`; the articles here are invented.

use paraclean::{Class, Cleaner, Config};

fn clean(raw: &str) -> paraclean::Cleaned {
    Cleaner::new(Config::default()).unwrap().clean(raw)
}

fn classes(cleaned: &paraclean::Cleaned) -> Vec<Class> {
    cleaned.removals.iter().map(|r| r.class).collect()
}

#[test]
fn a_wire_lead_is_cut_at_the_start_the_middle_and_the_end_of_a_line() {
    // Start: the reporter tag opens the body line.
    let c = clean(
        "(지디넷코리아=안희정 기자)카카오가 채팅목록 상단에 광고 상품을 내놨다고 26일 밝혔다.\n",
    );
    assert_eq!(
        c.text,
        "카카오가 채팅목록 상단에 광고 상품을 내놨다고 26일 밝혔다.\n"
    );
    assert_eq!(classes(&c), [Class::Byline]);
    // Middle: a subtitle, the tag, then the body, all on one line (Naver bodies come as one line).
    let c = clean("마카롱, 데이터 기반 맞춤 서비스 계획(지디넷코리아=김민선 기자)카카오벤처스가 마카롱팩토리에 10억원을 투자했다고 24일 밝혔다.\n");
    assert_eq!(
        c.text,
        "마카롱, 데이터 기반 맞춤 서비스 계획카카오벤처스가 마카롱팩토리에 10억원을 투자했다고 24일 밝혔다.\n"
    );
    // End: a signature with its e-mail glued after the last sentence, then a bracketed notice.
    let c = clean("카카오페이가 전세보증 서비스를 시작한다고 밝혔다.이상현기자 ishsy@dt.co.kr<저작권자(c) 디지털타임스, 무단 전재-재배포 금지>\n");
    assert_eq!(
        c.text,
        "카카오페이가 전세보증 서비스를 시작한다고 밝혔다.\n"
    );
    assert_eq!(classes(&c), [Class::Signature, Class::Copyright]);
    assert_eq!(c.metadata.emails, ["ishsy@dt.co.kr"]);
}

#[test]
fn a_credit_glued_to_the_next_sentence_takes_no_word_of_it() {
    // The credited name repeated as the next subject: the credit ends where the repeat starts.
    let c = clean("카카오메이커스 화면./사진=카카오카카오가 모바일 쇼핑몰을 운영하면서 환불을 막았다는 지적이 나왔다.\n");
    assert_eq!(
        c.text,
        "카카오메이커스 화면.카카오가 모바일 쇼핑몰을 운영하면서 환불을 막았다는 지적이 나왔다.\n"
    );
    assert_eq!(c.removals[0].text, "/사진=카카오");
    assert_eq!(c.removals[0].class, Class::Credit);
    // A wire agency is known: the credit stops at its name.
    let c = clean(
        "사진=뉴시스국내 모빌리티 업계 대표주자인 카카오모빌리티가 택시 단체와 손을 잡았다.\n",
    );
    assert_eq!(
        c.text,
        "국내 모빌리티 업계 대표주자인 카카오모빌리티가 택시 단체와 손을 잡았다.\n"
    );
    // `X 제공` after a caption's full stop, glued to the next sentence.
    let c = clean("이종원 팀장이 간담회에서 발표하고 있다.    카카오 제공카카오가 지난 5월 선보인 톡보드가 좋은 반응을 얻고 있다.\n");
    assert!(c.text.contains("있다.    카카오가 지난 5월"), "{}", c.text);
    // A name that ends like a particle with no repeat to split at: the cut is not made at all.
    let c = clean("공장 전경./사진=현대차정부가 새 공장 건설을 승인했다고 밝혔다.\n");
    assert!(c.text.contains("정부가 새 공장"), "{}", c.text);
}

#[test]
fn no_fragment_of_the_boilerplate_is_left_alone() {
    // `뉴스1` before the copyright notice, and `1 연예뉴스 24` of a punctuation-stripped copy.
    let body = "정부는 3일 국무회의에서 677조원 규모의 내년도 예산안을 의결했다. 기획재정부는 \"건전 재정 기조를 유지하면서도 민생 지원에 필요한 예산은 늘렸다\"고 밝혔다.";
    let c = clean(&format!("{body}뉴스1[-코리아 무단 전재 및 재배포 금지-]\n"));
    assert_eq!(c.text, format!("{body}\n"));
    let c = clean("오후 6시 방송되는 엠카운트다운에 출연한다  전수미 기자 24  1 연예뉴스 24 무단전재 및 재배포 금지\n");
    assert_eq!(c.text, "오후 6시 방송되는 엠카운트다운에 출연한다\n");
    // The word before the outlet is a predicate of the story: it stays.
    let c = clean("관객의 마음을 사로잡는다  매일경제 무단전재 및 재배포 금지\n");
    assert_eq!(c.text, "관객의 마음을 사로잡는다\n");
}

#[test]
fn signatures_with_residue_and_name_only_leads_are_found() {
    let c = clean("트와이스가 오는 26일 오후 11시 10분 방송에 출연한다  김상민기자 3835  서울경제와 친해지는 가장 확실한 방법  저작권자 서울경제 무단 전재 및 재배포 금지\n");
    assert_eq!(
        c.text,
        "트와이스가 오는 26일 오후 11시 10분 방송에 출연한다\n"
    );
    let c = clean("[일간스포츠 권오용]  카카오모빌리티가 구급차량 전용 내비게이션 및 구급차 출동 관리 시스템을 선보였다고 27일 밝혔다.\n");
    assert!(c.text.starts_with("카카오모빌리티가"), "{}", c.text);
    assert_eq!(classes(&c), [Class::Byline]);
}

#[test]
fn broadcast_speaker_turns_are_content() {
    let raw = "◀ 앵커 ▶간편하게 결제할 수 있는 서비스가 늘고 있습니다. ◀ 리포트 ▶서울의 한 카페입니다. 손님들이 휴대폰으로 결제합니다.\n";
    assert_eq!(clean(raw).text, raw);
}

#[test]
fn headline_labels_and_obituary_credits_stay() {
    for raw in [
        "[자막뉴스] \"사람 없는 줄 알았는데\"…무인점포 절도 하루 평균 18건\n",
        "▲ 박철민(연합뉴스 편집국 기자)씨 부친상 = 14일, 삼성서울병원 장례식장\n",
        "▲ 산업환경보건학과 주임교수 김치년 (서울=연합뉴스)\n",
    ] {
        assert_eq!(clean(raw).text, raw);
    }
}

#[test]
fn captions_go_by_default_and_keep_caption_keeps_the_text_without_its_credit() {
    let raw = "The Islanders won 5-4. (AP Photo/Gene J. Puskar)\nThe game went to overtime and the crowd of 15,000 stayed to the end.\n";
    let c = clean(raw);
    assert_eq!(
        c.text,
        "The game went to overtime and the crowd of 15,000 stayed to the end.\n"
    );
    assert_eq!(classes(&c), [Class::Caption]);
    let config = Config {
        keep: vec![Class::Caption],
        ..Config::default()
    };
    let c = Cleaner::new(config).unwrap().clean(raw);
    assert_eq!(
        c.text,
        "The Islanders won 5-4.\nThe game went to overtime and the crowd of 15,000 stayed to the end.\n"
    );
    assert_eq!(classes(&c), [Class::Credit]);
}

#[test]
fn the_tail_of_a_punctuation_stripped_copy_goes_from_its_shape_not_one_anchor() {
    // After the last sentence: a signature, then a slogan block that no rule names.
    let c = clean("씨엔블루가 도쿄 등 5개 도시에서 아레나투어를 개최한다  추영준 기자  세상을 보는 눈 글로벌 미디어 세계일보\n");
    assert_eq!(
        c.text,
        "씨엔블루가 도쿄 등 5개 도시에서 아레나투어를 개최한다\n"
    );
    assert_eq!(classes(&c), [Class::Signature]);
    // A copyright, then a name left after it.
    let c = clean("신곡 뮤직비디오에 팬들의 관심이 모아질 전망이다  백승훈 기자  디지털타임스 무단 전재 및 재배포 금지  백승훈\n");
    assert_eq!(c.text, "신곡 뮤직비디오에 팬들의 관심이 모아질 전망이다\n");
    // A last block that ends a sentence is article text: nothing after the signature goes.
    let c = clean("정부를 비판했다  김철수 기자  이번 사태의 핵심은 정부의 무능이다\n");
    assert_eq!(
        c.text,
        "정부를 비판했다  김철수 기자  이번 사태의 핵심은 정부의 무능이다\n"
    );
}

#[test]
fn a_bare_name_after_the_last_sentence_is_a_signature_not_a_caption() {
    let c = clean("충북 늘봄학교 2학기 확대\n도교육청은 예산 45억원을 투입해 늘봄 전용 공간을 마련하고, 공간이 부족한 학교는 지역아동센터와 연계해 운영할 계획이다. / 김금란\n저작권자 © 중부매일 무단전재 및 재배포 금지\n");
    assert_eq!(
        c.text,
        "충북 늘봄학교 2학기 확대\n도교육청은 예산 45억원을 투입해 늘봄 전용 공간을 마련하고, 공간이 부족한 학교는 지역아동센터와 연계해 운영할 계획이다.\n"
    );
    // Only the name after the slash goes, as the reporter's signature (the gold's class).
    assert_eq!(classes(&c), [Class::Signature, Class::Copyright]);
    assert_eq!(c.removals[0].text.trim(), "/ 김금란");
}

#[test]
fn a_comments_controls_go_and_its_name_and_date_stay() {
    let raw = "Autumn colours in the old town\nThe leaves turned early this year, and the market moved indoors by mid-October.\nOctober 2, 2012, | Permalink\nLovely photos, thank you for sharing them.\nby james on January 31, 2011 at 9:59 am. Reply #\nI walked the same route last week.\n";
    let c = clean(raw);
    assert_eq!(
        c.text,
        "Autumn colours in the old town\nThe leaves turned early this year, and the market moved indoors by mid-October.\nOctober 2, 2012,\nLovely photos, thank you for sharing them.\nby james on January 31, 2011 at 9:59 am.\nI walked the same route last week.\n"
    );
    // A date before the cut is not a masthead left behind: only the controls go.
    assert_eq!(classes(&c), [Class::Comments, Class::Comments]);
    assert_eq!(c.removals[0].text.trim(), "| Permalink");
}
