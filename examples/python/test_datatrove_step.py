"""ParacleanFormatter on datatrove Documents: on its own, and inside a LocalPipelineExecutor with
datatrove's JsonlWriter."""

from __future__ import annotations

import gzip
import json
import pickle
import sys
from pathlib import Path

import pytest

pytest.importorskip("datatrove")

from datatrove.data import Document  # noqa: E402
from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from datatrove_step import ParacleanFormatter  # noqa: E402

CORPUS = HERE.parents[1] / "corpus"
NAMES = ["ko/seed", "ko/k001", "ko/k002", "en/e001", "en/e002", "xx/x001", "neg/n001"]


def read(name: str, file: str) -> str:
    return (CORPUS / name / file).read_text(encoding="utf-8")


def documents() -> list[Document]:
    return [
        Document(text=read(name, "raw.txt"), id=name, metadata={"url": f"https://news.example.com/{name}"})
        for name in NAMES
    ]


def test_step_cleans_documents_to_the_gold():
    step = ParacleanFormatter(batch_size=3, url_key="url")
    out = list(step.run(iter(documents())))
    assert [d.id for d in out] == NAMES
    for doc in out:
        assert doc.text == read(doc.id, "gold.txt"), doc.id
        assert set(doc.metadata["paraclean"]) == {"authors", "emails", "publisher", "published"}
    seed = out[0]
    assert seed.metadata["paraclean"]["emails"] == ["yunjm@joongang.co.kr"]
    assert seed.metadata["url"] == "https://news.example.com/ko/seed"
    stats = step.stats.to_dict()["stats"]
    assert stats["total"] == len(NAMES)
    assert stats["batches"] == 3
    assert stats["removed_duplicate"] > 0
    assert stats["removed_chars"]["n"] == stats["docs_changed"]
    # The single-text form, as BaseFormatter declares it.
    assert step.format(read("ko/seed", "raw.txt")) == read("ko/seed", "gold.txt")


def test_step_options():
    step = ParacleanFormatter(keep=["copyright"], store_removals=True, metadata_key="pc", threads=1)
    seed = next(step.run(iter(documents()[:1])))
    assert "Copyright © 중앙일보. 무단전재 및 재배포 금지." in seed.text
    removals = seed.metadata["pc"]["removals"]
    raw = read("ko/seed", "raw.txt")
    assert removals and all(raw[r["start"] : r["end"]] == r["text"] for r in removals)
    assert all(r["class"] != "copyright" for r in removals)
    quiet = ParacleanFormatter(metadata_key=None)
    assert next(quiet.run(iter(documents()[:1]))).metadata == {"url": "https://news.example.com/ko/seed"}
    # A step travels to executor workers by pickling; its Cleaner is built where it runs.
    again = pickle.loads(pickle.dumps(step))
    assert next(again.run(iter(documents()[:1]))).text == seed.text


def test_step_in_a_local_executor(tmp_path):
    docs = documents()
    LocalPipelineExecutor(
        pipeline=[docs, ParacleanFormatter(), JsonlWriter(str(tmp_path / "out"))],
        tasks=1,
        logging_dir=str(tmp_path / "logs"),
    ).run()
    with gzip.open(tmp_path / "out" / "00000.jsonl.gz", "rt", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    assert [r["id"] for r in rows] == NAMES
    for row in rows:
        assert row["text"] == read(row["id"], "gold.txt")
        assert "paraclean" in row["metadata"]
    stats = json.loads((tmp_path / "logs" / "stats.json").read_text(encoding="utf-8"))
    assert any("paraclean" in step["name"] for step in stats)
