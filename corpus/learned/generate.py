#!/usr/bin/env python3
"""Builds corpus/learned/<source>/<nnn>/{raw.txt,gold.txt,doc.toml} from spec/<source>.json (the site's
template) and spec/<source>.articles.jsonl (100 articles). Deterministic: run it again and nothing changes.

raw  = head template blocks, title, after-head blocks, paragraphs (a mid block after paragraph 2, standing
       paragraphs at the start or end of the body), tail template blocks
gold = raw without the template blocks (layout kept, one final newline)

Each template block is present with its probability `p`; slots ({date} {time} {n} {headline} {reporter}
{email} {url}) vary per document, like a real site's template.
"""
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SPEC = HERE / "spec"


def toml_literal(text):
    assert "'''" not in text
    return "'''" + text + "'''"


def date_for(lang, rng):
    y, m, d = 2024, rng.randint(1, 12), rng.randint(1, 28)
    if lang == "ja":
        return f"{y}年{m}月{d}日"
    if lang == "en":
        return f"{m:02d}/{d:02d}/{y}"
    return f"{y}.{m:02d}.{d:02d}"


def fill(text, ctx, rng, headlines):
    out = text
    while "{n}" in out:
        out = out.replace("{n}", str(rng.randint(1, 99999)), 1)
    while "{headline}" in out:
        out = out.replace("{headline}", headlines.pop(), 1)
    for slot in ("date", "time", "reporter", "email", "url"):
        out = out.replace("{" + slot + "}", ctx[slot])
    return out


def build(source):
    spec = json.loads((SPEC / f"{source}.json").read_text())
    articles = [json.loads(l) for l in (SPEC / f"{source}.articles.jsonl").read_text().splitlines() if l.strip()]
    sep = "\n\n" if spec["layout"] == "blank" else "\n"
    lang, domain = spec["lang"], spec["domain"]
    out_dir = HERE / source
    for i, art in enumerate(articles):
        rng = random.Random(f"{source}/{i}")
        name, local = rng.choice(spec["reporters"])
        ctx = {
            "date": date_for(lang, rng),
            "time": f"{rng.randint(6, 22):02d}:{rng.randint(0, 59):02d}",
            "reporter": name,
            "email": f"{local}@{domain}",
            "url": f"https://{domain}/news/articleView.html?idxno={rng.randint(100000, 399999)}",
        }
        others = [a["title"] for j, a in enumerate(articles) if j != i]
        headlines = rng.sample(others, 8)
        blocks = []  # (text, template entry or None, kept note or None)

        def template(at):
            for t in spec["template"]:
                if t["at"] == at and rng.random() < t["p"]:
                    blocks.append((fill(t["text"], ctx, rng, headlines), t, None))

        template("head")
        blocks.append((art["title"], None, None))
        template("afterhead")
        standing = [s for s in spec.get("standing", []) if rng.random() < s["p"]]
        for s in standing:
            if s["at"] == "start":
                blocks.append((s["text"], None, s))
        paras = art["paragraphs"]
        for k, p in enumerate(paras):
            blocks.append((p, None, None))
            if k == min(1, len(paras) - 2):
                template("mid")
        for s in standing:
            if s["at"] == "end":
                blocks.append((s["text"], None, s))
        template("tail")

        raw = sep.join(b for b, _, _ in blocks) + "\n"
        gold = sep.join(b for b, t, _ in blocks if t is None) + "\n"
        doc_dir = out_dir / f"{i + 1:03d}"
        doc_dir.mkdir(parents=True, exist_ok=True)
        (doc_dir / "raw.txt").write_text(raw)
        (doc_dir / "gold.txt").write_text(gold)
        meta = [
            f"source = {toml_literal(source)}",
            'via = "site"',
            f'lang = "{lang}"',
            'era = "2024"',
            f"hard_negative = {'true' if standing else 'false'}",
            f"why = {toml_literal('Generated from spec/' + source + '.json: the site template (learned, unknown to the rule packs) around article ' + str(i + 1) + ' of spec/' + source + '.articles.jsonl.')}",
        ]
        for text, t, keep in blocks:
            if t is not None:
                meta += ["", "[[removed]]", f'class = "{t["class"]}"', f"text = {toml_literal(text)}", f"why = {toml_literal(t['why'])}"]
        for text, _, keep in blocks:
            if keep is not None:
                meta += ["", "[[kept]]", f"text = {toml_literal(text)}", f"why = {toml_literal('standing paragraph, frequent but article text: ' + keep['why'])}"]
        (doc_dir / "doc.toml").write_text("\n".join(meta) + "\n")
    return len(articles)


if __name__ == "__main__":
    sources = sys.argv[1:] or sorted(p.name[: -len(".json")] for p in SPEC.glob("*.json"))
    for s in sources:
        print(s, build(s))
