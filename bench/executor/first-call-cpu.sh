#!/bin/sh
# CPU time of the first call of a new function version on the executor's worker thread (FirstCallCpu), JDK 25 + Graal JIT.
# Usage (from the repository root): bench/executor/first-call-cpu.sh [rounds (30)]
# Needs the executor installed first: mvn -B -q -pl bundles/executor -am install -DskipTests
set -eu
here=$(cd "$(dirname "$0")" && pwd)
mvn -B -q -f "$here/pom.xml" package
jdk25=${JDK25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
exec "$jdk25/bin/java" -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI --upgrade-module-path="$here/target/compiler" \
    --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dpolyglot.engine.WarnInterpreterOnly=false \
    -cp "$here/target/classes:$here/target/lib/*" io.switchboard.bench.executor.FirstCallCpu "$@"
