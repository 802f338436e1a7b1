#!/usr/bin/env bash
# End-to-end throughput: paraclean on seeded JSONL, 1 and 2 threads, with peak RSS, next to a
# Python exact-line-dedup baseline.
#
#   benches/throughput.sh [MB] [SEED] [ko|mixed]
#
# ko (default): Korean-news-like records made from the corpus's Korean documents (gen_jsonl).
# mixed: half Korean, half English bytes (gen_mixed): the corpus's Korean and English documents and,
# when present, the scraped article pages of ../shared/realgold (set REALGOLD=FILE to choose
# another file, REALGOLD=none to leave them out).
# RUNS=3 runs each command three times and reports the median (range in brackets).
set -euo pipefail
cd "$(dirname "$0")/.."
MB=${1:-50}
SEED=${2:-42}
KIND=${3:-ko}
RUNS=${RUNS:-1}
cargo build --release -q --example gen_jsonl --example gen_mixed
cargo build --release -q
case "$KIND" in
  ko)
    DATA=${TMPDIR:-/tmp}/paraclean-bench-$MB-$SEED.jsonl
    [ -s "$DATA" ] || ./target/release/examples/gen_jsonl corpus "$MB" "$SEED" ko > "$DATA"
    ;;
  mixed)
    GOLD=${REALGOLD:-}
    if [ -z "$GOLD" ]; then
      for dir in ../shared/realgold ../../shared/realgold; do
        [ -s "$dir/article_body.dev.jsonl.gz" ] && { GOLD=$dir/article_body.dev.jsonl.gz; break; }
      done
    fi
    [ "$GOLD" = none ] && GOLD=
    TAG=$([ -n "$GOLD" ] && echo realgold || echo corpus)
    DATA=${TMPDIR:-/tmp}/paraclean-bench-mixed-$TAG-$MB-$SEED.jsonl
    [ -s "$DATA" ] || ./target/release/examples/gen_mixed corpus "$MB" "$SEED" $GOLD > "$DATA"
    ;;
  *) echo "usage: $0 [MB] [SEED] [ko|mixed]" >&2; exit 2 ;;
esac
BYTES=$(stat -c %s "$DATA")
DOCS=$(wc -l < "$DATA")
echo "input: $DATA, $BYTES bytes, $DOCS documents, $((BYTES / DOCS)) bytes/document ($(date -u +%F), $(nproc) cores, $(uname -m), median of $RUNS)"
run() {
  local label=$1; shift
  local times=() rss=()
  for _ in $(seq "$RUNS"); do
    local t0 t1
    t0=$(date +%s.%N)
    /usr/bin/time -f '%M' -o /tmp/paraclean-rss.$$ "$@" > /dev/null
    t1=$(date +%s.%N)
    times+=("$t0:$t1")
    rss+=("$(cat /tmp/paraclean-rss.$$)")
  done
  rm -f /tmp/paraclean-rss.$$
  python3 - "$label" "$BYTES" "$DOCS" "${times[*]}" "${rss[*]}" <<'PY'
import sys, statistics
label, size, docs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
times = [float(t.split(":")[1]) - float(t.split(":")[0]) for t in sys.argv[4].split()]
rss = max(int(r) for r in sys.argv[5].split())
s = statistics.median(times)
spread = f" ({size/max(times)/1e6:.1f}–{size/min(times)/1e6:.1f})" if len(times) > 1 else ""
print(f"| {label} | {size/s/1e6:.1f} MB/s{spread} | {docs/s:,.0f} docs/s | {rss/1024:.0f} MB |")
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
