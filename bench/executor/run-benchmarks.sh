#!/bin/sh
# Runs the executor benchmarks on JDK 25 with the Graal JIT and on JDK 17 (interpreter only).
# Usage (from the repository root): bench/executor/run-benchmarks.sh [extra JMH options]
# Needs the executor installed first: mvn -B -q -pl bundles/executor -am install -DskipTests
set -eu
here=$(cd "$(dirname "$0")" && pwd)
mvn -B -q -f "$here/pom.xml" package
cp="$here/target/classes:$here/target/lib/*"
jdk25=${JDK25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
jdk17=${JDK17_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}
jit_args="-XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI --upgrade-module-path=$here/target/compiler --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow"
quiet="-Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dpolyglot.engine.WarnInterpreterOnly=false"

echo "== JDK 25 + Graal JIT: steady heap"
"$jdk25/bin/java" $jit_args $quiet -cp "$cp" io.switchboard.bench.executor.SteadyHeap
echo "== JDK 17: steady heap"
"$jdk17/bin/java" $quiet -cp "$cp" io.switchboard.bench.executor.SteadyHeap
echo "== JDK 25 + Graal JIT"
"$jdk25/bin/java" -cp "$cp" org.openjdk.jmh.Main -jvm "$jdk25/bin/java" -jvmArgs "$jit_args $quiet" \
    -prof gc -rf json -rff "$here/target/jdk25.json" "$@"
echo "== JDK 17 (interpreter)"
"$jdk17/bin/java" -cp "$cp" org.openjdk.jmh.Main -jvm "$jdk17/bin/java" -jvmArgs "$quiet" \
    -prof gc -rf json -rff "$here/target/jdk17.json" "$@"
python3 "$here/summarize.py"
