#!/usr/bin/env python3
"""Python's `Cleaner.clean_many` against the Rust library's `Cleaner::clean_batch` on the same
documents (the throughput benchmark's seeded Korean JSONL), on 1 and 2 threads.

    pip install ./python                      # a release build of the package
    python3 benches/python_throughput.py [MB] [SEED] [RUNS]

Rust and Python runs alternate (R, P, R, P, ...) so that load from other processes hits both alike;
each figure is the median of RUNS runs (default 3). Python is timed twice: `clean_many` alone, and
`clean_many` plus reading every result's `.text` (the conversion to Python str). Input decoding and
JSON parsing are not timed on either side. Besides wall-clock MB/s, each run's CPU time (user +
system, all threads) gives MB per CPU-second: on a machine shared with other work, wall time also
counts the waiting for a core, CPU time only the work.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import paraclean

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    mb = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 42
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    if paraclean._paraclean._debug_build:
        sys.exit("paraclean is a debug build (maturin develop): install a release build, pip install ./python")
    data = Path(os.environ.get("TMPDIR", "/tmp")) / f"paraclean-bench-{mb}-{seed}.jsonl"
    cargo = ["cargo", "build", "--release", "-q", "--example"]
    subprocess.run([*cargo, "gen_jsonl"], cwd=ROOT, check=True)
    subprocess.run([*cargo, "lib_throughput"], cwd=ROOT, check=True)
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    examples = (target if target.is_absolute() else ROOT / target) / "release" / "examples"
    if not data.exists() or data.stat().st_size == 0:
        with data.open("wb") as f:
            subprocess.run([examples / "gen_jsonl", "corpus", str(mb), str(seed), "ko"], cwd=ROOT, stdout=f, check=True)
    texts = [json.loads(line)["text"] for line in data.read_text(encoding="utf-8").splitlines()]
    size = sum(len(t.encode("utf-8")) for t in texts)
    print(f"input: {data}, {size} bytes of text, {len(texts)} documents "
          f"({time.strftime('%Y-%m-%d', time.gmtime())}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f})")

    cleaner = paraclean.Cleaner()
    cleaner.clean_many(texts[:200], threads=1)  # warm-up: rules compile on first use
    rust: dict[int, list[float]] = {1: [], 2: []}
    py: dict[int, list[float]] = {1: [], 2: []}
    py_text: dict[int, list[float]] = {1: [], 2: []}
    rust_cpu: dict[int, list[float]] = {1: [], 2: []}
    py_cpu: dict[int, list[float]] = {1: [], 2: []}
    for _ in range(runs):
        for threads in (1, 2):
            out = subprocess.run(
                [examples / "lib_throughput", str(data), str(threads), "1"],
                cwd=ROOT, check=True, capture_output=True, text=True,
            ).stdout
            run = json.loads(out.splitlines()[-1])
            rust[threads].append(run["seconds"])
            if run["cpu_seconds"] is not None:
                rust_cpu[threads].append(run["cpu_seconds"])
            c0 = time.process_time()
            t0 = time.perf_counter()
            results = cleaner.clean_many(texts, threads=threads)
            t1 = time.perf_counter()
            py_cpu[threads].append(time.process_time() - c0)
            cleaned = [r.text for r in results]
            t2 = time.perf_counter()
            assert len(cleaned) == len(texts)
            py[threads].append(t1 - t0)
            py_text[threads].append(t2 - t0)
            del results, cleaned

    def mbs(seconds: list[float]) -> float:
        return size / statistics.median(seconds) / 1e6

    print("| run | 1 thread | 2 threads | 2 threads / 1 thread |")
    print("|---|---:|---:|---:|")
    for label, times in (
        ("Rust `clean_batch`", rust),
        ("Python `clean_many`", py),
        ("Python `clean_many` + `.text`", py_text),
    ):
        print(f"| {label} | {mbs(times[1]):.1f} MB/s | {mbs(times[2]):.1f} MB/s | {mbs(times[2]) / mbs(times[1]):.2f}× |")
    for threads in (1, 2):
        print(f"Python / Rust on {threads} thread{'s' if threads > 1 else ''}: "
              f"{mbs(py[threads]) / mbs(rust[threads]):.0%} (clean_many), "
              f"{mbs(py_text[threads]) / mbs(rust[threads]):.0%} (with .text)")
    print(f"Python 2 threads / Rust 1 thread: {mbs(py[2]) / mbs(rust[1]):.2f}×")
    if rust_cpu[1]:
        print("MB per CPU-second (all threads): " + ", ".join(
            f"{label} {threads} thread{'s' if threads > 1 else ''} {mbs(times[threads]):.1f}"
            for threads in (1, 2)
            for label, times in (("Rust", rust_cpu), ("Python", py_cpu))
        ))
    print(f"raw seconds: rust {rust}, python {py}, python+text {py_text}")
    print(f"raw CPU seconds: rust {rust_cpu}, python {py_cpu}; load now {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
