#!/usr/bin/env bash
# Raw click purge benchmark: loads raw clicks into three workspaces of a fresh database
# "ls_purge_bench" on the MariaDB at 127.0.0.1:3306 (dropped and recreated), then deletes each
# workspace's clicks one way: one DELETE statement (baseline), the chunked retention purge without
# pauses, and the purge as the collector runs it. Usage: bench/purge-bench.sh [rows]
set -euo pipefail
# shellcheck source=lib/bench-java.sh
source "$(dirname "$0")/lib/bench-java.sh"
exec "$JAVA_HOME/bin/java" -Xmx1g -XX:+UseParallelGC -cp "$BENCH_CP" \
  io.linkscope.collector.bench.PurgeBench "${1:-300000}"
