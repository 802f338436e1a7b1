"""A real Scrapy crawl of local file:// pages made from corpus documents, through
ParacleanPipeline: the cleaned field is the corpus gold. No network: the pages are files."""

from __future__ import annotations

import html
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("scrapy")

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parents[1] / "corpus"
DOCS = ["ko/seed", "ko/k001", "ko/k002", "ko/k003", "ko/k004", "ko/k005",
        "en/e001", "en/e002", "en/e003", "en/e004", "xx/x001", "neg/n001"]


def page(title: str, raw: str) -> str:
    """An article page: site chrome around an <article> with one <p> per line of the raw text."""
    paragraphs = "\n".join(f"<p>{html.escape(line, quote=False)}</p>" for line in raw.split("\n"))
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title></head>\n"
        "<body><nav><a href='/'>Home</a> | <a href='/news'>News</a></nav>\n"
        f"<article>\n{paragraphs}\n</article>\n"
        "<footer>© Example Media</footer></body></html>\n"
    )


def crawl(tmp_path: Path, *settings: str) -> list[dict]:
    urls = []
    for name in DOCS:
        raw = (CORPUS / name / "raw.txt").read_text(encoding="utf-8")
        path = tmp_path / "site" / f"{name.replace('/', '-')}.html"
        path.parent.mkdir(exist_ok=True)
        path.write_text(page(name, raw), encoding="utf-8")
        urls.append(path.as_uri())
    urls_file = tmp_path / "urls.txt"
    urls_file.write_text("\n".join(urls) + "\n", encoding="utf-8")
    out = tmp_path / "items.jsonl"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")]))
    done = subprocess.run(
        [
            sys.executable, "-m", "scrapy", "runspider", str(HERE / "article_spider.py"),
            "-a", f"urls_file={urls_file}",
            "-O", str(out),
            "-s", 'ITEM_PIPELINES={"scrapy_pipeline.ParacleanPipeline": 300}',
            "-s", "PARACLEAN_FIELD=text",
            "-s", "LOG_LEVEL=INFO",
            "-s", "TELNETCONSOLE_ENABLED=False",
            *settings,
        ],
        capture_output=True, text=True, encoding="utf-8", env=env, cwd=tmp_path, timeout=300,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    items = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return items, done.stderr


def by_doc(items: list[dict]) -> dict[str, dict]:
    return {Path(item["url"]).stem.replace("-", "/", 1): item for item in items}


def test_crawl_cleans_to_the_gold(tmp_path):
    items, log = crawl(tmp_path)
    got = by_doc(items)
    assert sorted(got) == sorted(DOCS)
    for name in DOCS:
        raw = (CORPUS / name / "raw.txt").read_text(encoding="utf-8")
        gold = (CORPUS / name / "gold.txt").read_text(encoding="utf-8")
        assert got[name]["raw"] == raw, f"{name}: the page did not give back the raw text"
        assert got[name]["text"] == gold, name
        assert "removed" not in got[name]
    assert "'paraclean/items_cleaned': 12" in log


def test_crawl_stores_removals_and_metadata(tmp_path):
    items, _ = crawl(
        tmp_path,
        "-s", "PARACLEAN_REMOVALS_FIELD=removed",
        "-s", "PARACLEAN_METADATA_FIELD=meta",
        "-s", "PARACLEAN_KEEP=copyright",
    )
    seed = by_doc(items)["ko/seed"]
    assert "Copyright © 중앙일보. 무단전재 및 재배포 금지." in seed["text"]
    assert seed["meta"]["emails"] == ["yunjm@joongang.co.kr"]
    classes = {r["class"] for r in seed["removed"]}
    assert "signature" in classes and "copyright" not in classes
    for r in seed["removed"]:
        assert seed["raw"][r["start"] : r["end"]] == r["text"]


def test_pipeline_on_items_without_a_crawl():
    sys.path.insert(0, str(HERE))
    try:
        from scrapy_pipeline import ParacleanPipeline
    finally:
        sys.path.remove(str(HERE))
    pipeline = ParacleanPipeline(field="body", removals_field="removed", url_field="url")
    raw = (CORPUS / "ko/seed/raw.txt").read_text(encoding="utf-8")
    item = pipeline.process_item({"body": raw, "url": "https://news.example.com/a"})
    assert item["body"] == (CORPUS / "ko/seed/gold.txt").read_text(encoding="utf-8")
    assert item["removed"]
    untouched = {"title": "no body"}
    assert pipeline.process_item(untouched) == {"title": "no body"}
