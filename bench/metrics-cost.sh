#!/usr/bin/env bash
# What the metrics cost (issue 17): throughput of direct invocations of a trivial function with switchboard.metrics
# installed and without it, in alternating rounds on one installation copy (the bundle is moved out of system/ and the
# platform restarted for the rounds without). Prints one line per round and the medians.
#   bench/metrics-cost.sh [rounds=3] [seconds=15] [connections=16]
# Needs: a built distribution (distribution/target/switchboard), wrk, jq, curl.
set -euo pipefail
ROUNDS=${1:-3}; SECONDS_PER_ROUND=${2:-15}; CONNS=${3:-16}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d); trap 'cd "$WORK/switchboard" && bin/switchboard stop >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT
cp -a "$ROOT/distribution/target/switchboard" "$WORK/" && rm -rf "$WORK/switchboard/data" "$WORK/switchboard/logs"
cd "$WORK/switchboard"
export SWITCHBOARD_HTTP_PORT=${PORT:-18850} SWITCHBOARD_ADMIN_KEY=metrics-cost-admin-key-0123456789
KEY=$SWITCHBOARD_ADMIN_KEY; BASE=http://127.0.0.1:$SWITCHBOARD_HTTP_PORT/api/v1/accounts/bench/functions
METRICS_JAR=$(ls system/switchboard.metrics-*.jar)
echo '{"payload": {"name": "Ada"}}' > body.json
round() { # $1: with|without
  if [ "$1" = without ]; then mv "$METRICS_JAR" "$WORK/"; fi
  rm -rf data/cache # the framework's bundle cache would keep the bundle installed
  bin/switchboard start >/dev/null
  if [ -z "${FN:-}" ]; then
    FN=$(curl -sf -X POST "$BASE" -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
      -d '{"name": "echo", "code": "async function lambda(input) { return input.payload; }"}' | jq -r .id)
    curl -sf -o /dev/null -X POST -H "Authorization: Bearer $KEY" "$BASE/$FN/deploy"
  fi
  # Warm-up (JIT, pooled contexts), then the measured run.
  BODY_FILE=body.json AUTH_KEY=$KEY ACCOUNT=bench wrk -t2 -c"$CONNS" -d5s -s "$ROOT/bench/lua/post.lua" "$BASE/$FN/invoke" >/dev/null
  local rps
  rps=$(BODY_FILE=body.json AUTH_KEY=$KEY ACCOUNT=bench wrk -t2 -c"$CONNS" -d"${SECONDS_PER_ROUND}s" -s "$ROOT/bench/lua/post.lua" \
    "$BASE/$FN/invoke" | sed -n 's/^BENCHJSON //p' | jq -r '"\(.requests / (.duration_us / 1e6) | floor) \(.p50_us) \(.p99_us) \(.non2xx)"')
  echo "$1 $rps"
  bin/switchboard stop >/dev/null
  if [ "$1" = without ]; then mv "$WORK/$(basename "$METRICS_JAR")" system/; fi
}
echo "mode requests/s p50_us p99_us non2xx"
for _ in $(seq "$ROUNDS"); do round with; round without; done | tee rounds.txt
for mode in with without; do
  printf '%s median: ' "$mode"; grep "^$mode " rounds.txt | awk '{print $2}' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)] " requests/s"}'
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
