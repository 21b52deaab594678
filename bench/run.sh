#!/usr/bin/env bash
# Runs the platform benchmarks of issue 7 and regenerates their sections of docs/benchmarks.md.
#   bench/run.sh            full run with the 10-minute soak (about 14-14.5 minutes on 2 cores; the budget is 15)
#   bench/run.sh --quick    short run with a 1-minute soak (about 4 minutes)
# Other options go to bench/harness.py (--duration S, --rounds N, --conns N, --only a,b, --soak-minutes M, --port P).
# Needs: JDK 17+ (25 for the JIT), Python 3, Node.js 20; installs wrk from Debian's packages when missing.
set -euo pipefail
BENCH_RUN_STARTED="$(date +%s.%N)"
export BENCH_RUN_STARTED
BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(dirname "$BENCH")"
mkdir -p "$BENCH/target"

if ! command -v wrk >/dev/null 2>&1; then
  echo "installing wrk"
  apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
fi
command -v node >/dev/null || { echo "bench: Node.js 20 is needed for the peer" >&2; exit 1; }
command -v python3 >/dev/null || { echo "bench: Python 3 is needed" >&2; exit 1; }
if [ ! -x "$REPO/distribution/target/switchboard/bin/switchboard" ]; then
  echo "building the distribution (./mvnw -B -q -DskipTests install)"
  (cd "$REPO" && ./mvnw -B -q -DskipTests install)
fi

# The harness stops what it started itself (atexit and signal handlers); this trap is the second line:
# it ends the harness's process group and a platform left behind in the private copy.
HARNESS_PID=""
cleanup() {
  if [ -n "$HARNESS_PID" ] && kill -0 "$HARNESS_PID" 2>/dev/null; then
    kill -TERM "$HARNESS_PID" 2>/dev/null || true
    wait "$HARNESS_PID" 2>/dev/null || true
  fi
  local pidfile="$BENCH/target/switchboard/data/switchboard.pid"
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    kill -9 "$(cat "$pidfile")" 2>/dev/null || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Whole run bounded: the full run aims at 15 minutes; 17.5 minutes at most, whatever happens.
timeout --signal=TERM 1050 python3 "$BENCH/harness.py" "$@" > >(tee "$BENCH/target/run.log") 2>&1 &
HARNESS_PID=$!
wait "$HARNESS_PID"
HARNESS_PID=""
python3 "$BENCH/report.py"
echo "bench: whole run $(python3 -c "import time; print(round(time.time() - $BENCH_RUN_STARTED))") s"
