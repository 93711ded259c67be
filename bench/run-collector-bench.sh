#!/usr/bin/env bash
# Benchmarks the real collector end to end: builds it, starts it on a fresh MariaDB database with
# 100 links, runs redirect-bench.sh (nginx baseline in the same run), checks that MariaDB holds one
# click per redirect, samples the store rate and backlog age, then times the drain of a large
# backlog. See README.md ("Collector benchmark").
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: bench/run-collector-bench.sh [options]

  --duration SECONDS      measured redirect run (default 20)
  --warmup SECONDS        collector warm-up before it (default 10)
  --links N               links to create (default 100)
  --drain-clicks N        backlog to build and drain (default 1000000, 0 to skip)
  --fill-seconds SECONDS  longest time spent building that backlog (default 60)
  --geoip-database FILE   a GeoLite2/GeoIP2 City file (default: the small test database)
  --db-host HOST:PORT     MariaDB to use (default 127.0.0.1:3306, user root, no password)
  -h, --help              this text
USAGE
}

die() {
  echo "run-collector-bench: $*" >&2
  exit 1
}

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
DURATION=20
WARMUP=10
LINKS=100
DRAIN_CLICKS=1000000
FILL_SECONDS=60
GEOIP=""
DB_HOST="127.0.0.1:3306"

while [[ $# -gt 0 ]]; do
  case "$1" in
    --duration) DURATION="${2:?}"; shift 2 ;;
    --warmup) WARMUP="${2:?}"; shift 2 ;;
    --links) LINKS="${2:?}"; shift 2 ;;
    --drain-clicks) DRAIN_CLICKS="${2:?}"; shift 2 ;;
    --fill-seconds) FILL_SECONDS="${2:?}"; shift 2 ;;
    --geoip-database) GEOIP="${2:?}"; shift 2 ;;
    --db-host) DB_HOST="${2:?}"; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown option: $1" ;;
  esac
done
for n in "$DURATION" "$WARMUP" "$LINKS" "$DRAIN_CLICKS" "$FILL_SECONDS"; do
  [[ "$n" =~ ^[0-9]+$ ]] || die "numbers only, got '$n'"
done
((DURATION >= 1 && DURATION <= 60 && WARMUP <= 60 && FILL_SECONDS <= 60)) ||
  die "each run is bounded: --duration 1..60, --warmup and --fill-seconds at most 60"
((LINKS >= 1 && LINKS <= 10000)) || die "--links must be 1..10000"
[[ "$DB_HOST" =~ ^(127\.[0-9.]+|localhost):[0-9]+$ ]] || die "--db-host must be on loopback"

export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
DB_NAME="ls_bench_$(date -u +%Y%m%d%H%M%S)_$RANDOM"
SQL=(mariadb -uroot -h"${DB_HOST%:*}" -P"${DB_HOST#*:}" --batch --skip-column-names)
WORK="$(mktemp -d "${TMPDIR:-/tmp}/linkscope-collector-bench.XXXXXX")"
COLLECTOR_PID=""
JETTY_PID=""
SAMPLER_PID=""
LOCK_PID=""

cleanup() {
  [[ -n "$SAMPLER_PID" ]] && kill "$SAMPLER_PID" 2>/dev/null || true
  [[ -n "$LOCK_PID" ]] && kill "$LOCK_PID" 2>/dev/null || true
  [[ -n "$JETTY_PID" ]] && kill "$JETTY_PID" 2>/dev/null || true
  if [[ -n "$COLLECTOR_PID" ]]; then
    kill "$COLLECTOR_PID" 2>/dev/null || true
    for _ in $(seq 1 300); do
      kill -0 "$COLLECTOR_PID" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$COLLECTOR_PID" 2>/dev/null || true
  fi
  # BENCH_COLLECTOR_LOG: keep a copy of the collector's log there.
  [[ -n "${BENCH_COLLECTOR_LOG:-}" && -f "$WORK/collector.log" ]] && cp "$WORK/collector.log" "$BENCH_COLLECTOR_LOG"
  "${SQL[@]}" -e "DROP DATABASE IF EXISTS \`$DB_NAME\`" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say() { echo "== $*" >&2; }

# shellcheck source=lib/cpus.sh
source "$HERE/lib/cpus.sh"

# ---------------------------------------------------------------------------- build and start

say "building the collector"
(cd "$ROOT" && ./mvnw -q -B -o package -DskipTests -pl collector -am) >&2
CP="$ROOT/collector/target/classes:$ROOT/collector/target/lib/*"

if [[ -z "$GEOIP" ]]; then
  # The test database: a handful of networks, read by the real MaxMind reader, so every click
  # pays for a lookup as it would in production.
  GEOIP="$WORK/GeoLite2-City-test.mmdb"
  cat >"$WORK/WriteGeo.java" <<'JAVA'
class WriteGeo {
  public static void main(String[] args) {
    io.linkscope.collector.testsupport.TestGeoDatabase.write(java.nio.file.Path.of(args[0]));
  }
}
JAVA
  "$JAVA" -cp "$ROOT/collector/target/test-classes:$CP" "$WORK/WriteGeo.java" "$GEOIP"
fi

"${SQL[@]}" -e "CREATE DATABASE \`$DB_NAME\` CHARACTER SET utf8mb4"
say "starting the collector on database $DB_NAME"
# BENCH_COLLECTOR_JAVA_OPTS: extra JVM options for the collector, e.g. a JFR recording;
# BENCH_COLLECTOR_ARGS: extra options of `serve`, e.g. --yield-to-redirects-seconds 0.
# shellcheck disable=SC2086
"${SERVER_PIN[@]}" "$JAVA" -Xms1g -Xmx1g ${BENCH_COLLECTOR_JAVA_OPTS:-} -cp "$CP" io.linkscope.collector.app.CollectorMain serve \
  --host 127.0.0.1 --port 0 --port-file "$WORK/port" --data-dir "$WORK/data" \
  --db-url "jdbc:mariadb://$DB_HOST/$DB_NAME" --trusted-proxies 127.0.0.1/32 \
  --geoip-database "$GEOIP" ${BENCH_COLLECTOR_ARGS:-} >"$WORK/collector.log" 2>&1 &
COLLECTOR_PID=$!
for _ in $(seq 1 1200); do
  [[ -s "$WORK/port" ]] && break
  kill -0 "$COLLECTOR_PID" 2>/dev/null || { cat "$WORK/collector.log" >&2; die "the collector exited"; }
  sleep 0.1
done
[[ -s "$WORK/port" ]] || die "the collector did not start within 120 s"
URL="http://127.0.0.1:$(tr -d '[:space:]' <"$WORK/port")"
KEY="$(grep -o 'lsk_[A-Za-z0-9_-]*' "$WORK/collector.log" | head -n1)"
[[ -n "$KEY" ]] || die "no admin key in the collector log"

say "creating $LINKS links"
SLUGS="$WORK/slugs.txt"
: >"$SLUGS"
for i in $(seq 1 "$LINKS"); do
  slug="bench-$i"
  curl -sf -o /dev/null -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
    -d "{\"slug\":\"$slug\",\"targetUrl\":\"https://shop.example.com/p/$i\"}" "$URL/api/v1/links" ||
    die "could not create link $slug"
  echo "$slug" >>"$SLUGS"
done

metric() { curl -sf "$URL/metrics" | awk -v name="$1" '$1 == name { print $2 }'; }
rss_mb() { echo $(($(ps -o rss= -p "$COLLECTOR_PID") / 1024)); }
# CPU seconds the collector has used (user + system): unlike req/s, barely moved by other load on a
# shared machine, so CPU per click compares builds.
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$COLLECTOR_PID/stat"; }

await_backlog_zero() {
  local limit="$1" started
  started=$(date +%s.%N)
  for _ in $(seq 1 $((limit * 10))); do
    [[ "$(metric linkscope_backlog_records)" == 0 ]] && break
    sleep 0.1
  done
  [[ "$(metric linkscope_backlog_records)" == 0 ]] || die "backlog not drained within $limit s"
  awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }'
}

wrk_run() { # seconds report-file
  (cd "$HERE" && BENCH_SLUGS_FILE="$SLUGS" BENCH_UA_FILE="$HERE/data/user-agents.txt" \
    BENCH_REPORT="$2" timeout $(($1 + 30)) "${LOAD_PIN[@]}" wrk -t"$WRK_THREADS" -c64 --timeout 5s -d"$1s" -s wrk/mixed.lua "$URL/") >&2
}

report_value() { awk -F= -v k="$2" '$1 == k { v = $2 } END { print v }' "$1"; }

# ---------------------------------------------------------------------------- redirect throughput

say "collector warm-up ${WARMUP}s"
WARM_302=0
if ((WARMUP > 0)); then
  wrk_run "$WARMUP" "$WORK/warmup.report"
  WARM_302="$(report_value "$WORK/warmup.report" status_302)"
fi
await_backlog_zero 120 >/dev/null

# The framework's floor: Jetty with the collector's connector settings and a constant 302.
say "starting the constant-302 Jetty (framework floor) and warming it up"
"${SERVER_PIN[@]}" "$JAVA" -Xms1g -Xmx1g -cp "$CP" "$HERE/jetty-302/Jetty302.java" "$WORK/jetty.port" >"$WORK/jetty.log" 2>&1 &
JETTY_PID=$!
for _ in $(seq 1 300); do
  [[ -s "$WORK/jetty.port" ]] && break
  sleep 0.1
done
[[ -s "$WORK/jetty.port" ]] || { cat "$WORK/jetty.log" >&2; die "the constant-302 Jetty did not start"; }
JETTY_URL="http://127.0.0.1:$(tr -d '[:space:]' <"$WORK/jetty.port")"
(cd "$HERE" && BENCH_SLUGS_FILE="$SLUGS" BENCH_UA_FILE="$HERE/data/user-agents.txt" \
  timeout 40 "${LOAD_PIN[@]}" wrk -t"$WRK_THREADS" -c64 --timeout 5s -d10s -s wrk/mixed.lua "$JETTY_URL/") >/dev/null 2>&1

# Store rate and backlog age, once a second, while redirect-bench loads the collector.
(
  while true; do
    printf '%s %s %s %s\n' "$(date +%s.%N)" "$(metric linkscope_clicks_stored_total)" \
      "$(metric linkscope_backlog_records)" "$(metric linkscope_backlog_oldest_age_seconds)"
    sleep 1
  done
) >"$WORK/samples.txt" 2>/dev/null &
SAMPLER_PID=$!
CPU_BEFORE="$(cpu_seconds)"
REDIRECTS_BEFORE="$(metric linkscope_redirects_total)"
YIELD_BEFORE="$(metric linkscope_pipeline_yield_milliseconds_total)"

say "redirect-bench: nginx, the constant-302 Jetty, then the collector"
"$HERE/redirect-bench.sh" --collector "$URL" --jetty "$JETTY_URL" --slugs "$SLUGS" --duration "$DURATION" --warmup 0 \
  --out "$WORK/results" >"$WORK/table.md" 2>"$WORK/redirect-bench.err" ||
  { cat "$WORK/redirect-bench.err" >&2; die "redirect-bench failed"; }
RSS_LOADED="$(rss_mb)"
kill "$JETTY_PID" 2>/dev/null || true
wait "$JETTY_PID" 2>/dev/null || true
JETTY_PID=""
YIELD_SECONDS="$(awk -v a="$YIELD_BEFORE" -v b="$(metric linkscope_pipeline_yield_milliseconds_total)" \
  'BEGIN { printf "%.1f", (b - a) / 1000 }')"
kill "$SAMPLER_PID" 2>/dev/null || true
wait "$SAMPLER_PID" 2>/dev/null || true
SAMPLER_PID=""

# The collector's measured run is the last summary in redirect-bench's output; its probe request
# is one more click.
MEASURED_302="$(awk '$1 == "302" { n = $2 } END { print n }' "$WORK/redirect-bench.err")"
await_backlog_zero 120 >/dev/null
STORED="$("${SQL[@]}" "$DB_NAME" -e 'SELECT COUNT(*) FROM click')"
REDIRECTS="$(metric linkscope_redirects_total)"
# Redirect, journal, enrichment and batch insert of each click of the measured run, in the JVM.
CPU_PER_CLICK="$(awk -v a="$CPU_BEFORE" -v b="$(cpu_seconds)" -v n=$((REDIRECTS - REDIRECTS_BEFORE)) \
  'BEGIN { printf "%.0f", (n > 0 ? (b - a) * 1e6 / n : 0) }')"
SEEN_302=$((WARM_302 + MEASURED_302 + 1))

# Loaded samples only: those where clicks were still arriving.
INGEST="$(awk '
  NR == 1 { t0 = $1; s0 = $2 }
  { if ($2 > last) { t1 = $1; s1 = $2 }; last = $2; if ($4 > age) age = $4; if ($3 > bl) bl = $3 }
  END { if (t1 > t0) printf "%.0f %.2f %d", (s1 - s0) / (t1 - t0), age, bl; else print "0 0 0" }
' "$WORK/samples.txt")"
read -r STORE_RATE MAX_AGE MAX_BACKLOG <<<"$INGEST"

# ---------------------------------------------------------------------------- backlog drain

DRAIN_LINE=""
if ((DRAIN_CLICKS > 0)); then
  # MariaDB stays up; one session holds a write lock on the checkpoint table, so every batch
  # waits at its last statement and clicks pile up in the journal as in an outage.
  mkfifo "$WORK/lock.fifo"
  "${SQL[@]}" --unbuffered "$DB_NAME" <"$WORK/lock.fifo" >"$WORK/lock.out" 2>&1 &
  LOCK_PID=$!
  exec 5>"$WORK/lock.fifo"
  echo "LOCK TABLES journal_checkpoint WRITE; SELECT 'locked';" >&5
  for _ in $(seq 1 100); do
    grep -q locked "$WORK/lock.out" && break
    sleep 0.1
  done
  grep -q locked "$WORK/lock.out" || die "could not lock the checkpoint table"

  START_JOURNALED="$(metric linkscope_clicks_journaled_total)"
  say "building a backlog of $DRAIN_CLICKS clicks (at most ${FILL_SECONDS}s)"
  (cd "$HERE" && BENCH_SLUGS_FILE="$SLUGS" BENCH_UA_FILE="$HERE/data/user-agents.txt" \
    timeout $((FILL_SECONDS + 30)) "${LOAD_PIN[@]}" wrk -t"$WRK_THREADS" -c64 --timeout 5s -d"${FILL_SECONDS}s" \
    -s wrk/mixed.lua "$URL/") >"$WORK/fill.out" 2>&1 &
  FILL_PID=$!
  FILL_STARTED=$(date +%s.%N)
  while kill -0 "$FILL_PID" 2>/dev/null; do
    journaled=$(($(metric linkscope_clicks_journaled_total) - START_JOURNALED))
    ((journaled >= DRAIN_CLICKS)) && { kill "$FILL_PID" 2>/dev/null || true; break; }
    sleep 0.2
  done
  wait "$FILL_PID" 2>/dev/null || true
  FILL_SECONDS_TAKEN=$(awk -v s="$FILL_STARTED" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
  sleep 1
  BACKLOG="$(metric linkscope_backlog_records)"
  JOURNAL_MB=$(($(metric linkscope_journal_bytes) / 1024 / 1024))
  RSS_BACKLOG="$(rss_mb)"

  say "draining $BACKLOG clicks"
  echo "UNLOCK TABLES;" >&5
  exec 5>&-
  DRAIN_STARTED="$(metric linkscope_clicks_stored_total)"
  DRAIN_T0=$(date +%s.%N)
  DRAIN_TIME="$(await_backlog_zero 600)"
  DRAINED=$(($(metric linkscope_clicks_stored_total) - DRAIN_STARTED))
  # The rollups follow the stored clicks (decision 0005): when they had caught up too.
  for _ in $(seq 1 600); do
    [[ "$(metric linkscope_rollup_backlog_records)" == 0 ]] && break
    sleep 0.1
  done
  ROLLUPS_TIME="$(awk -v s="$DRAIN_T0" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')"
  wait "$LOCK_PID" 2>/dev/null || true
  LOCK_PID=""
  STORED_AFTER_DRAIN="$("${SQL[@]}" "$DB_NAME" -e 'SELECT COUNT(*) FROM click')"
  REDIRECTS_AFTER_DRAIN="$(metric linkscope_redirects_total)"
  DRAIN_LINE="$(awk -v b="$BACKLOG" -v d="$DRAINED" -v t="$DRAIN_TIME" -v f="$FILL_SECONDS_TAKEN" \
    -v mb="$JOURNAL_MB" -v rss="$RSS_BACKLOG" -v s="$STORED_AFTER_DRAIN" -v r="$REDIRECTS_AFTER_DRAIN" \
    -v rt="$ROLLUPS_TIME" \
    'BEGIN { printf "| %d | %.1f | %d MB | %d MB | %d | %.1f | %.0f | %.1f | %d / %d |", b, f, mb, rss, d, t, (t > 0 ? d / t : 0), rt, s, r }')"
fi

# ---------------------------------------------------------------------------- report

echo "# Collector benchmark $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo
echo "- machine: $(nproc) cores (shared), $(uname -sr), Java $("$JAVA" -version 2>&1 | head -n1 | cut -d'"' -f2), heap 1 GB; $CPU_NOTE, $WRK_THREADS wrk threads"
echo "- collector: journal on, group fsync 20 ms, batch ${LINKSCOPE_BATCH_SIZE:-25000}, options '${BENCH_COLLECTOR_ARGS:-}', MariaDB $("${SQL[@]}" -e 'SELECT VERSION()') on loopback"
echo
sed -n '/^| target/,$p' "$WORK/table.md"
echo
echo "| clicks: warm-up + measured + probe 302s | redirects_total | rows in click | collector RSS under load | collector CPU per click |"
echo "| ---: | ---: | ---: | ---: | ---: |"
echo "| $SEEN_302 | $REDIRECTS | $STORED | $RSS_LOADED MB | $CPU_PER_CLICK µs |"
echo
echo "| store rate under full load (clicks/s) | max backlog age (s) | max backlog (clicks) | pipeline gave way to redirects (s) |"
echo "| ---: | ---: | ---: | ---: |"
echo "| $STORE_RATE | $MAX_AGE | $MAX_BACKLOG | $YIELD_SECONDS |"
if [[ -n "$DRAIN_LINE" ]]; then
  echo
  echo "| backlog (clicks) | fill time (s) | journal | RSS with backlog | drained | drain time (s) | drain rate (clicks/s) | rollups caught up after (s) | rows / redirects_total |"
  echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  echo "$DRAIN_LINE"
fi
