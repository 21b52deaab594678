#!/usr/bin/env bash
# Compares garbage collectors on the distribution (issue 18, "p99: GC choice"): for each collector a private copy of
# the platform is started by bench/request-cost.py with SWITCHBOARD_JAVA_OPTS set, functions (a) and (b) are warmed
# 30 s each and measured 10 s (8 connections), and events/s, p50, p99 and CPU per request are printed per collector.
#   bench/gc-compare.sh [port]        about 7 minutes; run it on a quiet machine
set -euo pipefail
BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PORT="${1:-19101}"
OUT="$BENCH/target/gc-compare"
mkdir -p "$OUT"
declare -A OPTS=([g1]="" [zgc]="-XX:+UseZGC" [parallel]="-XX:+UseParallelGC")
for gc in g1 zgc parallel; do
  SWITCHBOARD_JAVA_OPTS="${OPTS[$gc]}" python3 "$BENCH/request-cost.py" --port "$PORT" --warm 30 --seconds 10 \
      --functions a,b --label "$gc" >"$OUT/$gc.json" 2>"$OUT/$gc.log"
  echo "$gc measured $(date +%T), load $(cut -d' ' -f1 /proc/loadavg)"
done
python3 - "$OUT" <<'PY'
import json, os, sys
out = sys.argv[1]
print("| collector | function | events/s | p50 | p99 | CPU us/request (process) |")
print("|---|---|---|---|---|---|")
for gc, opts in (("g1", "default (G1)"), ("zgc", "-XX:+UseZGC"), ("parallel", "-XX:+UseParallelGC")):
    text = open(os.path.join(out, gc + ".json")).read()
    doc = json.loads(text[text.index("{\n"):])
    for f in ("a", "b"):
        r = doc[f]
        print("| %s | (%s) | %d | %.2f ms | %.2f ms | %.0f |" % (opts, f, r["rps"], r["p50_ms"], r["p99_ms"], r["cpu_us_per_request_process"]))
PY
