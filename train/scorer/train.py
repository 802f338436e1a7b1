#!/usr/bin/env python3
"""Trains the line scorer and writes its weights file (src/detect/scorer/weights-v1.json).

    python3 train/scorer/train.py --realgold ../shared/realgold --corpus corpus \\
        --dev-dump dev.jsonl --corpus-dump corpus.jsonl [--dup-dump dup.jsonl] -o weights-v1.json

The dumps come from `cargo run --release --example scorer_dump` (see run.sh, which does it all).
Labels: see data.py. Model: logistic regression on standardised features (scikit-learn, lbfgs, L2,
C=1), trained on realgold article_body.dev plus the project's corpus (its blocks weigh 5: it is small, the
only Korean data, and the corpus gate allows next to no loss). Threshold: the lowest
probability (0.01 steps) at which, on the same data, (a) the scorer's own removals keep ≥ 99.8% of
the gold tokens (macro over documents, as realgold's score.py counts "content kept") and (b) no
block of the corpus's gold is removed (the corpus gate allows next to no loss). Both are checked
with a one-pass simulation of the scorer's decisions (protected blocks stay).

Also reports leave-one-dataset-out figures: train without one source (dragnet, cleaneval,
readability, scrapinghub, corpus), choose the threshold on the rest by the same rule, score the
left-out source.
"""
import argparse
import datetime
import json
import os
import sys

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.preprocessing import StandardScaler

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from data import load_corpus, load_realgold, realgold_module  # noqa: E402

FEATURES = [
    "words", "stop_share", "ends_sentence", "upper_share", "title_share", "digit_share",
    "symbol_share", "separators", "link_like", "list_marker", "repeats", "prev_words",
    "prev_stop_share", "prev_ends_sentence", "next_words", "next_stop_share",
    "next_ends_sentence", "window_ends_sentence", "window_words", "position", "before_body",
    "after_body", "doc_prose_share", "removed_nearby",
]
C = 1.0
MIN_CONTENT_KEPT = 0.998
GRID = [round(0.5 + 0.01 * k, 2) for k in range(50)]


class Model:
    def __init__(self, X, y, w):
        self.scaler = StandardScaler().fit(X)
        self.lr = LogisticRegression(C=C, max_iter=5000).fit(self.scaler.transform(X), y, sample_weight=w)

    def predict(self, X):
        return self.lr.predict_proba(self.scaler.transform(X))[:, 1]


class Sim:
    """The realgold metrics of documents with some of their blocks removed (score.py's own code)."""

    def __init__(self, D, score, docs):
        self.D, self.score = D, score
        self.idx = [d for d in docs if D.docs[d]["dataset"] != "corpus"]
        self.gd = {d: score.GoldDoc(D.docs[d]["gold"], D.docs[d]["raw"]) for d in self.idx}
        self.base = {d: self.metrics(d, None) for d in self.idx}

    def metrics(self, d, remove):
        doc = self.D.docs[d]
        texts = self.D.texts[doc["start"]:doc["end"]]
        if remove is None:
            remove = [False] * len(texts)
        return self.score.doc_metrics("\n".join(t for t, r in zip(texts, remove) if not r), self.gd[d])

    def run(self, removed):
        per, base = [], []
        for d in self.idx:
            doc = self.D.docs[d]
            r = removed[doc["start"]:doc["end"]]
            per.append(self.metrics(d, r) if r.any() else self.base[d])
            base.append(self.base[d])
        a, b = self.score.aggregate(per), self.score.aggregate(base)
        # Content kept among the scorer's own removals: the gold tokens it took, per document.
        lost = [max(0.0, b0.get("content_kept", 1) - p.get("content_kept", 1)) for p, b0 in zip(per, base)]
        a["scorer_content_kept"] = 1 - float(np.mean(lost)) if lost else 1.0
        return a, b


def corpus_damage(D, removed):
    c = (D.dataset == "corpus")
    content = removed & c & (D.y == 0)
    chars = sum(len(D.texts[i]) for i in np.where(content)[0])
    hard = sorted({D.docs[D.doc[i]]["id"] for i in np.where(content)[0] if D.docs[D.doc[i]]["hard_negative"]})
    return int(content.sum()), chars, int((removed & c & (D.y == 1)).sum()), hard


def choose_threshold(D, P, sim, mask):
    """Lowest threshold meeting both rules on the blocks in `mask`."""
    for t in GRID:
        removed = (P >= t) & ~D.protected & mask
        if (corpus_damage(D, removed)[0]) > 0:
            continue
        a, _ = sim.run(removed)
        if a["scorer_content_kept"] >= MIN_CONTENT_KEPT:
            return t
    return 0.99


def fmt(a, b):
    return (f"F1 {b['f1']:.4f} -> {a['f1']:.4f}, P {b['precision']:.4f} -> {a['precision']:.4f}, "
            f"R {b['recall']:.4f} -> {a['recall']:.4f}, boilerplate removed {b['boilerplate_removed']:.3f} -> "
            f"{a['boilerplate_removed']:.3f}, content kept {b['content_kept']:.4f} -> {a['content_kept']:.4f} "
            f"(scorer's own {a['scorer_content_kept']:.4f})")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--realgold", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--dev-dump", required=True)
    ap.add_argument("--corpus-dump", required=True)
    ap.add_argument("--dup-dump")
    ap.add_argument("--corpus-weight", type=float, default=5.0,
                    help="weight of the project corpus's blocks (the shipped weights: 5)")
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("--no-lodo", action="store_true")
    args = ap.parse_args()

    common, score = realgold_module(args.realgold)
    D = load_realgold(args.dev_dump, os.path.join(args.realgold, "article_body.dev.jsonl.gz"), common)
    load_corpus(args.corpus_dump, args.corpus, common, D)
    D.finish()
    w = (D.ntok > 0).astype(float)
    w[D.dataset == "corpus"] *= args.corpus_weight
    print(f"{len(D.docs)} documents, {len(D.y)} blocks, {D.y.mean():.3f} boilerplate")

    sim = Sim(D, score, range(len(D.docs)))
    everything = np.ones(len(D.y), dtype=bool)
    report = {}
    if not args.no_lodo:
        lodo = {}
        P = np.zeros(len(D.y))
        for g in sorted(set(D.dataset)):
            te = D.dataset == g
            tr = ~te & (w > 0)
            m = Model(D.X[tr], D.y[tr], w[tr])
            P_tr = m.predict(D.X)
            t = choose_threshold(D, P_tr, Sim(D, score, [d for d in range(len(D.docs)) if D.docs[d]["dataset"] != g]), ~te)
            P[te] = P_tr[te]
            removed = (P_tr >= t) & ~D.protected & te
            row = {"threshold": t, "auc": round(float(roc_auc_score(D.y[te & (w > 0)], P_tr[te & (w > 0)])), 4)}
            if g == "corpus":
                n, chars, bp, hard = corpus_damage(D, removed)
                row.update({"content_blocks_removed": n, "content_chars_removed": chars,
                            "boilerplate_blocks_removed": bp, "hard_negatives_damaged": hard})
                print(f"LODO {g}: t={t} {row}")
            else:
                simg = Sim(D, score, [d for d in range(len(D.docs)) if D.docs[d]["dataset"] == g])
                a, b = simg.run(removed)
                row.update({k: round(a[k], 4) for k in ("f1", "precision", "recall", "boilerplate_removed", "content_kept", "scorer_content_kept")})
                row.update({"f1_without_scorer": round(b["f1"], 4), "boilerplate_removed_without_scorer": round(b["boilerplate_removed"], 4)})
                print(f"LODO {g}: t={t} AUC {row['auc']} {fmt(a, b)}")
            lodo[g] = row
        ev = (w > 0) & (D.dataset != "corpus")
        report["lodo"] = lodo
        report["lodo_auc_realgold"] = round(float(roc_auc_score(D.y[ev], P[ev])), 4)

    m = Model(D.X[w > 0], D.y[w > 0], w[w > 0])
    P = m.predict(D.X)
    t = choose_threshold(D, P, sim, everything)
    removed = (P >= t) & ~D.protected
    a, b = sim.run(removed)
    print(f"all data, t={t}: {fmt(a, b)}")
    n, chars, bp, hard = corpus_damage(D, removed)
    print(f"corpus: {n} content blocks removed ({chars} chars), {bp} boilerplate blocks removed")
    report["dev_in_sample"] = {k: round(a[k], 4) for k in ("f1", "precision", "recall", "boilerplate_removed", "content_kept", "scorer_content_kept")}
    report["dev_in_sample"]["f1_without_scorer"] = round(b["f1"], 4)
    if args.dup_dump:
        Dd = load_realgold(args.dup_dump, os.path.join(args.realgold, "dup_injected.dev.jsonl.gz"), common).finish()
        simd = Sim(Dd, score, range(len(Dd.docs)))
        a, b = simd.run((m.predict(Dd.X) >= t) & ~Dd.protected)
        print(f"dup_injected (check only): {fmt(a, b)}")
        report["dup_injected_check"] = {k: round(a[k], 4) for k in ("f1", "boilerplate_removed", "content_kept", "scorer_content_kept")}

    coef = m.lr.coef_[0]
    out = {
        "format": "paraclean-scorer",
        "version": 1,
        "kind": "logistic",
        "features": FEATURES,
        "mean": [round(float(x), 6) for x in m.scaler.mean_],
        "scale": [round(float(x), 6) for x in m.scaler.scale_],
        "weights": [round(float(x), 6) for x in coef],
        "bias": round(float(m.lr.intercept_[0]), 6),
        "threshold": t,
        "training": {
            "script": "train/scorer/run.sh (train.py, data.py, dump.rs)",
            "date": datetime.date.today().isoformat(),
            "data": ["realgold article_body.dev (1,685 pages: dragnet, cleaneval, readability, scrapinghub)",
                     "project corpus (corpus/, without corpus/learned)"],
            "blocks": int((w > 0).sum()),
            "labels": "block is boilerplate when < 50% of its tokens (realgold tokenizer) are found in the gold's bag; corpus: a block that is a gold line is content",
            "model": f"logistic regression, L2, C={C}, standardised features, sample weight 1 (corpus x{args.corpus_weight}), blocks without tokens left out",
            "threshold_rule": f"lowest probability with the scorer's own content kept >= {MIN_CONTENT_KEPT} on realgold dev and no corpus gold block removed",
            "figures": report,
        },
    }
    with open(args.output, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    for name, c in sorted(zip(FEATURES, coef), key=lambda x: -abs(x[1])):
        print(f"  {name:<22} {c:+.3f}")


if __name__ == "__main__":
    main()
