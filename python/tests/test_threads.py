"""One Cleaner shared by many Python threads; clean_many keeps input order and releases the GIL."""

from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import ThreadPoolExecutor

import paraclean
import pytest
from conftest import corpus_docs, read

DOCS = [read(d / "raw.txt") for d in corpus_docs("ko", "en")[:60]]


@pytest.fixture(scope="module")
def cleaner() -> paraclean.Cleaner:
    return paraclean.Cleaner()


@pytest.fixture(scope="module")
def expected(cleaner) -> list[str]:
    return [cleaner.clean(doc).text for doc in DOCS]


def test_one_cleaner_from_many_threads(cleaner, expected):
    def work(k: int) -> list[tuple[int, str]]:
        # Each thread walks the documents in its own order, mixing clean, clean_text and clean_many.
        order = DOCS[k:] + DOCS[:k]
        out = []
        for i, doc in enumerate(order):
            j = (i + k) % len(DOCS)
            if i % 3 == 0:
                out.append((j, cleaner.clean(doc).text))
            elif i % 3 == 1:
                out.append((j, cleaner.clean_text(doc)))
            else:
                out.append((j, cleaner.clean_many([doc], threads=1 + k % 2)[0].text))
        return out

    with ThreadPoolExecutor(max_workers=8) as pool:
        for result in pool.map(work, range(8)):
            for j, text in result:
                assert text == expected[j]


def test_clean_many_in_input_order(cleaner, expected):
    for threads in (None, 1, 2, 3):
        assert [c.text for c in cleaner.clean_many(DOCS, threads=threads)] == expected
    backwards = cleaner.clean_many(list(reversed(DOCS)))
    assert [c.text for c in backwards] == expected[::-1]
    # Any iterable of str, also a generator; an empty one gives an empty list.
    assert [c.text for c in cleaner.clean_many(d for d in DOCS[:5])] == expected[:5]
    assert cleaner.clean_many([]) == []


def test_clean_many_from_several_threads_at_once(cleaner, expected):
    with ThreadPoolExecutor(max_workers=4) as pool:
        runs = list(pool.map(lambda t: cleaner.clean_many(DOCS, threads=t), [None, 1, 2, None]))
    for run in runs:
        assert [c.text for c in run] == expected


def test_clean_many_releases_the_gil(cleaner):
    """While a thread is inside clean_many, other Python threads run."""
    big = DOCS * 40
    done = threading.Event()
    ticks = []

    def work():
        cleaner.clean_many(big, threads=1)
        done.set()

    t = threading.Thread(target=work)
    t.start()
    # Python code of this thread runs while the other is cleaning (with the GIL held, these ticks
    # could only happen after clean_many returned).
    while not done.is_set() and len(ticks) < 200:
        ticks.append(1)
        done.wait(0.001)
    finished_early = not done.is_set()
    t.join()
    assert finished_early and len(ticks) == 200


def test_bad_thread_counts(cleaner):
    with pytest.raises(ValueError, match="threads must be at least 1"):
        cleaner.clean_many(DOCS[:2], threads=0)
    with pytest.raises(OverflowError):
        cleaner.clean_many(DOCS[:2], threads=-1)


def _clean_in_child(cleaner, docs, threads, queue):
    queue.put([c.text for c in cleaner.clean_many(docs, threads=threads)])


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_clean_many_in_a_forked_child(cleaner, expected):
    """A child forked after the parent cleaned in parallel (multiprocessing's default on Linux,
    datasets.map(num_proc=...)) gets thread pools of its own: the parent's threads are not there."""
    cleaner.clean_many(DOCS[:4])
    cleaner.clean_many(DOCS[:4], threads=2)
    ctx = multiprocessing.get_context("fork")
    for threads in (None, 2, 3):
        queue = ctx.Queue()
        child = ctx.Process(target=_clean_in_child, args=(cleaner, DOCS, threads, queue))
        child.start()
        try:
            assert queue.get(timeout=120) == expected
        finally:
            child.join(10)
            if child.is_alive():
                child.kill()
