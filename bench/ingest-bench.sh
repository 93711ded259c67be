#!/usr/bin/env bash
# Sustained ingest: clicks captured at a fixed rate (the redirect handler's capture call, no HTTP),
# stored by the real pipeline with rollups into a fresh database "ls_ingest_bench" on the MariaDB
# at 127.0.0.1:3306 (dropped and recreated). Prints one markdown row per rate.
# Usage: bench/ingest-bench.sh [seconds] [links] [rate ...]     defaults: 30 100 10000 20000 30000
# BENCH_WARMUP_SECONDS (default 2): seconds at the start left out of the lag percentiles.
# BENCH_JAVA_OPTS: extra JVM options (e.g. a flight recording).
set -euo pipefail
seconds="${1:-30}"
links="${2:-100}"
shift $(($# > 2 ? 2 : $#))
rates=("$@")
((${#rates[@]})) || rates=(10000 20000 30000)
# shellcheck source=lib/bench-java.sh
source "$(dirname "$0")/lib/bench-java.sh"
echo "| offered clicks/s | seconds | links | captured clicks/s | stored clicks/s | lag p50 (ms) | lag p99 (ms) | lag max after warm-up (ms) | lag max (ms) | rollup lag p50 / p99 (ms) | rows = clicks |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
read -r -a java_opts <<<"${BENCH_JAVA_OPTS:-}"
for rate in "${rates[@]}"; do
  "$JAVA_HOME/bin/java" -Xms1g -Xmx1g "${java_opts[@]}" -cp "$BENCH_CP" \
    io.linkscope.collector.bench.IngestBench "$rate" "$seconds" "$links" bench/data/user-agents.txt \
    "${BENCH_WARMUP_SECONDS:-2}" \
    2> >(grep -v ' INFO ' >&2)
done
