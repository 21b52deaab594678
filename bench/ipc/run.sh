#!/usr/bin/env bash
# What one call to another JVM over a local socket costs (issue 18's out-of-process executor pool evaluation):
# round trips of 64 B, 2 KB and 20 KB requests and replies over a Unix domain socket and over TCP loopback.
#   bench/ipc/run.sh [calls]      (default 50 000 measured calls per case after 25 000 warm-up calls)
set -euo pipefail
BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
OUT="$BENCH/target/ipc"
mkdir -p "$OUT"
"$JAVA_HOME/bin/javac" -d "$OUT" "$BENCH/ipc/IpcRoundTrip.java"
for transport in unix tcp; do
  for bytes in 64 2048 20480; do
    "$JAVA_HOME/bin/java" -XX:+UseSerialGC -cp "$OUT" IpcRoundTrip "$transport" "$bytes" "${1:-50000}"
  done
done
