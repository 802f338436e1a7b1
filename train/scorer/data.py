"""Loading the feature dumps and labelling their blocks against the gold.

A block (the text the scorer sees: a line left standing by the rules, learned templates and
duplicates) is **boilerplate** when fewer than half of its tokens are found in the gold. Tokens are
those of realgold's `common.tokenize` (NFKC, lower case, letter/digit runs, one token per CJK char),
the unit `score.py` measures in, so a label says what removing the block does to the score.

Finding a token "in the gold" consumes it from the gold's bag (a multiset), in two passes: first
the blocks whose whole token sequence occurs contiguously in the gold (they are gold paragraphs, or
parts of them; 4 tokens at least, as "Reply" is found inside many a sentence), then the others,
token by token. The first passes keep a boilerplate line ("Home", "Reply") from taking tokens that a
real paragraph needs. The fraction found is bimodal (on
article_body.dev: 86% of blocks ≥ 0.9, 10% < 0.1, 4% in between), so the cut at 0.5 is not
delicate; blocks with no token at all (`|`, `*`) carry no weight (they cannot change the score).

For the project's corpus (`corpus/<lang>/<id>/{raw,gold}.txt`), a block is content when its text
is a line of `gold.txt` (taken once each), else by the same token rule.
"""
import json
import os
import sys
from collections import Counter

import numpy as np


def realgold_module(realgold_dir):
    sys.path.insert(0, os.path.abspath(realgold_dir))
    import common  # noqa: E402
    import score  # noqa: E402
    return common, score


def label_blocks(texts, gold, common):
    """Per block: (tokens, tokens found in the gold)."""
    G = common.bag(gold)
    gstr = common.token_str(gold)
    lines = Counter(" ".join(common.tokenize(p)) for p in common.paragraphs(gold))
    toks = [common.tokenize(t) for t in texts]
    found = [None] * len(texts)

    def take(i, t):
        c = Counter(t)
        if all(G[k] >= v for k, v in c.items()):
            G.subtract(c)
            found[i] = len(t)
            return True
        return False

    # 1. Blocks that are a gold paragraph. 2. Blocks of 4+ tokens found contiguously in the gold
    # (part of a paragraph); a shorter run ("Reply", "Comments") matches inside any sentence.
    for i, t in enumerate(toks):
        if not t:
            found[i] = 0
        elif lines[" ".join(t)] > 0 and take(i, t):
            lines[" ".join(t)] -= 1
    for i, t in enumerate(toks):
        if found[i] is None and len(t) >= 4 and " " + " ".join(t) + " " in gstr:
            take(i, t)
    # 3. The rest, token by token, from what is left of the gold's bag.
    for i, t in enumerate(toks):
        if found[i] is None:
            n = 0
            for k in t:
                if G[k] > 0:
                    G[k] -= 1
                    n += 1
            found[i] = n
    return [(len(t), f) for t, f in zip(toks, found)]


class Docs:
    """All blocks of a set of dumped documents, flattened, with per-block arrays."""

    def __init__(self):
        self.X = []
        self.y = []
        self.ntok = []
        self.protected = []
        self.doc = []          # index into self.docs
        self.docs = []         # dicts: id, dataset, lang, text list, gold, hard_negative
        self.texts = []

    def add(self, rec, gold, common, corpus=False):
        texts = [b["text"] for b in rec["blocks"]]
        labels = label_blocks(texts, gold, common)
        if corpus:
            lines = Counter(l for l in gold.split("\n") if l.strip())
        d = len(self.docs)
        self.docs.append({"id": rec["id"], "dataset": rec["dataset"], "lang": rec.get("lang", ""),
                          "hard_negative": rec.get("hard_negative", False), "gold": gold, "raw": rec.get("raw"),
                          "start": len(self.y), "end": len(self.y) + len(texts)})
        for b, (n, f) in zip(rec["blocks"], labels):
            if corpus and lines[b["text"]] > 0:
                lines[b["text"]] -= 1
                lab = 0
            elif corpus and n == 0:
                lab = 1
            else:
                lab = int(n > 0 and f / n < 0.5)
            self.X.append(b["features"])
            self.y.append(lab)
            self.ntok.append(n)
            self.protected.append(b["protected"])
            self.doc.append(d)
            self.texts.append(b["text"])

    def finish(self):
        self.X = np.asarray(self.X, dtype=np.float64)
        self.y = np.asarray(self.y, dtype=np.int64)
        self.ntok = np.asarray(self.ntok, dtype=np.float64)
        self.protected = np.asarray(self.protected, dtype=bool)
        self.doc = np.asarray(self.doc, dtype=np.int64)
        self.dataset = np.asarray([self.docs[d]["dataset"] for d in self.doc])
        return self


def load_realgold(dump_path, gold_path, common, docs=None):
    docs = docs or Docs()
    gold = {r["id"]: r for r in common.read_jsonl(gold_path)}
    with open(dump_path, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            rec["raw"] = gold[rec["id"]]["raw"]
            docs.add(rec, gold[rec["id"]]["gold"], common)
    return docs


def load_corpus(dump_path, corpus_dir, common, docs=None):
    docs = docs or Docs()
    with open(dump_path, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            with open(os.path.join(corpus_dir, rec["id"], "gold.txt"), encoding="utf-8") as g:
                gold = g.read()
            docs.add(rec, gold, common, corpus=True)
    return docs
