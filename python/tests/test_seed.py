"""Python gives what the CLI gives: the same text, removals and metadata, on the seed document and
on the whole gold corpus."""

from __future__ import annotations

import json
from pathlib import Path

import paraclean
from conftest import CORPUS, assert_same_as_report, corpus_docs, read, report_lines, run_cli

SEED = CORPUS / "ko" / "seed"


def test_seed_is_the_gold():
    raw, gold = read(SEED / "raw.txt"), read(SEED / "gold.txt")
    assert paraclean.clean(raw) == gold
    assert paraclean.Cleaner().clean(raw).text == gold


def test_seed_matches_the_cli_report(cli, tmp_path: Path):
    raw = read(SEED / "raw.txt")
    report = tmp_path / "report.jsonl"
    done = run_cli(cli, "clean", "-q", "--report", str(report), str(SEED / "raw.txt"))
    assert done.returncode == 0, done.stderr
    cleaned = paraclean.Cleaner().clean(raw)
    assert cleaned.text == done.stdout
    (line,) = report_lines(report)
    assert_same_as_report(cleaned, line)
    # The seed has something in each part of the report.
    classes = {r.class_ for r in cleaned.removals}
    assert {"duplicate", "signature", "copyright", "related-list"} <= classes
    assert cleaned.metadata.emails == ["yunjm@joongang.co.kr"]
    assert cleaned.metadata.publisher == "중앙일보"
    for r in cleaned.removals:
        assert raw[r.start : r.end] == r.text
        assert r.explain()


def test_whole_corpus_matches_the_cli(cli, tmp_path: Path):
    """Every gold-corpus document through clean_many and through `paraclean clean` on JSONL."""
    docs = corpus_docs("ko", "en", "xx", "neg", "long")
    texts = [read(d / "raw.txt") for d in docs]
    jsonl = tmp_path / "corpus.jsonl"
    with jsonl.open("w", encoding="utf-8") as f:
        for d, text in zip(docs, texts):
            f.write(json.dumps({"id": str(d.relative_to(CORPUS)), "text": text}, ensure_ascii=False) + "\n")
    out, report = tmp_path / "out.jsonl", tmp_path / "report.jsonl"
    done = run_cli(
        cli, "clean", "-q", "--id-field", "id", "-o", str(out), "--report", str(report), str(jsonl)
    )
    assert done.returncode == 0, done.stderr
    outputs = [json.loads(line)["text"] for line in out.read_text(encoding="utf-8").splitlines()]
    reports = {line["id"]: line for line in report_lines(report)}
    results = paraclean.Cleaner().clean_many(texts)
    assert len(results) == len(docs) == len(outputs)
    for d, text, cleaned, want in zip(docs, texts, results, outputs):
        assert cleaned.text == want, d
        assert_same_as_report(cleaned, reports[str(d.relative_to(CORPUS))])
        for r in cleaned.removals:
            assert text[r.start : r.end] == r.text, (d, r)
