#!/usr/bin/env bash
# Retrains the line scorer from scratch: feature dumps (Rust) -> labels, model, threshold, LODO figures
# (Python) -> src/detect/scorer/weights-v1.json. Usage: train/scorer/run.sh [REALGOLD_DIR] [WORK_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
REALGOLD=${1:-../shared/realgold}
WORK=${2:-${TMPDIR:-/tmp}/paraclean-scorer-train}
mkdir -p "$WORK"
[ -x "$WORK/venv/bin/python" ] || { python3 -m venv "$WORK/venv" && "$WORK/venv/bin/pip" install -q -r train/scorer/requirements.txt; }
cargo build --release -q --example scorer_dump
DUMP=./target/release/examples/scorer_dump
$DUMP jsonl "$REALGOLD/article_body.dev.jsonl.gz" raw > "$WORK/dev.jsonl"
$DUMP jsonl "$REALGOLD/dup_injected.dev.jsonl.gz" raw > "$WORK/dup.jsonl"
$DUMP corpus corpus > "$WORK/corpus.jsonl"
"$WORK/venv/bin/python" train/scorer/train.py --realgold "$REALGOLD" --corpus corpus \
  --dev-dump "$WORK/dev.jsonl" --corpus-dump "$WORK/corpus.jsonl" --dup-dump "$WORK/dup.jsonl" \
  -o src/detect/scorer/weights-v1.json "${@:3}"
