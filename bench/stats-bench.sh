#!/usr/bin/env bash
# Statistics benchmark: loads clicks into a fresh database "ls_stats_bench" on the MariaDB at
# 127.0.0.1:3306 (dropped and recreated), then measures report, overview and CSV export latency.
# Usage: bench/stats-bench.sh [target clicks] [load budget seconds] [iterations]
#        bench/stats-bench.sh measure [iterations]     (again, on the database already loaded)
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
./mvnw -q -B -o install -DskipTests
exec "$JAVA_HOME/bin/java" -Xmx2g -XX:+UseParallelGC \
  -cp "collector/target/test-classes:collector/target/classes:collector/target/lib/*" \
  io.linkscope.collector.bench.StatsBench "${@:-10000000}"
