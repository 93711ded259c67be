#!/usr/bin/env bash
# The redirect rate of this build with 3 webhook endpoints subscribed to link.clicked (real local
# receivers on 127.0.0.1) and 10 live streams open, against a previous build with neither, run
# alternately in the same window. Each run starts a collector in its own JVM on a fresh MariaDB
# database with 100 links and measures it with redirect-bench.sh (nginx in the same run, so each
# run has its own ceiling and ratio). See README.md ("Redirects with webhooks and live streams").
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: bench/redirect-live-webhook-bench.sh --baseline DIR [options]

  --baseline DIR       a built checkout of the previous build (collector/target/classes and lib)
  --pairs N            alternating pairs, this build first in odd pairs (default 3, at most 6)
  --duration SECONDS   measured seconds per target (default 20, at most 60)
  --warmup SECONDS     unmeasured seconds before each measurement (default 5, at most 30)
  --streams N          live streams open during this build's runs (default 10)
  --endpoints N        webhook endpoints on link.clicked during this build's runs (default 3)
  --receiver-port P    first port of the receivers on 127.0.0.1 (default 19310)
  -h, --help           this text
USAGE
}

die() {
  echo "redirect-live-webhook-bench: $*" >&2
  exit 1
}

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
BASELINE=""
PAIRS=3
DURATION=20
WARMUP=5
STREAMS=10
ENDPOINTS=3
RECEIVER_PORT=19310
LINKS=100

while [[ $# -gt 0 ]]; do
  case "$1" in
    --baseline) BASELINE="${2:?}"; shift 2 ;;
    --pairs) PAIRS="${2:?}"; shift 2 ;;
    --duration) DURATION="${2:?}"; shift 2 ;;
    --warmup) WARMUP="${2:?}"; shift 2 ;;
    --streams) STREAMS="${2:?}"; shift 2 ;;
    --endpoints) ENDPOINTS="${2:?}"; shift 2 ;;
    --receiver-port) RECEIVER_PORT="${2:?}"; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown option: $1" ;;
  esac
done
[[ -n "$BASELINE" ]] || { usage >&2; die "--baseline is required"; }
BASELINE="$(cd "$BASELINE" && pwd)"
[[ -d "$BASELINE/collector/target/classes" && -d "$BASELINE/collector/target/lib" ]] ||
  die "$BASELINE is not built (./mvnw -o package -DskipTests -pl collector -am in it)"
for n in "$PAIRS" "$DURATION" "$WARMUP" "$STREAMS" "$ENDPOINTS" "$RECEIVER_PORT"; do
  [[ "$n" =~ ^[0-9]+$ ]] || die "numbers only, got '$n'"
done
((PAIRS >= 1 && PAIRS <= 6 && DURATION >= 1 && DURATION <= 60 && WARMUP <= 30 && STREAMS <= 20 &&
  ENDPOINTS <= 10 && RECEIVER_PORT >= 1024 && RECEIVER_PORT <= 65000)) ||
  die "bounded: --pairs 1..6, --duration 1..60, --warmup <= 30, --streams <= 20, --endpoints <= 10"

export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
SQL=(mariadb -uroot -h127.0.0.1 -P3306 --batch --skip-column-names)
WORK="$(mktemp -d "${TMPDIR:-/tmp}/linkscope-redirect-live-webhook.XXXXXX")"
RECEIVER_PID=""
# shellcheck source=lib/run-processes.sh
source "$HERE/lib/run-processes.sh"

cleanup() {
  stop_run
  [[ -n "$RECEIVER_PID" ]] && kill "$RECEIVER_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say() { echo "== $*" >&2; }

# BENCH_SKIP_BUILD=1: use what is already built.
if [[ -z "${BENCH_SKIP_BUILD:-}" ]]; then
  say "building this build's collector"
  (cd "$ROOT" && ./mvnw -q -B -o package -DskipTests -pl collector -am) >&2
fi
GEOIP="$WORK/GeoLite2-City-test.mmdb"
cat >"$WORK/WriteGeo.java" <<'JAVA'
class WriteGeo {
  public static void main(String[] args) {
    io.linkscope.collector.testsupport.TestGeoDatabase.write(java.nio.file.Path.of(args[0]));
  }
}
JAVA
"$JAVA" -cp "$ROOT/collector/target/test-classes:$ROOT/collector/target/classes:$ROOT/collector/target/lib/*" \
  "$WORK/WriteGeo.java" "$GEOIP"

RECEIVER_PORTS=()
for i in $(seq 0 $((ENDPOINTS - 1))); do
  RECEIVER_PORTS+=($((RECEIVER_PORT + i)))
done
if ((ENDPOINTS > 0)); then
  "$JAVA" "$HERE/webhook-receiver/WebhookReceiver.java" "${RECEIVER_PORTS[@]}" >"$WORK/receiver.log" 2>&1 &
  RECEIVER_PID=$!
  for _ in $(seq 1 300); do
    grep -q listening "$WORK/receiver.log" && break
    kill -0 "$RECEIVER_PID" 2>/dev/null || { cat "$WORK/receiver.log" >&2; die "the receivers did not start"; }
    sleep 0.1
  done
fi
received() { # all POSTs the receivers got so far
  local sum=0 port
  for port in "${RECEIVER_PORTS[@]}"; do
    sum=$((sum + $(curl -sf "http://127.0.0.1:$port/count" || echo 0)))
  done
  echo "$sum"
}

metric() { curl -sf "$1/metrics" | awk -v name="$2" '$1 == name { print $2 }'; }
# CPU seconds a process has used (user + system): unlike req/s, barely moved by other load.
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"; }
load1() { cut -d' ' -f1 /proc/loadavg; }

one_run() { # label root with-extras
  local label="$1" root="$2" extras="$3" dir url key i slug row before_posts before_live
  dir="$WORK/$label-$RANDOM"
  mkdir -p "$dir"
  DB_NAME="ls_rlw_bench_$(date -u +%Y%m%d%H%M%S)_$RANDOM"
  "${SQL[@]}" -e "CREATE DATABASE \`$DB_NAME\` CHARACTER SET utf8mb4"
  local options=()
  ((extras)) && options=(--webhooks-allow-private-targets --live-max-streams-per-key "$((STREAMS + 1))")
  "$JAVA" -Xms1g -Xmx1g -cp "$root/collector/target/classes:$root/collector/target/lib/*" \
    io.linkscope.collector.app.CollectorMain serve \
    --host 127.0.0.1 --port 0 --port-file "$dir/port" --data-dir "$dir/data" \
    --db-url "jdbc:mariadb://127.0.0.1:3306/$DB_NAME" --trusted-proxies 127.0.0.1/32 \
    --geoip-database "$GEOIP" --shutdown-drain-seconds 2 "${options[@]}" >"$dir/collector.log" 2>&1 &
  local collector=$!
  RUN_PIDS+=("$collector")
  for _ in $(seq 1 1200); do
    [[ -s "$dir/port" ]] && break
    kill -0 "$collector" 2>/dev/null || { cat "$dir/collector.log" >&2; die "the collector exited"; }
    sleep 0.1
  done
  [[ -s "$dir/port" ]] || die "the collector did not start within 120 s"
  url="http://127.0.0.1:$(tr -d '[:space:]' <"$dir/port")"
  key="$(grep -o 'lsk_[A-Za-z0-9_-]*' "$dir/collector.log" | head -n1)"
  [[ -n "$key" ]] || die "no admin key in the collector log"
  : >"$dir/slugs.txt"
  for i in $(seq 1 "$LINKS"); do
    slug="bench-$i"
    curl -sf -o /dev/null -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
      -d "{\"slug\":\"$slug\",\"targetUrl\":\"https://shop.example.com/p/$i\"}" "$url/api/v1/links" ||
      die "could not create link $slug"
    echo "$slug" >>"$dir/slugs.txt"
  done
  if ((extras)); then
    for port in "${RECEIVER_PORTS[@]}"; do
      curl -sf -o /dev/null -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
        -d "{\"url\":\"http://127.0.0.1:$port/hook\",\"events\":[\"link.clicked\"]}" "$url/api/v1/webhooks" ||
        die "could not create the webhook endpoint to port $port"
    done
    for i in $(seq 1 "$STREAMS"); do
      timeout $((2 * (WARMUP + DURATION) + 120)) curl -sN -o /dev/null -H "Authorization: Bearer $key" \
        -H 'Accept: text/event-stream' "$url/api/v1/live" &
      RUN_PIDS+=("$!")
    done
    sleep 1
    [[ "$(metric "$url" linkscope_live_streams)" == "$STREAMS" ]] || die "the $STREAMS live streams did not open"
  fi
  before_posts="$( ((extras && ENDPOINTS > 0)) && received || echo 0)"
  before_live="$( ((extras)) && metric "$url" linkscope_live_events_total || echo 0)"
  local load_before load_after cpu_before redirects_before cpu_per_redirect
  load_before="$(load1)"
  cpu_before="$(cpu_seconds "$collector")"
  redirects_before="$(metric "$url" linkscope_redirects_total)"
  "$HERE/redirect-bench.sh" --collector "$url" --slugs "$dir/slugs.txt" --duration "$DURATION" \
    --warmup "$WARMUP" --out "$dir/results" >"$dir/table.md" 2>"$dir/redirect-bench.err" ||
    { cat "$dir/redirect-bench.err" >&2; die "redirect-bench failed"; }
  load_after="$(load1)"
  # The collector's CPU over its warm-up and measured run (redirects, journal, the pipeline as far
  # as it wrote during the run, webhooks and live streams), per redirect it answered.
  cpu_per_redirect="$(awk -v a="$cpu_before" -v b="$(cpu_seconds "$collector")" \
    -v n="$(($(metric "$url" linkscope_redirects_total) - redirects_before))" \
    'BEGIN { printf "%.0f", (n > 0 ? (b - a) * 1e6 / n : 0) }')"
  local posts=0 live=0 streams_open=0
  if ((extras)); then
    posts=$(($( ((ENDPOINTS > 0)) && received || echo 0) - before_posts))
    live="$(awk -v a="$before_live" -v b="$(metric "$url" linkscope_live_events_total)" 'BEGIN { printf "%d", b - a }')"
    streams_open="$(metric "$url" linkscope_live_streams)"
  fi
  # redirect-bench's rows: nginx first, then the collector.
  local nginx collector_row
  nginx="$(awk -F'|' '$2 ~ /nginx/ { gsub(/ /, "", $4); print $4 }' "$dir/table.md")"
  collector_row="$(awk -F'|' '$2 ~ /collector/ { gsub(/ /, "", $4); gsub(/ /, "", $6); gsub(/ /, "", $7); gsub(/ /, "", $9); print $4, $6, $7, $9 }' "$dir/table.md")"
  read -r rps p99 non302 ratio <<<"$collector_row"
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s / %s | %s | %s |\n' "$(date -u +%H:%M)" "$label" \
    "$nginx" "$rps" "$ratio" "$p99" "$non302" "$cpu_per_redirect" "$load_before" "$load_after" \
    "$( ((extras)) && echo "$streams_open open, $live events" || echo -)" \
    "$( ((extras)) && echo "$posts" || echo -)"
  stop_run
}

echo "# Redirects with $ENDPOINTS webhook endpoints and $STREAMS live streams against the previous build ($(date -u +%Y-%m-%dT%H:%M:%SZ))"
echo
echo "- machine: $(nproc) cores (shared), Java $("$JAVA" -version 2>&1 | head -n1 | cut -d'"' -f2), heap 1 GB; this build: $(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo ?); baseline: $BASELINE"
echo "- redirect-bench.sh --duration $DURATION --warmup $WARMUP (wrk, 64 connections, mixed.lua), nginx measured in each run"
echo
echo "| time (UTC) | build | nginx req/s | collector req/s | vs nginx | p99 (ms) | non-302 | collector CPU per redirect (µs) | load average before / after | live streams | webhook POSTs received during the run |"
echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | ---: |"
# A B, then B A, and so on: a drift of the machine's load over the window falls on both builds.
run_this() {
  say "pair $1: this build with $ENDPOINTS endpoints and $STREAMS streams"
  one_run "this build + $ENDPOINTS endpoints + $STREAMS streams" "$ROOT" 1
}
run_baseline() {
  say "pair $1: the baseline"
  one_run "baseline" "$BASELINE" 0
}
for pair in $(seq 1 "$PAIRS"); do
  if ((pair % 2 == 1)); then
    run_this "$pair"
    run_baseline "$pair"
  else
    run_baseline "$pair"
    run_this "$pair"
  fi
done
