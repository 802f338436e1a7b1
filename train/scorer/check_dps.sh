#!/usr/bin/env bash
# The scorer must not damage clean Korean text: EleutherAI/dps's already-cleaned news windows
# (../shared/realdata/EleutherAI__dps) lose at most 0.1% of their characters, scorer on.
# Usage: train/scorer/check_dps.sh [SHARED_DIR] [BINARY]. Skips (exit 0) when the data is absent.
set -euo pipefail
cd "$(dirname "$0")/../.."
SHARED=${1:-../shared}
BIN=${2:-./target/release/paraclean}
DIR="$SHARED/realdata/EleutherAI__dps/datasets/test_korean_jsonl_data"
if [ ! -d "$DIR" ]; then echo "no $DIR: skipped"; exit 0; fi
[ -x "$BIN" ] || cargo build --release -q
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
cat "$DIR"/*/text_0.jsonl > "$TMP/in.jsonl"
for mode in on off; do
  flag=(); [ $mode = off ] && flag=(--no-scorer)
  "$BIN" clean -q "${flag[@]}" "$TMP/in.jsonl" -o "$TMP/out-$mode.jsonl" --report "$TMP/report-$mode.jsonl"
done
python3 - "$TMP" <<'PY'
import json, sys, collections
tmp = sys.argv[1]
def chars(path):
    return sum(len(json.loads(l)["text"]) for l in open(path, encoding="utf-8"))
total = chars(f"{tmp}/in.jsonl")
by_class = collections.Counter()
for l in open(f"{tmp}/report-on.jsonl", encoding="utf-8"):
    for r in json.loads(l).get("removals", []):
        by_class[r["class"]] += len(r["text"])
on, off = total - chars(f"{tmp}/out-on.jsonl"), total - chars(f"{tmp}/out-off.jsonl")
print(f"dps: {total} chars; removed with the scorer {on} ({on / total:.5%}), without {off} ({off / total:.5%}); by class {dict(by_class)}")
sys.exit(0 if on <= 0.001 * total else 1)
PY
