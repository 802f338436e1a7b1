"""Removal offsets index the Python string: code points, also past Korean and astral-plane emoji
(which take 3 and 4 bytes in UTF-8, and 2 units in UTF-16)."""

from __future__ import annotations

import paraclean

# A Yonhap-style article with emoji in the title and body: a dateline cut out of the first body
# line, a repeated paragraph, the reporter's signature and the copyright line.
DOC = (
    "🎉🚀 SKT, ‘K-AI 얼라이언스’ 문 활짝 연다 😀\n"
    "(서울=연합뉴스) 홍길동 기자 = SK텔레콤이 인공지능 동맹을 넓힌다 🤝. 회사는 14일 이같이 밝혔다.\n"
    "행사에는 몰로코·베스핀글로벌 등 15개 기업이 참여했다 👏👏. 참가 기업들은 파트너사 확대에 뜻을 모았다고 회사 측이 전했다.\n"
    "🧠 유영상 대표는 “혼자서 AI 혁신의 변화 속도를 따라가는 것은 불가능하다”고 말했다 💬.\n"
    "행사에는 몰로코·베스핀글로벌 등 15개 기업이 참여했다 👏👏. 참가 기업들은 파트너사 확대에 뜻을 모았다고 회사 측이 전했다.\n"
    "홍길동 기자 gildong@yna.co.kr\n"
    "<저작권자(c) 연합뉴스, 무단 전재-재배포, AI 학습 및 활용 금지>\n"
)


def astral_before(text: str, at: int) -> int:
    return sum(1 for c in text[:at] if ord(c) > 0xFFFF)


def whole_lines(text: str, r: paraclean.Removal) -> bool:
    starts = r.start == 0 or text[r.start - 1] == "\n"
    ends = r.end == len(text) or text[r.end] == "\n" or text[r.end - 1] == "\n"
    return starts and ends


def test_offsets_slice_the_python_string():
    cleaned = paraclean.Cleaner().clean(DOC)
    assert cleaned.removals, cleaned
    encoded = DOC.encode("utf-8")
    for r in cleaned.removals:
        assert DOC[r.start : r.end] == r.text, r
        assert encoded[r.byte_start : r.byte_end].decode("utf-8") == r.text, r
        assert r.to_dict()["start"] == r.start and r.to_dict()["end"] == r.end
    # The case that tells code points from bytes and UTF-16 units: a piece cut out mid-document,
    # after emoji.
    assert any(astral_before(DOC, r.start) >= 3 for r in cleaned.removals)
    # One piece is cut out of a line that stays (the dateline), so its start is not a line start.
    assert any(not whole_lines(DOC, r) for r in cleaned.removals), cleaned.removals
    classes = {r.class_ for r in cleaned.removals}
    assert {"byline", "duplicate", "signature", "copyright"} <= classes, classes
    # Removing the pieces from the document by their offsets leaves what the clean text holds.
    kept, at = [], 0
    for r in cleaned.removals:
        kept.append(DOC[at : r.start])
        at = r.end
    kept.append(DOC[at:])
    rest = "".join(kept)
    for line in cleaned.text.splitlines():
        assert line.strip() in rest


def test_offsets_in_many_and_with_surrogate_pairs_everywhere():
    # Every line starts with astral characters, so every offset is off by a lot in UTF-16.
    doc = "\n".join("𝕏𝕏😀 " + line if line else line for line in DOC.split("\n"))
    for cleaned in paraclean.Cleaner().clean_many([doc, DOC, doc], threads=2):
        source = doc if cleaned.text.startswith("𝕏") else DOC
        assert cleaned.removals
        for r in cleaned.removals:
            assert source[r.start : r.end] == r.text
