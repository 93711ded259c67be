#!/usr/bin/env bash
# Rate limit benchmark: the time the per-key limit adds to an API request (one token taken from
# the key's bucket), in this process alone and shared through MariaDB, against the same loop with
# the limit off in the same run.
# Usage: bench/ratelimit-bench.sh [keys] [calls per round] [calls per round through MariaDB] [rounds]
# MariaDB: LINKSCOPE_BENCH_DB_URL (default jdbc:mariadb://127.0.0.1:3306), root without password
# unless LINKSCOPE_BENCH_DB_USER / LINKSCOPE_BENCH_DB_PASSWORD say otherwise.
set -euo pipefail
# shellcheck source=lib/bench-java.sh
source "$(dirname "$0")/lib/bench-java.sh"
"$JAVA_HOME/bin/java" -Xmx512m -cp "$BENCH_CP" \
  io.linkscope.collector.bench.RateLimitBench "${1:-1000}" "${2:-2000000}" "${3:-20000}" "${4:-9}" \
  "${LINKSCOPE_BENCH_DB_URL:-jdbc:mariadb://127.0.0.1:3306}"
