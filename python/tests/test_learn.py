"""Learned tables from Python are the CLI's tables: byte for byte, in both directions."""

from __future__ import annotations

import json
from pathlib import Path

import paraclean
import pytest
from conftest import CORPUS, assert_same_as_report, read, report_lines, run_cli

LEARNED = CORPUS / "learned"
DOCS = sorted(LEARNED.glob("*/*/raw.txt"))
PAIRS = [(p.parent.parent.name, read(p)) for p in DOCS]


@pytest.fixture(scope="module")
def cli_table(cli, tmp_path_factory) -> Path:
    table = tmp_path_factory.mktemp("cli") / "cli.table"
    done = run_cli(cli, "learn", "-q", str(LEARNED), "--include", "raw.txt", "-o", str(table))
    assert done.returncode == 0, done.stderr
    return table


def test_learn_writes_the_cli_table(cli_table, tmp_path):
    assert len(PAIRS) == 500
    table = tmp_path / "py.table"
    stats = paraclean.learn(PAIRS, table)
    assert (stats.sources, stats.documents) == (5, 500) and stats.entries > 0
    assert table.read_bytes() == cli_table.read_bytes()
    # Spilling to disk (a tiny memory budget) and threads change nothing.
    spilled = tmp_path / "spilled.table"
    paraclean.learn(iter(PAIRS), spilled, memory_entries=1000, spill_dir=tmp_path, threads=1)
    assert spilled.read_bytes() == table.read_bytes()


def test_merged_shards_are_the_whole_table(cli_table, tmp_path):
    parts = []
    for i in range(3):
        part = tmp_path / f"part-{i}.table"
        paraclean.learn(PAIRS[i::3], part)
        parts.append(part)
    merged = tmp_path / "merged.table"
    stats = paraclean.merge_tables(parts, merged)
    assert stats.documents == 500
    assert merged.read_bytes() == cli_table.read_bytes()
    pruned = tmp_path / "pruned.table"
    paraclean.merge_tables([str(p) for p in parts], pruned, prune_below=3)
    with pytest.raises(paraclean.TableError, match="was pruned"):
        paraclean.merge_tables([pruned, merged], tmp_path / "x.table")
    with pytest.raises(ValueError, match="prune_below must be at least 1"):
        paraclean.learn(PAIRS[:3], tmp_path / "y.table", prune_below=0)
    with pytest.raises(TypeError):
        paraclean.learn(["not a pair"], tmp_path / "z.table")


def test_cleaning_with_a_cli_table_matches_the_cli(cli, cli_table, tmp_path):
    cleaner = paraclean.Cleaner(learned=cli_table)
    assert [name for name, _ in cleaner.learned_sources] == [
        "en-local",
        "ja-news",
        "ko-broadcast",
        "ko-regional",
        "ko-webzine",
    ]
    jsonl = tmp_path / "docs.jsonl"
    with jsonl.open("w", encoding="utf-8") as f:
        for i, (source, text) in enumerate(PAIRS):
            f.write(json.dumps({"id": str(i), "source": source, "text": text}, ensure_ascii=False) + "\n")
    out, report = tmp_path / "out.jsonl", tmp_path / "report.jsonl"
    done = run_cli(
        cli, "clean", "-q", "--learned", str(cli_table), "--source-field", "source",
        "--id-field", "id", "-o", str(out), "--report", str(report), str(jsonl),
    )
    assert done.returncode == 0, done.stderr
    outputs = [json.loads(line)["text"] for line in out.read_text(encoding="utf-8").splitlines()]
    reports = report_lines(report)
    results = cleaner.clean_many([t for _, t in PAIRS], sources=[s for s, _ in PAIRS])
    learned = 0
    assert len(results) == len(outputs) == len(reports) == 500
    for cleaned, want, line in zip(results, outputs, reports):
        assert cleaned.text == want
        assert_same_as_report(cleaned, line)
        learned += sum(r.class_ == "learned" for r in cleaned.removals)
    assert learned > 500
    # The source is what selects the table's counts: without it, only the rules run.
    text = PAIRS[0][1]
    with_source = cleaner.clean(text, source=PAIRS[0][0])
    assert any(r.class_ == "learned" for r in with_source.removals)
    assert not any(r.class_ == "learned" for r in cleaner.clean(text).removals)
