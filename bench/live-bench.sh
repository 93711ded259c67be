#!/usr/bin/env bash
# The live view (GET /api/v1/live): latency from a redirect's send time to its event on an open
# stream at a fixed click rate, then the redirect rate wrk reaches with no stream open and with N
# streams open, alternating. The real collector runs in the benchmark's JVM on a fresh database
# of the MariaDB at 127.0.0.1:3306 (LINKSCOPE_TEST_DB_URL); wrk runs beside it.
# Usage: bench/live-bench.sh [rate] [seconds] [wrk-seconds] [streams] [rounds]
#        defaults:            1000   30        10            10        2
set -euo pipefail
rate="${1:-1000}"
seconds="${2:-30}"
wrk_seconds="${3:-10}"
streams="${4:-10}"
rounds="${5:-2}"
for n in "$rate" "$seconds" "$wrk_seconds" "$streams" "$rounds"; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "live-bench: numbers only, got '$n'" >&2; exit 1; }
done
((rate <= 5000 && seconds <= 120 && wrk_seconds <= 60 && streams <= 20 && rounds <= 5)) ||
  { echo "live-bench: bounded: rate <= 5000, seconds <= 120, wrk <= 60, streams <= 20, rounds <= 5" >&2; exit 1; }
command -v wrk >/dev/null || { echo "live-bench: wrk is not installed" >&2; exit 1; }
export LINKSCOPE_TEST_DB_URL="${LINKSCOPE_TEST_DB_URL:-jdbc:mariadb://127.0.0.1:3306/}"
# shellcheck source=lib/bench-java.sh
source "$(dirname "$0")/lib/bench-java.sh"
echo "Latency from the redirect's send time to the event on the stream (first 2 s left out):"
echo "| offered | seconds | events | p50 (ms) | p99 (ms) | max (ms) | missing | failed redirects |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
"$JAVA_HOME/bin/java" -Xms1g -Xmx1g -cp "$BENCH_CP" io.linkscope.collector.bench.LiveBench \
  "$rate" "$seconds" "$wrk_seconds" "$streams" "$rounds" 2> >(grep -v ' INFO ' >&2) |
  awk -v w="$wrk_seconds" '/clicks\/s/ { print; print ""; print "Redirect rate (wrk -t1 -c32 -d" w "s) without and with open streams:"; print "| round | streams | req/s | p50 | p99 | bytes streamed | streams ended as slow |"; print "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"; next } { print }'
