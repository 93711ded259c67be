#!/usr/bin/env bash
# Rate limit benchmark: the time the per-key limit adds to an API request (one token taken from
# the key's bucket), against the same loop with the limit off in the same run.
# Usage: bench/ratelimit-bench.sh [keys] [calls per round] [rounds]
set -euo pipefail
# shellcheck source=lib/bench-java.sh
source "$(dirname "$0")/lib/bench-java.sh"
"$JAVA_HOME/bin/java" -Xmx512m -cp "$BENCH_CP" \
  io.linkscope.collector.bench.RateLimitBench "${1:-1000}" "${2:-2000000}" "${3:-9}"
