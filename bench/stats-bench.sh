#!/usr/bin/env bash
# Statistics benchmark: loads clicks into a fresh database "ls_stats_bench" on the MariaDB at
# 127.0.0.1:3306 (dropped and recreated), then measures report, overview and CSV export latency.
# Usage: bench/stats-bench.sh [target clicks] [load budget seconds] [iterations]
#        bench/stats-bench.sh measure [iterations]     (again, on the database already loaded)
set -euo pipefail
# shellcheck source=lib/bench-java.sh
source "$(dirname "$0")/lib/bench-java.sh"
exec "$JAVA_HOME/bin/java" -Xmx2g -XX:+UseParallelGC -cp "$BENCH_CP" \
  io.linkscope.collector.bench.StatsBench "${@:-10000000}"
