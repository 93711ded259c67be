#!/usr/bin/env bash
# CSV export benchmark: loads raw clicks into a fresh database "ls_export_bench" on the MariaDB at
# 127.0.0.1:3306 (dropped and recreated) through ClickTable alone, then times full exports through
# the real HTTP server and client. Usage: bench/export-bench.sh [rows] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
./mvnw -q -B -o install -DskipTests
exec "$JAVA_HOME/bin/java" -Xmx2g -XX:+UseParallelGC \
  -cp "collector/target/test-classes:collector/target/classes:collector/target/lib/*" \
  io.linkscope.collector.bench.ExportBench "${1:-1000000}" "${2:-3}"
