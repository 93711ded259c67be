#!/usr/bin/env bash
# Conversion reports over raw rows: loads clicks of the last four weeks and conversions of a share
# of them into a fresh database "ls_conversion_bench" on the MariaDB at 127.0.0.1:3306 (dropped and
# recreated), then measures the conversion reports and a split link's experiment against the same
# link's statistics report (rollups).
# Usage: bench/conversion-bench.sh [clicks] [conversions] [iterations]
set -euo pipefail
# shellcheck source=lib/bench-java.sh
source "$(dirname "$0")/lib/bench-java.sh"
exec "$JAVA_HOME/bin/java" -Xmx2g -XX:+UseParallelGC -cp "$BENCH_CP" \
  io.linkscope.collector.bench.ConversionBench "${@:-1000000}"
