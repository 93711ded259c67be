#!/usr/bin/env bash
# Sustained ingest: clicks captured at a fixed rate (the redirect handler's capture call, no HTTP),
# stored by the real pipeline with rollups into a fresh database "ls_ingest_bench" on the MariaDB
# at 127.0.0.1:3306 (dropped and recreated). Prints one markdown row per rate.
# Usage: bench/ingest-bench.sh [seconds] [links] [rate ...]     defaults: 30 100 10000 20000 30000
set -euo pipefail
seconds="${1:-30}"
links="${2:-100}"
shift $(($# > 2 ? 2 : $#))
rates=("$@")
((${#rates[@]})) || rates=(10000 20000 30000)
# shellcheck source=lib/bench-java.sh
source "$(dirname "$0")/lib/bench-java.sh"
echo "| offered clicks/s | seconds | links | captured clicks/s | stored clicks/s | lag p50 (ms) | lag p99 (ms) | lag max after warm-up (ms) | lag max (ms) | rows = clicks |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for rate in "${rates[@]}"; do
  "$JAVA_HOME/bin/java" -Xms1g -Xmx1g -cp "$BENCH_CP" \
    io.linkscope.collector.bench.IngestBench "$rate" "$seconds" "$links" bench/data/user-agents.txt \
    2> >(grep -v ' INFO ' >&2)
done
