#!/usr/bin/env bash
# CPU per click of a link with routing rules and an A/B split against a plain link (decision
# 0014): starts the real collector on a fresh MariaDB database, creates N plain links and N links
# with 5 rules (bot, country+OS, language+device, in-app browser, query parameter) and a 50/50
# split, then loads each set in turn with wrk (bench/wrk/mixed.lua: real User-Agents, addresses,
# Accept-Language, referrers, UTM tags) and reads the collector's CPU time (utime + stime from
# /proc/<pid>/stat) from the start of a run until its clicks are stored. CPU time rather than
# throughput, so that other load on a shared machine moves the result little.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: bench/routing-bench.sh [options]

  --duration SECONDS   each measured wrk run (default 15)
  --rounds N           plain/routed pairs, alternating (default 2)
  --links N            links of each kind (default 50)
  --db-host HOST:PORT  MariaDB to use (default 127.0.0.1:3306, user root, no password)
  --decision-only      time only the routing decision of those rules (RouteBench), no server
  -h, --help           this text
USAGE
}

die() {
  echo "routing-bench: $*" >&2
  exit 1
}

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
DURATION=15
ROUNDS=2
LINKS=50
DB_HOST="127.0.0.1:3306"
DECISION_ONLY=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --duration) DURATION="${2:?}"; shift 2 ;;
    --rounds) ROUNDS="${2:?}"; shift 2 ;;
    --links) LINKS="${2:?}"; shift 2 ;;
    --db-host) DB_HOST="${2:?}"; shift 2 ;;
    --decision-only) DECISION_ONLY=1; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown option: $1" ;;
  esac
done
for n in "$DURATION" "$ROUNDS" "$LINKS"; do
  [[ "$n" =~ ^[0-9]+$ ]] || die "numbers only, got '$n'"
done
((DURATION >= 1 && DURATION <= 60 && ROUNDS >= 1 && ROUNDS <= 5)) ||
  die "each run is bounded: --duration 1..60, --rounds 1..5"
((LINKS >= 1 && LINKS <= 1000)) || die "--links must be 1..1000"
[[ "$DB_HOST" =~ ^(127\.[0-9.]+|localhost):[0-9]+$ ]] || die "--db-host must be on loopback"

export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
DB_NAME="ls_routing_bench_$(date -u +%Y%m%d%H%M%S)_$RANDOM"
SQL=(mariadb -uroot -h"${DB_HOST%:*}" -P"${DB_HOST#*:}" --batch --skip-column-names)
WORK="$(mktemp -d "${TMPDIR:-/tmp}/linkscope-routing-bench.XXXXXX")"
COLLECTOR_PID=""

cleanup() {
  if [[ -n "$COLLECTOR_PID" ]]; then
    kill "$COLLECTOR_PID" 2>/dev/null || true
    for _ in $(seq 1 300); do
      kill -0 "$COLLECTOR_PID" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$COLLECTOR_PID" 2>/dev/null || true
  fi
  "${SQL[@]}" -e "DROP DATABASE IF EXISTS \`$DB_NAME\`" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say() { echo "== $*" >&2; }

# shellcheck source=lib/cpus.sh
source "$HERE/lib/cpus.sh"

say "building the collector"
(cd "$ROOT" && ./mvnw -q -B -o package -DskipTests -pl collector -am) >&2
CP="$ROOT/collector/target/classes:$ROOT/collector/target/lib/*"

if ((DECISION_ONLY)); then
  "${SERVER_PIN[@]}" "$JAVA" -cp "$ROOT/collector/target/test-classes:$CP" \
    io.linkscope.collector.bench.RouteBench "$HERE/data/user-agents.txt" 20 20
  exit 0
fi

GEOIP="$WORK/GeoLite2-City-test.mmdb"
cat >"$WORK/WriteGeo.java" <<'JAVA'
class WriteGeo {
  public static void main(String[] args) {
    io.linkscope.collector.testsupport.TestGeoDatabase.write(java.nio.file.Path.of(args[0]));
  }
}
JAVA
"$JAVA" -cp "$ROOT/collector/target/test-classes:$CP" "$WORK/WriteGeo.java" "$GEOIP"

"${SQL[@]}" -e "CREATE DATABASE \`$DB_NAME\` CHARACTER SET utf8mb4"
say "starting the collector on database $DB_NAME"
"${SERVER_PIN[@]}" "$JAVA" -Xms1g -Xmx1g -cp "$CP" io.linkscope.collector.app.CollectorMain serve \
  --host 127.0.0.1 --port 0 --port-file "$WORK/port" --data-dir "$WORK/data" \
  --db-url "jdbc:mariadb://$DB_HOST/$DB_NAME" --trusted-proxies 127.0.0.1/32 \
  --geoip-database "$GEOIP" >"$WORK/collector.log" 2>&1 &
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

RULES='[
  {"when":{"bot":true},"targetUrl":"https://preview.example.com/card"},
  {"when":{"countries":["JP"],"os":["iOS"]},"targetUrl":"https://shop.example.com/jp-ios"},
  {"when":{"languages":["de"],"devices":["mobile"]},"targetUrl":"https://shop.example.com/de-mobile"},
  {"when":{"inApp":["Instagram","Facebook","TikTok"]},"targetUrl":"https://shop.example.com/social"},
  {"when":{"query":[{"name":"utm_source","equals":"newsletter"}]},"targetUrl":"https://shop.example.com/news"}]'
VARIANTS='[{"targetUrl":"https://shop.example.com/a","weight":50},
  {"targetUrl":"https://shop.example.com/b","weight":50}]'

say "creating $LINKS plain and $LINKS routed links"
: >"$WORK/plain.txt"
: >"$WORK/routed.txt"
for i in $(seq 1 "$LINKS"); do
  curl -sf -o /dev/null -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
    -d "{\"slug\":\"plain-$i\",\"targetUrl\":\"https://shop.example.com/p/$i\"}" "$URL/api/v1/links" ||
    die "could not create plain-$i"
  echo "plain-$i" >>"$WORK/plain.txt"
  curl -sf -o /dev/null -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
    -d "{\"slug\":\"routed-$i\",\"targetUrl\":\"https://shop.example.com/p/$i\",\"rules\":$RULES,\"variants\":$VARIANTS}" \
    "$URL/api/v1/links" || die "could not create routed-$i"
  echo "routed-$i" >>"$WORK/routed.txt"
done

metric() { curl -sf "$URL/metrics" | awk -v name="$1" '$1 == name { print $2 }'; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$COLLECTOR_PID/stat"; }
await_backlog_zero() {
  for _ in $(seq 1 1200); do
    [[ "$(metric linkscope_backlog_records)" == 0 ]] && return 0
    sleep 0.1
  done
  die "backlog not drained within 120 s"
}
report_value() { awk -F= -v k="$2" '$1 == k { v = $2 } END { print v }' "$1"; }

run() { # kind seconds -> prints "requests cpu_ticks"
  local report="$WORK/$1.report" before after
  await_backlog_zero
  before="$(cpu_ticks)"
  (cd "$HERE" && BENCH_SLUGS_FILE="$WORK/$1.txt" BENCH_UA_FILE="$HERE/data/user-agents.txt" \
    BENCH_REPORT="$report" timeout $(($2 + 30)) "${LOAD_PIN[@]}" wrk -t"$WRK_THREADS" -c32 \
    --timeout 5s -d"$2s" -s wrk/mixed.lua "$URL/") >"$WORK/$1.wrk.log" 2>&1 ||
    { cat "$WORK/$1.wrk.log" >&2; die "wrk failed on the $1 links"; }
  await_backlog_zero
  after="$(cpu_ticks)"
  echo "$(report_value "$report" requests) $((after - before)) $(report_value "$report" non_302)"
}

say "warm-up: 10 s of each"
run plain 10 >/dev/null
run routed 10 >/dev/null

HZ="$(getconf CLK_TCK)"
printf '%-7s %-5s %10s %10s %12s %8s\n' kind round requests cpu_s us_per_click non_302
declare -A REQ=([plain]=0 [routed]=0) CPU=([plain]=0 [routed]=0)
for round in $(seq 1 "$ROUNDS"); do
  for kind in plain routed; do
    read -r requests ticks others < <(run "$kind" "$DURATION")
    REQ[$kind]=$((REQ[$kind] + requests))
    CPU[$kind]=$((CPU[$kind] + ticks))
    awk -v k="$kind" -v r="$round" -v n="$requests" -v t="$ticks" -v hz="$HZ" -v o="$others" \
      'BEGIN { printf "%-7s %-5s %10d %10.2f %12.1f %8d\n", k, r, n, t / hz, t / hz / n * 1e6, o }'
  done
done
awk -v pn="${REQ[plain]}" -v pt="${CPU[plain]}" -v rn="${REQ[routed]}" -v rt="${CPU[routed]}" -v hz="$HZ" \
  'BEGIN { p = pt / hz / pn * 1e6; r = rt / hz / rn * 1e6;
           printf "plain  %.1f us of collector CPU per click\nrouted %.1f us of collector CPU per click (%+.1f %%)\n", p, r, (r / p - 1) * 100 }'
