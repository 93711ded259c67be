#!/usr/bin/env bash
# The live view's latency with the collector, the load generator and the stream reader in three
# JVMs, each with a GC log: redirect send time → event on a LiveFeed stream at a fixed rate, with
# N more streams open (raw readers, curl), then where the slowest events lost their time (see
# LiveLatencyReport). The collector is started with CollectorMain serve on a fresh database of the
# MariaDB at 127.0.0.1:3306; its threads' CPU and run-queue wait are sampled every 0.25 s.
# Usage: bench/live-latency-bench.sh [rate] [seconds] [streams] [runs] [warm-up seconds]
#        defaults:                   1000   30        10        1      10
# The warm-up runs at the same rate before the measured seconds (JIT, connection pools); its
# events are left out.
# BENCH_COLLECTOR_JAVA_OPTS: extra JVM options for the collector (e.g. -XX:StartFlightRecording=...)
# BENCH_KEEP_DIR: copy each run's raw files (records, GC logs, samples) there.
set -euo pipefail
rate="${1:-1000}"
seconds="${2:-30}"
streams="${3:-10}"
runs="${4:-1}"
warmup="${5:-10}"
for n in "$rate" "$seconds" "$streams" "$runs" "$warmup"; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "live-latency-bench: numbers only, got '$n'" >&2; exit 1; }
done
((rate >= 1 && rate <= 5000 && seconds >= 3 && seconds <= 120 && streams <= 20 && runs >= 1 && runs <= 5 && warmup <= 60)) ||
  { echo "live-latency-bench: bounded: rate 1..5000, seconds 3..120, streams <= 20, runs 1..5, warm-up <= 60" >&2; exit 1; }
command -v curl >/dev/null || { echo "live-latency-bench: curl is not installed" >&2; exit 1; }
# shellcheck source=lib/bench-java.sh
source "$(dirname "$0")/lib/bench-java.sh"
JAVA="$JAVA_HOME/bin/java"
DB_HOST=127.0.0.1
DB_PORT=3306
SQL=(mariadb -uroot -h"$DB_HOST" -P"$DB_PORT" --batch --skip-column-names)
WORK="$(mktemp -d "${TMPDIR:-/tmp}/linkscope-live-latency.XXXXXX")"
# shellcheck source=lib/run-processes.sh
source bench/lib/run-processes.sh

cleanup() {
  stop_run
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

GEOIP="$WORK/GeoLite2-City-test.mmdb"
cat >"$WORK/WriteGeo.java" <<'JAVA'
class WriteGeo {
  public static void main(String[] args) {
    io.linkscope.collector.testsupport.TestGeoDatabase.write(java.nio.file.Path.of(args[0]));
  }
}
JAVA
"$JAVA" -cp "$BENCH_CP" "$WORK/WriteGeo.java" "$GEOIP"

gc_log() { echo "-Xlog:gc*,safepoint:file=$1:time,uptime,level,tags"; }

# CPU and run-queue wait (ns, cumulative) of the collector's threads, grouped by name.
sample_threads() { # pid out
  local pid="$1" out="$2" t
  while kill -0 "$pid" 2>/dev/null; do
    t=$(date +%s%6N)
    awk -v t="$t" '
      FNR == 1 { n = split(FILENAME, p, "/"); tid = p[n - 1] }
      FILENAME ~ /comm$/ { name[tid] = $0; next }
      { cpu[tid] = $1; wait[tid] = $2 }
      END {
        for (k in cpu) {
          g = name[k]
          if (g ~ /^live-publisher/) g = "live"
          else if (g ~ /^http/) g = "jetty"
          else if (g ~ /^(click-pipeline|rollup-fold)/) g = "pipeline"
          else if (g ~ /^C[12] CompilerThre/) g = "jit"
          else if (g ~ /^(GC Thread|G1 )/) g = "gc"
          else if (g ~ /^journal/) g = "journal"
          else g = "other"
          C[g] += cpu[k]; W[g] += wait[k]; C["all"] += cpu[k]; W["all"] += wait[k]
        }
        for (g in C) print t, g, C[g], W[g]
      }' /proc/"$pid"/task/*/comm /proc/"$pid"/task/*/schedstat 2>/dev/null || true
    sleep 0.25
  done >"$out"
}

sample_load() { # out
  while true; do
    echo "$(date +%s%6N) $(cut -d' ' -f1 /proc/loadavg) $(awk '/^some/ { sub("avg10=", "", $2); print $2 }' /proc/pressure/cpu 2>/dev/null || echo -)"
    sleep 1
  done >"$1"
}

one_run() { # run number
  local run="$1" dir="$WORK/run-$1" url key i total_seconds=$((seconds + warmup))
  mkdir -p "$dir"
  DB_NAME="ls_live_latency_$(date -u +%Y%m%d%H%M%S)_$RANDOM"
  "${SQL[@]}" -e "CREATE DATABASE \`$DB_NAME\` CHARACTER SET utf8mb4"
  # shellcheck disable=SC2086
  "$JAVA" -Xms1g -Xmx1g "$(gc_log "$dir/gc-collector.log")" ${BENCH_COLLECTOR_JAVA_OPTS:-} -cp "$BENCH_CP" \
    io.linkscope.collector.app.CollectorMain serve \
    --host 127.0.0.1 --port 0 --port-file "$dir/port" --data-dir "$dir/data" \
    --db-url "jdbc:mariadb://$DB_HOST:$DB_PORT/$DB_NAME" --geoip-database "$GEOIP" \
    --live-max-streams-per-key $((streams + 1)) >"$dir/collector.log" 2>&1 &
  local collector=$!
  RUN_PIDS+=("$collector")
  for _ in $(seq 1 1200); do
    [[ -s "$dir/port" ]] && break
    kill -0 "$collector" 2>/dev/null || { cat "$dir/collector.log" >&2; echo "the collector exited" >&2; return 1; }
    sleep 0.1
  done
  [[ -s "$dir/port" ]] || { echo "the collector did not start within 120 s" >&2; return 1; }
  url="http://127.0.0.1:$(tr -d '[:space:]' <"$dir/port")"
  key="$(grep -o 'lsk_[A-Za-z0-9_-]*' "$dir/collector.log" | head -n1)"
  curl -sf -o /dev/null -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
    -d '{"slug":"bench","targetUrl":"https://example.com/landing"}' "$url/api/v1/links"
  sample_threads "$collector" "$dir/sched.txt" &
  RUN_PIDS+=("$!")
  sample_load "$dir/loadavg.txt" &
  RUN_PIDS+=("$!")
  for i in $(seq 1 "$streams"); do
    timeout $((total_seconds + 60)) curl -sN -o /dev/null -H "Authorization: Bearer $key" \
      -H 'Accept: text/event-stream' "$url/api/v1/live" &
    RUN_PIDS+=("$!")
  done
  "$JAVA" -Xms256m -Xmx256m "$(gc_log "$dir/gc-read.log")" -cp "$BENCH_CP" io.linkscope.collector.bench.LiveLatency \
    read "$url" "$key" $((rate * total_seconds)) $((total_seconds + 40)) "$dir/read.txt" >"$dir/read.out" 2>&1 &
  local reader=$!
  RUN_PIDS+=("$reader")
  for _ in $(seq 1 300); do
    grep -q connected "$dir/read.out" 2>/dev/null && break
    sleep 0.1
  done
  sleep 1
  timeout $((total_seconds + 60)) "$JAVA" -Xms256m -Xmx256m "$(gc_log "$dir/gc-load.log")" -cp "$BENCH_CP" \
    io.linkscope.collector.bench.LiveLatency load "$url" "$rate" "$total_seconds" "$dir/load.txt" >"$dir/load.out" 2>&1
  wait "$reader" || true
  echo "### Run $run, $(date -u +%H:%M) UTC, $rate redirects/s for $warmup s (left out) + $seconds s, 1 + $streams streams"
  echo
  "$JAVA" -cp "$BENCH_CP" io.linkscope.collector.bench.LiveLatencyReport "$dir" "$warmup"
  echo
  stop_run
  [[ -n "${BENCH_KEEP_DIR:-}" ]] && mkdir -p "$BENCH_KEEP_DIR" && cp -r "$dir" "$BENCH_KEEP_DIR/" || true
}

for r in $(seq 1 "$runs"); do
  one_run "$r"
done
