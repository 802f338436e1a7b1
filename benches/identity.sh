#!/usr/bin/env bash
# Output and report identity against a reference binary (a build of the commit before a speed change):
#
#   benches/identity.sh REFERENCE_BINARY [NEW_BINARY]
#
# Cleans, with both binaries and `--report`, every `corpus/**/raw.txt`, 20 MB of generated Korean
# JSONL (gen_jsonl corpus 20 42 ko), 50 MB of the mixed benchmark input (gen_mixed corpus 50 42
# [realgold]), and the `raw` texts of ../shared/realgold/article_body.dev.jsonl.gz and
# dup_injected.dev.jsonl.gz when present; compares the SHA-256 of outputs and reports. The
# reference's hashes are cached per (binary hash, input) in $TMPDIR/paraclean-identity/.
# Exit 0 when everything is identical, 1 otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
REF=${1:?usage: $0 REFERENCE_BINARY [NEW_BINARY]}
NEW=${2:-./target/release/paraclean}
WORK=${TMPDIR:-/tmp}/paraclean-identity
mkdir -p "$WORK"
[ -x ./target/release/examples/gen_jsonl ] && [ -x ./target/release/examples/gen_mixed ] ||
  cargo build --release -q --example gen_jsonl --example gen_mixed

KO=$WORK/ko-20-42.jsonl
[ -s "$KO" ] || ./target/release/examples/gen_jsonl corpus 20 42 ko > "$KO"
GOLD=
for dir in ../shared/realgold ../../shared/realgold /work/shared/realgold; do
  [ -s "$dir/article_body.dev.jsonl.gz" ] && { GOLD=$dir; break; }
done
MIXED=$WORK/mixed-50-42-$([ -n "$GOLD" ] && echo realgold || echo corpus).jsonl
[ -s "$MIXED" ] || ./target/release/examples/gen_mixed corpus 50 42 ${GOLD:+$GOLD/article_body.dev.jsonl.gz} > "$MIXED"
INPUTS=("corpus:dir" "$KO:text" "$MIXED:text")
if [ -n "$GOLD" ]; then
  for f in article_body dup_injected; do
    [ -s "$GOLD/$f.dev.jsonl.gz" ] || continue
    [ -s "$WORK/$f.jsonl" ] || zcat "$GOLD/$f.dev.jsonl.gz" > "$WORK/$f.jsonl"
    INPUTS+=("$WORK/$f.jsonl:raw")
  done
fi

# Prints "<output hash> <report hash>" for one binary on one input.
hashes() {
  local bin=$1 input=$2 field=$3 out=$WORK/out.$$ report=$WORK/report.$$
  rm -rf "$out" "$report"
  if [ "$field" = dir ]; then
    "$bin" clean -q "$input" --include raw.txt -o "$out" --report "$report"
    local o
    o=$(cd "$out" && find . -type f | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -c1-16)
    echo "$o $(sha256sum < "$report" | cut -c1-16)"
  else
    "$bin" clean -q "$input" --text-field "$field" -o "$out" --report "$report"
    echo "$(sha256sum < "$out" | cut -c1-16) $(sha256sum < "$report" | cut -c1-16)"
  fi
  rm -rf "$out" "$report"
}

REF_ID=$(sha256sum < "$REF" | cut -c1-16)
status=0
for entry in "${INPUTS[@]}"; do
  input=${entry%:*}
  field=${entry##*:}
  cache=$WORK/ref-$REF_ID-$(echo "$input" | tr '/' '_').hashes
  [ -s "$cache" ] || hashes "$REF" "$input" "$field" > "$cache"
  want=$(cat "$cache")
  got=$(hashes "$NEW" "$input" "$field")
  if [ "$want" = "$got" ]; then
    echo "identical  $input ($got)"
  else
    echo "DIFFERENT  $input (reference $want, new $got)"
    status=1
  fi
done
exit $status
