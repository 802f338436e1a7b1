#!/usr/bin/env python3
"""Boilerplate left in real Naver text after cleaning (issue 12's check), with no gold needed.

Reads the two real Naver sets in ../shared/realdata when they are there (skips with a note otherwise):
  2019: Hanseok-Oh/Korean_News_summarization, one article body per TSV row (sentences glued, no
        line breaks), deduplicated by body;
  2016: lovit/soynlp doublespace sample, punctuation stripped by its author, blocks joined by two spaces.
Cleans them with the paraclean binary, then counts, per set:
  - documents whose output still holds a wire lead, bracket lead, reporter signature, credit or
    copyright notice (each found by a broad pattern written here, independent of the rule packs);
  - output lines (2016: double-space blocks) left holding only a fragment of boilerplate (an outlet
    name, a bare `=`, a slogan) that the input did not have on its own;
  - removals that took article words (the removed text holds a predicate ending such as `…한다`:
    boilerplate never conjugates).
The patterns are deliberately broad: a flagged document is a place to look, and --show N prints them.

Usage: python3 benches/naver_check.py [--bin target/release/paraclean] [--show N] [--extra ARGS]
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REAL = os.path.join(HERE, "..", "..", "shared", "realdata")
SET19 = os.path.join(REAL, "Hanseok-Oh__Korean_News_summarization", "data", "카카오", "contents.txt")
SET16 = os.path.join(REAL, "lovit__soynlp", "tutorials", "doublespace_line_corpus_sample.txt")

H = "[가-힣]"
# Broadcast speaker turns and story labels in brackets are content, not leads.
# What boilerplate left in the output looks like. Broad on purpose; each is one kind the issue names.
LEFT = {
    "wire lead": re.compile(
        r"[(\[【<]\s*[가-힣A-Za-z]{1,10}\s*=\s*[가-힣A-Za-z0-9]{2,12}[^)\]】>]{0,20}[)\]】>]"
        r"|^\s*(?:[가-힣]{2,4}\s+)?(?:연합뉴스|뉴시스|뉴스1|노컷뉴스)\s+[가-힣]{2,4}\s+(?:기자|특파원)"
        r"|^\s*[가-힣]{2,6}\s*=\s*[가-힣A-Za-z0-9]{2,10}\s*[)\]】]"
    ),
    "bracket lead": re.compile(
        r"\[\s*[^\]\[]{0,20}[가-힣]{2,4}\s?(?:기자|특파원|통신원)\s*\]|^\s*\[(?!(?:앵커|기자|리포트|인터뷰|녹취|현장음|앵커멘트|기자멘트|박스기사|속보|단독|종합|사설|칼럼|해설|앵커\s?리포트)\])[가-힣A-Za-z0-9·&]{2,12}\]"
        r"|\[\s*(?!(?:앵커|기자|리포트|인터뷰|녹취|현장음|앵커멘트|기자멘트|박스기사|속보|단독|종합|사설|칼럼|해설|앵커\s?리포트)\s*\])(?:[가-힣A-Za-z0-9]{2,12}\s+)?[가-힣]{2,4}\s*\]\s*\S"
    ),
    "signature": re.compile(
        rf"{H}{{2,4}}\s?기자\s*[(\[]?\s*[A-Za-z0-9._-]+\s*@"
        rf"|{H}{{2,4}}기자\s+\d{{2,4}}(?!\d|일|월|년|시|분|명|개|원|%)"
        rf"|(?:^|\s\s)(?:[가-힣A-Za-z]{{2,12}}\s)?{H}{{2,4}}\s?(?:{H}{{1,6}}\s)?(?:기자|특파원)(?:\s+\d{{1,4}})?\s*(?:\s\s|$)"
        rf"|[.다]\s*[가-힣]{{2,4}} ?기자\s*$"
    ),
    "credit": re.compile(
        r"사진\s*=|/\s*사진|사진\s?제공|\(\s*[가-힣A-Za-z0-9·]{2,15}\s*제공\s*\)|ⓒ\s*[가-힣A-Za-z]"
        r"|(?:^|\s\s)사진\s+[가-힣A-Za-z0-9 ]{2,20}(?:\s\s|$)|[가-힣A-Za-z]{2,12}\s제공(?=[가-힣])(?![하한할해했되된될됐돼합함받업이을을은의키])"
    ),
    "copyright": re.compile(
        r"무단\s?전재|재배포\s?금지|저작권자(?![가-힣])|copyright|©|ⓒ\s*$|all rights reserved", re.I
    ),
}
# A line (2016: a double-space block) that is only a piece of boilerplate.
FRAGMENT = re.compile(
    r"^\s*(?:=|[-=]?\s*[가-힣A-Za-z0-9]{1,10}\s*(?:뉴스|일보|신문|경제|닷컴|tv|TV)\d{0,2}|"
    r"[가-힣A-Za-z0-9]{2,12}와 친해지는 가장 확실한 방법|돈이 보이는 리얼타임 뉴스|공감언론 뉴시스통신사|"
    r"\d\s*[가-힣]{2,6}\s*\d{1,2}|[가-힣]{2,4}\s?기자)\s*[.,]?\s*$"
)
def load19():
    seen, docs = set(), []
    with open(SET19, encoding="utf-8") as f:
        for i, line in enumerate(f):
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 5:
                continue
            body = parts[3].strip()
            if body and body not in seen:
                seen.add(body)
                docs.append({"id": f"2019:{i + 1}", "text": body})
    return docs


def load16():
    docs = []
    with open(SET16, encoding="utf-8") as f:
        for i, line in enumerate(f):
            text = line.strip()
            if text:
                docs.append({"id": f"2016:{i + 1}", "text": text})
    return docs


def clean(binary, docs, extra):
    with tempfile.TemporaryDirectory() as tmp:
        src, out, rep = (os.path.join(tmp, n) for n in ("in.jsonl", "out.jsonl", "rep.jsonl"))
        with open(src, "w", encoding="utf-8") as f:
            for d in docs:
                f.write(json.dumps(d, ensure_ascii=False) + "\n")
        cmd = [binary, "clean", "-q", "--text-field", "text", "--id-field", "id", src, "-o", out, "--report", rep]
        subprocess.run(cmd + extra, check=True)
        texts = [json.loads(l)["text"] for l in open(out, encoding="utf-8")]
        reports = [json.loads(l) for l in open(rep, encoding="utf-8")]
    by_id = {str(r.get("id")): r.get("removals", []) for r in reports}
    return texts, [by_id.get(d["id"], by_id.get(str(i), [])) for i, d in enumerate(docs)]


def pieces(text, stripped):
    # Lines; in the punctuation-stripped set, the double-space blocks too.
    out = []
    for line in text.split("\n"):
        out.extend(re.split(r"\s{2,}", line) if stripped else [line])
    return [p.strip() for p in out if p.strip()]


# A predicate ending (`…한다`, `…했다.`, `…이다`, `…요`) inside a removal is a piece of a sentence:
# boilerplate never conjugates. Slogans that do (`…가장 확실한 방법`) are nouns at the end.
PREDICATE = re.compile(r"[가-힣](?:다|요|죠)(?=[\s.,!?\"”’']|$)")


def word_loss(removal):
    return PREDICATE.search(removal["text"]) is not None


def check(name, docs, binary, extra, show):
    stripped = name == "2016"
    texts, removals = clean(binary, docs, extra)
    kinds = {k: [] for k in LEFT}
    any_left, fragments, losses = [], [], []
    for doc, text, rem in zip(docs, texts, removals):
        found = [k for k, rx in LEFT.items() if any(rx.search(p) for p in pieces(text, stripped))]
        for k in found:
            kinds[k].append(doc["id"])
        if found:
            any_left.append((doc["id"], found, text))
        before = {p for p in pieces(doc["text"], stripped) if FRAGMENT.match(p)}
        frag = [p for p in pieces(text, stripped) if FRAGMENT.match(p) and p not in before]
        if frag:
            fragments.append((doc["id"], frag))
        lost = [r["text"] for r in rem if word_loss(r)]
        if lost:
            losses.append((doc["id"], lost))
    n = len(docs)
    print(f"== {name}: {n} documents")
    print(f"documents keeping boilerplate: {len(any_left)} ({100 * len(any_left) / n:.1f} per 100)")
    for k, ids in kinds.items():
        print(f"  {k:13} {len(ids):4} ({100 * len(ids) / n:.1f} per 100)")
    print(f"documents with a line left holding only a fragment: {len(fragments)}")
    print(f"documents with a removal that may hold article words: {len(losses)}")
    for doc_id, found, text in any_left[:show]:
        hits = []
        for k in found:
            for p in pieces(text, stripped):
                m = LEFT[k].search(p)
                if m:
                    s = max(0, m.start() - 30)
                    hits.append(f"{k}: …{p[s:m.end() + 30]}…")
                    break
        print(f"  left {doc_id}: " + " | ".join(hits))
    for doc_id, frag in fragments[:show]:
        print(f"  fragment {doc_id}: {frag}")
    for doc_id, lost in losses[:show]:
        print(f"  removal {doc_id}: {lost}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default=os.path.join(HERE, "..", "target", "release", "paraclean"))
    ap.add_argument("--show", type=int, default=0, help="print this many flagged documents per kind")
    ap.add_argument("--extra", default="", help="more arguments for `paraclean clean`")
    args = ap.parse_args()
    if not (os.path.exists(SET19) and os.path.exists(SET16)):
        print(f"skipped: the Naver sets are not at {REAL}")
        return 0
    extra = args.extra.split()
    check("2019", load19(), args.bin, extra, args.show)
    check("2016", load16(), args.bin, extra, args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
