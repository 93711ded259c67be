#!/usr/bin/env bash
# CSV export benchmark: loads raw clicks into a fresh database "ls_export_bench" on the MariaDB at
# 127.0.0.1:3306 (dropped and recreated) through ClickTable alone, then times full exports through
# the real HTTP server and client. Usage: bench/export-bench.sh [rows] [runs]
set -euo pipefail
# shellcheck source=lib/bench-java.sh
source "$(dirname "$0")/lib/bench-java.sh"
exec "$JAVA_HOME/bin/java" -Xmx2g -XX:+UseParallelGC -cp "$BENCH_CP" \
  io.linkscope.collector.bench.ExportBench "${1:-1000000}" "${2:-3}"
