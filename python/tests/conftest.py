"""Shared fixtures: the repository root, the corpus, and the `paraclean` CLI to compare against."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"


def corpus_docs(*langs: str) -> list[Path]:
    """Document directories (with raw.txt and gold.txt) under corpus/<lang>/, in name order."""
    dirs = []
    for lang in langs:
        dirs += sorted(p.parent for p in (CORPUS / lang).glob("*/raw.txt"))
    return dirs


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def cli() -> str:
    """The `paraclean` binary of this checkout: $PARACLEAN_BIN, else `cargo build --release`'s."""
    explicit = os.environ.get("PARACLEAN_BIN")
    if explicit:
        assert Path(explicit).is_file(), f"PARACLEAN_BIN={explicit} is not a file"
        return explicit
    if shutil.which("cargo") is None:
        pytest.skip("no cargo to build the paraclean CLI (set PARACLEAN_BIN)")
    subprocess.run(
        ["cargo", "build", "--release", "--quiet", "--bin", "paraclean"], cwd=ROOT, check=True
    )
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    if not target.is_absolute():
        target = ROOT / target
    return str(target / "release" / "paraclean")


def run_cli(cli: str, *args: str, input: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [cli, *args],
        input=input,
        capture_output=True,
        text=True,
        encoding="utf-8",
        stdin=None if input is not None else subprocess.DEVNULL,
    )


def report_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def assert_same_as_report(cleaned, report: dict) -> None:
    """A Cleaned against one line of `paraclean clean --report`: every removal field by field
    (the report's char offsets are Python's start/end, its byte offsets byte_start/byte_end),
    and the metadata."""
    assert len(cleaned.removals) == len(report["removals"])
    for r, want in zip(cleaned.removals, report["removals"]):
        assert r.line == want["line"]
        assert (r.start, r.end) == (want["char_start"], want["char_end"])
        assert (r.byte_start, r.byte_end) == (want["start"], want["end"])
        assert r.text == want["text"]
        assert r.class_ == want["class"]
        assert r.reason == want["reason"]
    assert cleaned.metadata.to_dict() == report["metadata"]
