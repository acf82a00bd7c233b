#!/usr/bin/env bash
# Compares newsgraph's entity tagger with prose and compromise on a CoNLL-2003
# file and prints a Markdown table (the same scorer for every system).
#
#   ingest/ner/peers/run.sh /path/to/conll2003/valid.txt
#
# Needs Go and Node.js (npm ci fetches compromise at its pinned version).
# Speed is tokens / wall time of tagging only, best of RUNS (default 3), one
# core: run it on a quiet machine.
set -euo pipefail
if [ $# -ne 1 ]; then
  echo "usage: $0 CONLL_FILE" >&2
  exit 2
fi
conll=$(realpath "$1")
runs=${RUNS:-3}
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

cd "$here"
go build -o "$out/peers" .
for sys in newsgraph newsgraph-raw prose; do
  echo "tagging with $sys..." >&2
  "$out/peers" tag -system "$sys" -runs "$runs" -o "$out/$sys.txt" "$conll" >"$out/$sys.json"
done

cd "$here/compromise"
[ -d node_modules/compromise ] || npm ci --silent --no-audit --no-fund >&2
echo "tagging with compromise..." >&2
node tag.mjs "$conll" "$out/compromise.txt" "$runs" >"$out/compromise.json"

"$out/peers" score "$out/newsgraph.txt" "$out/newsgraph-raw.txt" "$out/prose.txt" "$out/compromise.txt"
