#!/usr/bin/env bash
# End-to-end throughput: paraclean on seeded Korean-news-like JSONL, 1 and 2 threads, with peak RSS,
# next to a Python exact-line-dedup baseline. Usage: benches/throughput.sh [MB] [SEED]
set -euo pipefail
cd "$(dirname "$0")/.."
MB=${1:-50}
SEED=${2:-42}
DATA=${TMPDIR:-/tmp}/paraclean-bench-$MB-$SEED.jsonl
cargo build --release -q --example gen_jsonl
cargo build --release -q
[ -s "$DATA" ] || ./target/release/examples/gen_jsonl corpus "$MB" "$SEED" ko > "$DATA"
BYTES=$(stat -c %s "$DATA")
DOCS=$(wc -l < "$DATA")
echo "input: $DATA, $BYTES bytes, $DOCS documents ($(date -u +%F), $(nproc) cores, $(uname -m))"
run() {
  local label=$1; shift
  local t0 t1 rss
  t0=$(date +%s.%N)
  /usr/bin/time -f '%M' -o /tmp/paraclean-rss "$@" > /dev/null
  t1=$(date +%s.%N)
  rss=$(cat /tmp/paraclean-rss)
  python3 - "$label" "$t0" "$t1" "$BYTES" "$DOCS" "$rss" <<'PY'
import sys
label, t0, t1, size, docs, rss = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
s = t1 - t0
print(f"| {label} | {size/s/1e6:.1f} MB/s | {docs/s:,.0f} docs/s | {rss/1024:.0f} MB |")
PY
}
echo "| run | throughput | documents | peak RSS |"
echo "|---|---:|---:|---:|"
run "paraclean, 1 thread" ./target/release/paraclean clean -q --jobs 1 "$DATA"
run "paraclean, 1 thread, --no-scorer" ./target/release/paraclean clean -q --jobs 1 --no-scorer "$DATA"
run "paraclean, 2 threads" ./target/release/paraclean clean -q --jobs 2 "$DATA"
run "python exact-line dedup (baseline)" python3 -c '
import sys, json
for line in sys.stdin:
    rec = json.loads(line)
    seen = set(); out = []
    for l in rec["text"].split("\n"):
        k = l.strip()
        if k and k in seen: continue
        seen.add(k); out.append(l)
    rec["text"] = "\n".join(out)
    sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
' < "$DATA"
