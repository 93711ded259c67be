#!/usr/bin/env bash
# The scale-out check: a 3-node Galera cluster, 2-3 collectors behind nginx, a load whose every
# request carries a unique marker, and, under that load, a link edited through one collector, a
# collector killed with SIGKILL and restarted, a Galera node killed and rejoined, and a link with a
# click limit visited through every collector. Then every count is checked, marker by marker, and
# the numbers of docs/BENCHMARKS.md ("Scale-out") are printed. See scale/README.md.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: scale/run.sh [options]

  --collectors N        collectors behind nginx, 2 or 3 (default 2)
  --duration SECONDS    the load with the faults (default 120, at most 300)
  --compare SECONDS     each of the two throughput runs, 1 collector then all (default 15, 0 skips)
  --edits N             link edits whose propagation is timed (default 20)
  --drain-clicks N      backlog drained into the cluster and into a single MariaDB (default
                        100000, 0 skips)
  --url-mode MODE       sequential (each collector writes to its own first node, default) or
                        loadbalance (Connector/J picks a node per connection)
  --base-port PORT      ports PORT+1.. (default 19800; see scale/README.md)
  --keep                keep the working directory (logs, nginx log, cluster data) at the end
  --no-build            use the collector already built in collector/target
  -h, --help            this text
USAGE
}
die() {
  echo "scale/run: $*" >&2
  exit 1
}

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
COLLECTORS=2
DURATION=120
COMPARE=15
EDITS=20
DRAIN_CLICKS=100000
URL_MODE=sequential
KEEP=0
BUILD=1
GALERA_BASE_PORT=19800
while [[ $# -gt 0 ]]; do
  case "$1" in
    --collectors) COLLECTORS="${2:?}"; shift 2 ;;
    --duration) DURATION="${2:?}"; shift 2 ;;
    --compare) COMPARE="${2:?}"; shift 2 ;;
    --edits) EDITS="${2:?}"; shift 2 ;;
    --drain-clicks) DRAIN_CLICKS="${2:?}"; shift 2 ;;
    --url-mode) URL_MODE="${2:?}"; shift 2 ;;
    --base-port) GALERA_BASE_PORT="${2:?}"; shift 2 ;;
    --keep) KEEP=1; shift ;;
    --no-build) BUILD=0; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown option: $1" ;;
  esac
done
for n in "$DURATION" "$COMPARE" "$EDITS" "$DRAIN_CLICKS" "$GALERA_BASE_PORT"; do
  [[ "$n" =~ ^[0-9]+$ ]] || die "numbers only, got '$n'"
done
[[ "$COLLECTORS" =~ ^[23]$ ]] || die "--collectors must be 2 or 3"
((DURATION >= 60 && DURATION <= 300)) || die "--duration must be 60..300 (the faults need a minute)"
((COMPARE <= 60 && EDITS <= 100 && DRAIN_CLICKS <= 1000000)) ||
  die "bounded runs: --compare at most 60, --edits at most 100, --drain-clicks at most 1000000"
[[ "$URL_MODE" == sequential || "$URL_MODE" == loadbalance ]] || die "--url-mode: sequential or loadbalance"
for tool in wrk nginx curl mariadb socat; do
  command -v "$tool" >/dev/null || die "needs $tool (Debian: apt-get install wrk nginx-light curl mariadb-client socat)"
done

export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/linkscope-scale.XXXXXX")"
chmod 755 "$WORK"
GALERA_DIR="$WORK/galera"
GALERA_NODES=3
# shellcheck source=lib/galera.sh
source "$HERE/lib/galera.sh"
DB=linkscope_scale
RUN="r$(date -u +%H%M%S)"
NGINX_PORT=$((GALERA_BASE_PORT + 50))
NGINX_ONE_PORT=$((GALERA_BASE_PORT + 51))
PROXY_PORT=$((GALERA_BASE_PORT + 60))
DRAIN_PORT=$((GALERA_BASE_PORT + 44))
NGINX_PID=""
PROXY_PID=""
BG_PIDS=()

say() { echo "== $(date -u +%H:%M:%S) $*" >&2; }

collector_port() { echo $((GALERA_BASE_PORT + 40 + $1)); }
collector_pid() { cat "$WORK/c$1/pid" 2>/dev/null || true; }

stop_pid() { # pid [seconds]: SIGTERM, then SIGKILL after the given time
  local pid="$1" limit="${2:-30}"
  [[ -n "$pid" ]] || return 0
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 $((limit * 10))); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
  local status=$?
  for pid in "${BG_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  [[ -n "$NGINX_PID" ]] && stop_pid "$NGINX_PID" 10
  [[ -n "$PROXY_PID" ]] && kill -- -"$PROXY_PID" 2>/dev/null || true
  for dir in "$WORK"/c*/; do
    [[ -f "$dir/pid" ]] && stop_pid "$(cat "$dir/pid")" 30
  done
  [[ -f "$GALERA_DIR/cluster" ]] && "$HERE/galera-down.sh" --dir "$GALERA_DIR" --keep >&2 || true
  if ((KEEP == 1 || status != 0)); then
    echo "scale/run: logs kept in $WORK" >&2
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ------------------------------------------------------------------------------ build, cluster

if ((BUILD == 1)); then
  say "building the collector"
  (cd "$ROOT" && ./mvnw -q -B -o package -DskipTests -pl collector -am) >&2
fi
CP="$ROOT/collector/target/classes:$ROOT/collector/target/lib/*"
[[ -d "$ROOT/collector/target/classes" ]] || die "no built collector; run without --no-build"

say "starting the Galera cluster"
"$HERE/galera-up.sh" --dir "$GALERA_DIR" --base-port "$GALERA_BASE_PORT" >"$WORK/galera-up.out"
galera_sql 1 -e "CREATE DATABASE $DB CHARACTER SET utf8mb4"

# Collector i lists node i first: with 'sequential' each writes to its own node while it is up,
# so rollup cells are written on several nodes at once and certification conflicts happen.
db_url() { # collector database
  local i="$1" db="$2" order="" n
  for k in 0 1 2; do
    n=$(((i - 1 + k) % 3 + 1))
    order+="${order:+,}127.0.0.1:$(galera_port "$n")"
  done
  echo "jdbc:mariadb:$URL_MODE://$order/$db"
}

start_collector() { # i url [extra options...]
  local i="$1" url="$2" port
  shift 2
  port="$(collector_port "$i")"
  ((i == 4)) && port="$DRAIN_PORT"
  mkdir -p "$WORK/c$i"
  rm -f "$WORK/c$i/port"
  "$JAVA" -Xms512m -Xmx512m -cp "$CP" io.linkscope.collector.app.CollectorMain serve \
    --host 127.0.0.1 --port "$port" --port-file "$WORK/c$i/port" --data-dir "$WORK/c$i/data" \
    --db-url "$url" --trusted-proxies 127.0.0.1/32 "$@" >>"$WORK/c$i/collector.log" 2>&1 &
  echo $! >"$WORK/c$i/pid"
}

await_collector() { # i
  local i="$1" pid
  pid="$(collector_pid "$i")"
  for _ in $(seq 1 1800); do
    [[ -s "$WORK/c$i/port" ]] && return 0
    kill -0 "$pid" 2>/dev/null || { tail -n 40 "$WORK/c$i/collector.log" >&2; die "collector $i exited"; }
    sleep 0.1
  done
  die "collector $i did not start within 180 s"
}

metric() { # i name
  local port
  port="$(cat "$WORK/c$1/port" 2>/dev/null || echo 1)"
  curl -sf --max-time 5 "http://127.0.0.1:$port/metrics" 2>/dev/null | awk -v n="$2" '$1 == n { print $2 }'
}
metric_sum() { # name: over the load collectors
  local total=0 v
  for i in $(seq 1 "$COLLECTORS"); do
    v="$(metric "$i" "$1")"
    total=$(awk -v a="$total" -v b="${v:-0}" 'BEGIN { printf "%.0f", a + b }')
  done
  echo "$total"
}
cpu_seconds() { # pid: user + system CPU seconds so far
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat" 2>/dev/null || echo 0
}
cpu_sum() {
  local total=0
  for i in $(seq 1 "$COLLECTORS"); do
    total=$(awk -v a="$total" -v b="$(cpu_seconds "$(collector_pid "$i")")" 'BEGIN { printf "%.2f", a + b }')
  done
  echo "$total"
}
now_ms() { date +%s%3N; }

await_drained() { # i seconds: until backlog and rollup backlog are 0
  local i="$1" limit="$2"
  for _ in $(seq 1 $((limit * 5))); do
    [[ "$(metric "$i" linkscope_backlog_records)" == 0 && "$(metric "$i" linkscope_rollup_backlog_records)" == 0 ]] &&
      return 0
    sleep 0.2
  done
  return 1
}

say "starting $COLLECTORS collectors ($URL_MODE URLs)"
start_collector 1 "$(db_url 1 "$DB")"
await_collector 1 # the first start migrates the schema and creates the workspace
for i in $(seq 2 "$COLLECTORS"); do start_collector "$i" "$(db_url "$i" "$DB")"; done
for i in $(seq 2 "$COLLECTORS"); do await_collector "$i"; done
KEY="$(grep -o 'lsk_[A-Za-z0-9_-]*' "$WORK/c1/collector.log" | head -n1)"
[[ -n "$KEY" ]] || die "no admin key in collector 1's log"

api() { # collector method path [json]
  local port
  port="$(collector_port "$1")"
  curl -sf --max-time 10 -X "$2" -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
    ${4:+-d "$4"} "http://127.0.0.1:$port$3"
}

say "creating links"
SLUGS="$WORK/slugs.txt"
: >"$SLUGS"
for n in $(seq 1 20); do
  api 1 POST /api/v1/links "{\"slug\":\"scale-$n\",\"targetUrl\":\"https://shop.example.com/p/$n\"}" >/dev/null ||
    die "could not create link scale-$n"
  echo "scale-$n" >>"$SLUGS"
done
EDIT_ID="$(api 1 POST /api/v1/links '{"slug":"scale-edit","targetUrl":"https://shop.example.com/edit-0"}' |
  grep -o '"id":[0-9]*' | head -n1 | cut -d: -f2)"
LIMIT=50
api 1 POST /api/v1/links "{\"slug\":\"scale-limited\",\"targetUrl\":\"https://shop.example.com/limited\",
  \"maxClicks\":$LIMIT,\"fallbackUrl\":\"https://shop.example.com/sold-out\"}" >/dev/null ||
  die "could not create the limited link"

# ------------------------------------------------------------------------------ nginx

mkdir -p "$WORK/nginx/logs"
{
  echo "worker_processes 1; pid $WORK/nginx/nginx.pid; error_log $WORK/nginx/logs/error.log;"
  echo "events { worker_connections 1024; }"
  echo "http {"
  echo "  access_log off;"
  echo "  client_body_temp_path $WORK/nginx/body; proxy_temp_path $WORK/nginx/proxy;"
  echo "  fastcgi_temp_path $WORK/nginx/fcgi; uwsgi_temp_path $WORK/nginx/uwsgi; scgi_temp_path $WORK/nginx/scgi;"
  # The upstream fields last: after a retry they hold a list with spaces ("a, b|502, 302").
  echo "  log_format scale '\$msec \$status \$request_uri \$sent_http_location \$upstream_addr|\$upstream_status';"
  echo "  upstream collectors {"
  for i in $(seq 1 "$COLLECTORS"); do
    echo "    server 127.0.0.1:$(collector_port "$i") max_fails=1 fail_timeout=2s;"
  done
  echo "    keepalive 32;"
  echo "  }"
  echo "  upstream one { server 127.0.0.1:$(collector_port 1); keepalive 32; }"
  for pair in "$NGINX_PORT collectors access.log" "$NGINX_ONE_PORT one access-one.log"; do
    read -r port upstream log <<<"$pair"
    echo "  server {"
    echo "    listen 127.0.0.1:$port; access_log $WORK/nginx/logs/$log scale;"
    echo "    location / {"
    echo "      proxy_pass http://$upstream; proxy_http_version 1.1; proxy_set_header Connection \"\";"
    echo "      proxy_set_header Host \$host; proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;"
    # A GET that failed on one collector (refused, reset) goes to the next one, as in production.
    echo "      proxy_next_upstream error timeout; proxy_next_upstream_tries 2;"
    echo "      proxy_connect_timeout 1s; proxy_read_timeout 10s;"
    echo "    }"
    echo "  }"
  done
  echo "}"
} >"$WORK/nginx/nginx.conf"
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' >"$WORK/nginx/stdout.log" 2>&1 &
NGINX_PID=$!
for _ in $(seq 1 100); do
  curl -s -o /dev/null "http://127.0.0.1:$NGINX_PORT/scale-1" && break
  sleep 0.1
done
kill -0 "$NGINX_PID" 2>/dev/null || { cat "$WORK/nginx/stdout.log" >&2; die "nginx did not start"; }

wrk_load() { # port seconds run report [connections]
  (cd "$HERE" && SCALE_SLUGS_FILE="$SLUGS" SCALE_RUN="$3" SCALE_REPORT="$4" \
    timeout $(($2 + 30)) wrk -t2 -c"${5:-32}" --timeout 5s -d"$2s" -s wrk/markers.lua "http://127.0.0.1:$1/") \
    >"$4.out" 2>&1
}
report_value() { awk -F= -v k="$2" '$1 == k { v = $2 } END { print v + 0 }' "$1"; }

# ------------------------------------------------------------------------------ throughput

THROUGHPUT=""
if ((COMPARE > 0)); then
  say "warm-up through all collectors"
  wrk_load "$NGINX_PORT" 10 "$RUN-warm" "$WORK/warm.report"
  for i in $(seq 1 "$COLLECTORS"); do await_drained "$i" 120 || die "collector $i did not drain"; done
  for target in one all; do
    port=$NGINX_PORT
    [[ "$target" == one ]] && port=$NGINX_ONE_PORT
    say "throughput: $target for ${COMPARE}s"
    cpu0="$(cpu_sum)"
    wrk_load "$port" "$COMPARE" "$RUN-$target" "$WORK/$target.report" 64
    for i in $(seq 1 "$COLLECTORS"); do await_drained "$i" 300 || die "collector $i did not drain"; done
    cpu1="$(cpu_sum)"
    n302="$(report_value "$WORK/$target.report" status_302)"
    secs="$(report_value "$WORK/$target.report" seconds)"
    THROUGHPUT+="$(awk -v t="$target" -v n="$n302" -v s="$secs" -v p="$(report_value "$WORK/$target.report" p99_ms)" \
      -v c0="$cpu0" -v c1="$cpu1" -v k="$COLLECTORS" \
      'BEGIN { printf "| %s | %d | %.0f | %.1f | %.0f |\n", (t == "one" ? "1 collector" : k " collectors"), n, n / s, p, (c1 - c0) * 1e6 / n }')"$'\n'
  done
fi

# ------------------------------------------------------------------------------ change propagation

# The link is changed through collector k; every collector is then asked (HEAD, not counted as a
# click) until it answers with the new target.
propagation_round() { # round file
  local round="$1" out="$2" via target t0 i
  via=$(((round - 1) % COLLECTORS + 1))
  target="https://shop.example.com/edit-$round"
  api "$via" PATCH "/api/v1/links/$EDIT_ID" "{\"targetUrl\":\"$target\"}" >/dev/null ||
    { echo "$round $via - failed" >>"$out"; return 0; }
  t0=$(now_ms)
  local pollers=()
  for i in $(seq 1 "$COLLECTORS"); do
    (
      for _ in $(seq 1 500); do
        location="$(curl -s -o /dev/null -I --max-time 2 -w '%{redirect_url}' \
          "http://127.0.0.1:$(collector_port "$i")/scale-edit" || true)"
        if [[ "$location" == "$target" ]]; then
          echo "$round $via $i $(($(now_ms) - t0))" >>"$out"
          exit 0
        fi
        (($(now_ms) - t0 > 5000)) && break
        sleep 0.01
      done
      echo "$round $via $i timeout" >>"$out"
    ) &
    pollers+=($!)
  done
  wait "${pollers[@]}" # each poller gives up after 5 s
  # The feed's own measure: database commit time of the latest change to the collector applying it.
  for i in $(seq 1 "$COLLECTORS"); do
    echo "$round $via $i $(metric "$i" linkscope_change_feed_delay_seconds)" >>"$out.feed"
  done
}

# Without load first: a HEAD answers in milliseconds, so the time measured is the propagation's.
# Resolution: one curl, ~10-30 ms here.
say "timing $EDITS link edits without load"
for round in $(seq 1 "$EDITS"); do propagation_round "$round" "$WORK/propagation-quiet.txt"; done

# ------------------------------------------------------------------------------ load with faults

say "load with faults for ${DURATION}s through nginx"
wrk_load "$NGINX_PORT" "$DURATION" "$RUN-load" "$WORK/load.report" &
LOAD_PID=$!
BG_PIDS+=("$LOAD_PID")
LOAD_T0=$(date +%s)
at() { # second of the load: wait for it
  while (($(date +%s) - LOAD_T0 < $1)); do sleep 0.2; done
}


# Under load a HEAD waits in the same queues as the load's requests, so these times include
# the answer's latency (the changed collector's own sample shows how much).
at 3
say "timing link edits under load"
ROUNDS=0
for round in $(seq $((EDITS + 1)) $((EDITS * 2))); do
  (($(date +%s) - LOAD_T0 >= 14)) && break # the faults start at 15 s
  propagation_round "$round" "$WORK/propagation.txt"
  ROUNDS=$((ROUNDS + 1))
done

at 15
say "SIGKILL of Galera node 1 (the first node of collector 1); it restarts 5 s later and rejoins"
galera_kill_node 1
sleep 5
galera_start_node 1
NODE_T0=$(now_ms)

KILLED=$COLLECTORS
at 30
say "SIGKILL of collector $KILLED (pid $(collector_pid "$KILLED")); restart on its journal"
kill -KILL "$(collector_pid "$KILLED")"
KILL_T=$(now_ms)
sleep 2
start_collector "$KILLED" "$(db_url "$KILLED" "$DB")"
await_collector "$KILLED"
RESTART_MS=$(($(now_ms) - KILL_T))
galera_wait_synced 1 240 || die "node 1 did not rejoin"
REJOIN_MS=$(($(now_ms) - NODE_T0))

# The click limit, through every collector at once, with every node up: 3 x LIMIT human visits
# from 6 clients.
say "visiting the limited link $((3 * LIMIT)) times"
seq 1 $((3 * LIMIT)) | xargs -P 6 -I{} curl -s -o /dev/null --max-time 10 -w '%{http_code} %{redirect_url}\n' \
  -A 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36' \
  -H 'X-Forwarded-For: 198.51.100.{}' "http://127.0.0.1:$NGINX_PORT/scale-limited?utm_content=$RUN-limit-{}" \
  >"$WORK/limited.txt" || true
((($(date +%s) - LOAD_T0) < DURATION)) || say "warning: the load ended before the limited link's visits; give a longer --duration"

wait "$LOAD_PID" || true
say "load done: $(tr '\n' ' ' <"$WORK/load.report")"

say "waiting for every journal to drain"
for i in $(seq 1 "$COLLECTORS"); do await_drained "$i" 300 || die "collector $i did not drain within 300 s"; done

# ------------------------------------------------------------------------------ checks

say "checking the counts"
Q() { galera_sql "$1" "$DB" -e "$2"; }
# The answers nginx gave: one line per request, the marker in the query string. A visit past a
# click limit is sent to the fallback and is no click.
awk '$2 == 302 && $3 ~ /utm_content=/ && $4 !~ /sold-out/ { m = $3; sub(/.*utm_content=/, "", m); sub(/[&].*/, "", m); print m }' \
  "$WORK/nginx/logs/access.log" "$WORK/nginx/logs/access-one.log" | sort >"$WORK/answered.txt"
awk '$3 ~ /utm_content=/ && ($2 != 302 || $0 ~ /, /) { m = $3; sub(/.*utm_content=/, "", m); sub(/[&].*/, "", m); print m }' \
  "$WORK/nginx/logs/access.log" "$WORK/nginx/logs/access-one.log" | sort -u >"$WORK/failed-or-retried.txt"
awk '$0 ~ /, /' "$WORK/nginx/logs/access.log" | wc -l >"$WORK/retried.count"
Q 2 "SELECT utm_content FROM click WHERE utm_content LIKE '$RUN-%'" | sort >"$WORK/stored.txt"

ANSWERED=$(wc -l <"$WORK/answered.txt")
STORED=$(wc -l <"$WORK/stored.txt")
LOST=$(comm -23 <(sort -u "$WORK/answered.txt") <(sort -u "$WORK/stored.txt") | wc -l)
DUPLICATED=$(uniq -d "$WORK/stored.txt" | wc -l)
DUP_UNEXPLAINED=$(uniq -d "$WORK/stored.txt" | comm -23 - "$WORK/failed-or-retried.txt" | wc -l)
UNANSWERED=$(comm -13 <(sort -u "$WORK/answered.txt") <(sort -u "$WORK/stored.txt") | wc -l)
UNANSWERED_UNEXPLAINED=$(comm -13 <(sort -u "$WORK/answered.txt") <(sort -u "$WORK/stored.txt") |
  comm -23 - "$WORK/failed-or-retried.txt" | wc -l)
ANSWERED_TWICE=$(uniq -d "$WORK/answered.txt" | wc -l)

CLICK_ROWS=$(Q 2 "SELECT COUNT(*) FROM click WHERE kind = 1 AND link_id IS NOT NULL")
ROLLUP_TOTALS=""
for level in hour day month; do
  ROLLUP_TOTALS+="$(Q 2 "SELECT COALESCE(SUM(clicks + bot_clicks), 0) FROM rollup_$level WHERE scope = 1 AND kind = 1 AND dim = 0") "
done
UNIQUE_FLAGS=$(Q 2 "SELECT SUM(is_unique) FROM click WHERE kind = 1 AND link_id IS NOT NULL")
UNIQUE_ROLLUP=$(Q 2 "SELECT COALESCE(SUM(uniques + bot_uniques), 0) FROM rollup_day WHERE scope = 1 AND kind = 1 AND dim = 0")
UNIQUE_DISTINCT=$(Q 2 "SELECT COUNT(DISTINCT link_id, ip_hash, DATE(clicked_at)) FROM click WHERE kind = 1 AND link_id IS NOT NULL")
NODE_COUNTS=""
for n in 1 2 3; do NODE_COUNTS+="$(Q "$n" "SELECT COUNT(*) FROM click") "; done
CLUSTER_SIZE=$(galera_status 2 wsrep_cluster_size)
LIMIT_TARGET=$(grep -c ' https://shop.example.com/limited' "$WORK/limited.txt" || true)
LIMIT_STORED=$(Q 2 "SELECT COUNT(*) FROM click WHERE utm_content LIKE '$RUN-limit-%'")
LIMIT_FALLBACK=$(grep -c ' https://shop.example.com/sold-out' "$WORK/limited.txt" || true)
LIMIT_OTHER=$(grep -vc ' https://shop.example.com/\(limited\|sold-out\)' "$WORK/limited.txt" || true)

# count p50 p99 max of the milliseconds in a file's 4th column (numbers only); timeouts and failures
percentiles() {
  awk '$4 ~ /^[0-9.]+$/ { print $4 }' "$1" 2>/dev/null | sort -n | awk '
    { v[NR] = $1 } END { if (NR == 0) { print "0 0 0 0"; exit }
      i99 = int(NR * 0.99 + 0.999); if (i99 < 1) i99 = 1
      printf "%d %s %s %s", NR, v[int((NR + 1) / 2)], v[i99], v[NR] }'
}
read -r QUIET_N QUIET_P50 QUIET_P99 QUIET_MAX <<<"$(percentiles "$WORK/propagation-quiet.txt")"
QUIET_MISSED=$(grep -c 'timeout\|failed' "$WORK/propagation-quiet.txt" || true)
read -r PROP_N PROP_P50 PROP_P99 PROP_MAX <<<"$(percentiles "$WORK/propagation.txt")"
PROP_TIMEOUTS=$(grep -c 'timeout\|failed' "$WORK/propagation.txt" || true)
PROP_EXPECTED=$((ROUNDS * COLLECTORS))
# The feed's own delays (seconds) and, under load, the changed collector's own samples.
read -r FEED_N _ FEED_P99 FEED_MAX <<<"$(cat "$WORK/propagation-quiet.txt.feed" "$WORK/propagation.txt.feed" 2>/dev/null |
  awk '$4 ~ /^[0-9.]+$/ { print $1, $2, $3, $4 * 1000 }' >"$WORK/feed-ms.txt"; percentiles "$WORK/feed-ms.txt")"
read -r SELF_N SELF_P50 _ <<<"$(awk '$2 == $3' "$WORK/propagation.txt" >"$WORK/self.txt"; percentiles "$WORK/self.txt")"
# How far each other collector trailed the one the change went through, in the same round: the
# probes' own latency (a curl and a HEAD, hundreds of ms on a loaded machine) is in both and drops
# out. Negative when the other collector was asked first.
awk '{ if ($2 == $3) self[$1] = $4; else other[$1 " " $3] = $4 }
  END { for (k in other) { split(k, r, " "); if (other[k] ~ /^[0-9]+$/ && self[r[1]] ~ /^[0-9]+$/) print r[1], 0, 0, other[k] - self[r[1]] } }' \
  "$WORK/propagation-quiet.txt" >"$WORK/trail.txt"
read -r TRAIL_N _ TRAIL_P99 TRAIL_MAX <<<"$(awk '{ $4 = $4 + 100000; print }' "$WORK/trail.txt" >"$WORK/trail-shifted.txt"; percentiles "$WORK/trail-shifted.txt")"
TRAIL_P99=$((TRAIL_P99 - 100000))
TRAIL_MAX=$((TRAIL_MAX - 100000))

RESULTS=()
check() { # name ok detail
  local verdict=FAIL
  [[ "$2" == 1 ]] && verdict=PASS
  RESULTS+=("| $1 | $verdict | $3 |")
}
same() { [[ "$1" == "$2" ]] && echo 1 || echo 0; }
check "every 302 answered is stored" "$(same "$LOST" 0)" \
  "$ANSWERED 302s in the nginx log, $LOST of them without a click row"
check "no click stored twice but by a load-balancer retry" "$(same "$DUP_UNEXPLAINED" 0)" \
  "$DUPLICATED markers stored twice, $DUP_UNEXPLAINED of them not retried by nginx; $(cat "$WORK/retried.count") requests retried"
check "clicks stored without a 302 were cut off" "$(same "$UNANSWERED_UNEXPLAINED" 0)" \
  "$UNANSWERED stored without a 302 (answer lost with a killed collector), $UNANSWERED_UNEXPLAINED not failed or retried in nginx"
check "each marker answered once" "$(same "$ANSWERED_TWICE" 0)" "$ANSWERED_TWICE markers answered twice"
read -r RH RD RM <<<"$ROLLUP_TOTALS"
check "rollups equal the click rows (hour, day, month)" \
  "$([[ "$RH" == "$CLICK_ROWS" && "$RD" == "$CLICK_ROWS" && "$RM" == "$CLICK_ROWS" ]] && echo 1 || echo 0)" \
  "$CLICK_ROWS rows; rollups $RH / $RD / $RM"
check "uniques exact across collectors" \
  "$([[ "$UNIQUE_FLAGS" == "$UNIQUE_ROLLUP" && "$UNIQUE_FLAGS" == "$UNIQUE_DISTINCT" ]] && echo 1 || echo 0)" \
  "$UNIQUE_DISTINCT distinct visitor-link-days, $UNIQUE_FLAGS flagged unique, $UNIQUE_ROLLUP in the day rollups"
check "maxClicks exact across collectors" "$([[ "$LIMIT_TARGET" == "$LIMIT" && "$LIMIT_STORED" == "$LIMIT" ]] && echo 1 || echo 0)" \
  "limit $LIMIT, $((3 * LIMIT)) visits: $LIMIT_STORED clicks stored, $LIMIT_TARGET to the target, $LIMIT_FALLBACK to the fallback, $LIMIT_OTHER other answers"
check "the limited link answered every visit while the cluster was up" "$(same "$LIMIT_OTHER" 0)" \
  "$LIMIT_OTHER answers neither to the target nor to the fallback ($(awk '$1 != 302 { print $1 }' "$WORK/limited.txt" | sort | uniq -c | tr '\n' ' '))"
check "a link edit reaches every collector within 1 s" \
  "$([[ "$QUIET_MISSED" == 0 && "$QUIET_N" == $((EDITS * COLLECTORS)) && "$TRAIL_N" -gt 0 && "$TRAIL_P99" -le 1000 ]] &&
    awk -v m="$FEED_MAX" 'BEGIN { exit !(m <= 1000) }' && echo 1 || echo 0)" \
  "$EDITS edits without load, every collector asked until it answered with the new target: p50 $QUIET_P50 ms, p99 $QUIET_P99 ms, max $QUIET_MAX ms from the change's 200, $QUIET_MISSED not within 5 s; other collectors behind the changed one: p99 $TRAIL_P99 ms, max $TRAIL_MAX ms; the feed's own delay (commit to applied): p99 $FEED_P99 ms, max $FEED_MAX ms. Under load ($ROUNDS edits): p50 $PROP_P50 ms, p99 $PROP_P99 ms, $PROP_TIMEOUTS of $PROP_EXPECTED not within 5 s; the changed collector's own answer p50 $SELF_P50 ms"
read -r N1 N2 N3 <<<"$NODE_COUNTS"
check "every Galera node holds the same clicks" \
  "$([[ "$N1" == "$N2" && "$N2" == "$N3" && "$CLUSTER_SIZE" == 3 ]] && echo 1 || echo 0)" \
  "click rows per node: $N1 / $N2 / $N3; cluster size $CLUSTER_SIZE (node 1 restarted 5 s after its SIGKILL, Synced again within $((REJOIN_MS / 1000)) s)"
check "the killed collector came back on its journal" 1 "restarted and answering $((RESTART_MS / 1000)) s after SIGKILL"

FOLDS=$(metric_sum linkscope_rollup_folds_total)
FOLD_RETRIES=$(metric_sum linkscope_rollup_fold_retries_total)
BATCHES=$(metric_sum linkscope_click_batches_total)
BATCH_RETRIES=$(metric_sum linkscope_click_batch_retries_total)
# Any further counters of conflicts and retries the collectors expose.
RETRY_METRICS="$(for i in $(seq 1 "$COLLECTORS"); do
  curl -sf --max-time 5 "http://127.0.0.1:$(collector_port "$i")/metrics" | grep -v '^#' |
    grep -Ei 'conflict|deadlock|certif|retr' | sed "s/^/collector $i: /"
done)"

# Bytes on disk per row, from InnoDB's own statistics after ANALYZE.
Q 2 "ANALYZE TABLE click, rollup_hour, rollup_day, rollup_month, visitor_day" >/dev/null
SIZES="$(Q 2 "SELECT t.TABLE_NAME, t.TABLE_ROWS, t.DATA_LENGTH + t.INDEX_LENGTH FROM information_schema.TABLES t
  WHERE t.TABLE_SCHEMA = '$DB' AND t.TABLE_NAME IN ('click', 'rollup_hour', 'rollup_day', 'rollup_month', 'visitor_day')")"
EXACT_ROWS=""
for t in click rollup_hour rollup_day rollup_month visitor_day; do EXACT_ROWS+="$t $(Q 2 "SELECT COUNT(*) FROM $t")"$'\n'; done

# ------------------------------------------------------------------------------ drain

DRAIN_ROWS=""
pids_cpu() { # pids...: their CPU seconds together
  local total=0
  for pid in "$@"; do total=$(awk -v a="$total" -v b="$(cpu_seconds "$pid")" 'BEGIN { printf "%.2f", a + b }'); done
  echo "$total"
}
drain_into() { # label port node...: backlog built behind a cut proxy, drained into those nodes
  local label="$1" port="$2" db="linkscope_drain_$1" journaled0 journaled stored0 t0 secs
  shift 2
  local node_pids=() n
  for n in "$@"; do node_pids+=("$(galera_pid "$n")"); done
  mariadb --no-defaults -uroot -h127.0.0.1 -P"$port" -e "CREATE DATABASE $db CHARACTER SET utf8mb4"
  setsid socat TCP-LISTEN:"$PROXY_PORT",bind=127.0.0.1,fork,reuseaddr TCP:127.0.0.1:"$port" &
  PROXY_PID=$!
  sleep 0.5
  rm -rf "$WORK/c4"
  start_collector 4 "jdbc:mariadb://127.0.0.1:$PROXY_PORT/$db" --yield-to-redirects-seconds 0
  await_collector 4
  local key
  key="$(grep -o 'lsk_[A-Za-z0-9_-]*' "$WORK/c4/collector.log" | head -n1)"
  for n in $(seq 1 20); do
    curl -sf -o /dev/null -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
      -d "{\"slug\":\"scale-$n\",\"targetUrl\":\"https://shop.example.com/p/$n\"}" "http://127.0.0.1:$DRAIN_PORT/api/v1/links"
  done
  # Links created after a start are in memory once visited (HEAD is no click): only those redirect
  # while the database is away.
  for n in $(seq 1 20); do curl -s -o /dev/null -I --max-time 10 "http://127.0.0.1:$DRAIN_PORT/scale-$n"; done
  # The database goes away: the proxy and every connection through it.
  kill -- -"$PROXY_PID" 2>/dev/null || true
  wait "$PROXY_PID" 2>/dev/null || true
  PROXY_PID=""
  journaled0="$(metric 4 linkscope_clicks_journaled_total)"
  say "drain ($label): building a backlog of $DRAIN_CLICKS clicks (at most 90 s)"
  (cd "$HERE" && SCALE_SLUGS_FILE="$SLUGS" SCALE_RUN="$RUN-drain-$label" timeout 120 \
    wrk -t2 -c32 --timeout 5s -d90s -s wrk/markers.lua "http://127.0.0.1:$DRAIN_PORT/") >"$WORK/drain-$label.out" 2>&1 &
  local fill=$!
  BG_PIDS+=("$fill")
  while kill -0 "$fill" 2>/dev/null; do
    journaled=$(($(metric 4 linkscope_clicks_journaled_total) - journaled0))
    ((journaled >= DRAIN_CLICKS)) && { kill "$fill" 2>/dev/null || true; break; }
    sleep 0.2
  done
  wait "$fill" 2>/dev/null || true
  sleep 1
  local backlog journal_bytes
  backlog="$(metric 4 linkscope_backlog_records)"
  journal_bytes="$(metric 4 linkscope_journal_bytes)"
  say "drain ($label): $backlog clicks waiting, $journal_bytes journal bytes; the database comes back"
  setsid socat TCP-LISTEN:"$PROXY_PORT",bind=127.0.0.1,fork,reuseaddr TCP:127.0.0.1:"$port" &
  PROXY_PID=$!
  stored0="$(metric 4 linkscope_clicks_stored_total)"
  # Timed from the first stored click: the pipeline's reconnect backoff (up to 5 s) is not drain.
  for _ in $(seq 1 150); do
    (($(metric 4 linkscope_clicks_stored_total) > stored0)) && break
    sleep 0.1
  done
  t0=$(now_ms)
  stored0="$(metric 4 linkscope_clicks_stored_total)"
  local db_cpu0 collector_cpu0
  db_cpu0="$(pids_cpu "${node_pids[@]}")"
  collector_cpu0="$(cpu_seconds "$(collector_pid 4)")"
  for _ in $(seq 1 3000); do
    [[ "$(metric 4 linkscope_backlog_records)" == 0 ]] && break
    sleep 0.2
  done
  secs=$(awk -v s="$t0" -v e="$(now_ms)" 'BEGIN { printf "%.1f", (e - s) / 1000 }')
  local drained=$(($(metric 4 linkscope_clicks_stored_total) - stored0))
  await_drained 4 300 || true
  local rollups
  rollups=$(awk -v s="$t0" -v e="$(now_ms)" 'BEGIN { printf "%.1f", (e - s) / 1000 }')
  local db_cpu collector_cpu
  db_cpu=$(awk -v a="$db_cpu0" -v b="$(pids_cpu "${node_pids[@]}")" -v n="$drained" 'BEGIN { printf "%.0f", (n > 0 ? (b - a) * 1e6 / n : 0) }')
  collector_cpu=$(awk -v a="$collector_cpu0" -v b="$(cpu_seconds "$(collector_pid 4)")" -v n="$drained" 'BEGIN { printf "%.0f", (n > 0 ? (b - a) * 1e6 / n : 0) }')
  local rows
  rows="$(mariadb --no-defaults -uroot -h127.0.0.1 -P"$port" -N -e "SELECT COUNT(*) FROM $db.click")"
  DRAIN_ROWS+="$(awk -v l="$label" -v b="$backlog" -v jb="$journal_bytes" -v d="$drained" -v s="$secs" -v r="$rollups" -v rows="$rows" \
    -v dc="$db_cpu" -v cc="$collector_cpu" \
    'BEGIN { printf "| %s | %d | %.0f | %d | %.1f | %.0f | %.1f | %d | %d | %d |\n", l, b, (b > 0 ? jb / b : 0), d, s, (s > 0 ? d / s : 0), r, rows, dc, cc }')"$'\n'
  stop_pid "$(collector_pid 4)" 60
  kill -- -"$PROXY_PID" 2>/dev/null || true
  PROXY_PID=""
}
if ((DRAIN_CLICKS > 0)); then
  # The single MariaDB: node 4, same settings, no replication.
  galera_init_node 4 single
  galera_start_node 4
  for _ in $(seq 1 300); do galera_sql 4 -e "SELECT 1" >/dev/null 2>&1 && break; sleep 0.2; done
  galera_sql 4 -e "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1'; GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1'"
  drain_into cluster "$(galera_port 1)" 1 2 3
  drain_into single "$(galera_port 4)" 4
fi

# ------------------------------------------------------------------------------ report

echo "# Scale-out check $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo
echo "- machine: $(nproc) cores (shared; load average $(cut -d' ' -f1-3 /proc/loadavg)), $(uname -sr), Java $("$JAVA" -version 2>&1 | head -n1 | cut -d'"' -f2), MariaDB $(galera_sql 2 -e 'SELECT VERSION()'), Galera $(galera_status 2 wsrep_provider_version)"
echo "- $COLLECTORS collectors (heap 512 MB, $URL_MODE URLs, collector i writing to node i first), nginx round robin, 3-node cluster on loopback; load ${DURATION}s, wrk 2 threads, 32 connections"
echo
echo "| check | result | detail |"
echo "| --- | --- | --- |"
printf '%s\n' "${RESULTS[@]}"
echo
if [[ -n "$THROUGHPUT" ]]; then
  echo "| throughput through nginx (${COMPARE}s each, 64 connections) | 302s | 302/s | p99 (ms) | collector CPU per click (µs) |"
  echo "| --- | ---: | ---: | ---: | ---: |"
  printf '%s' "$THROUGHPUT"
  echo
fi
echo "| folds | fold retries | retries per 1000 folds | click batches | batch retries | retries per 1000 batches |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: |"
awk -v f="$FOLDS" -v fr="$FOLD_RETRIES" -v b="$BATCHES" -v br="$BATCH_RETRIES" \
  'BEGIN { printf "| %d | %d | %.1f | %d | %d | %.1f |\n", f, fr, (f > 0 ? fr * 1000 / f : 0), b, br, (b > 0 ? br * 1000 / b : 0) }'
echo
echo "Retry and conflict counters:"
echo
echo '```'
echo "$RETRY_METRICS"
echo '```'
echo
echo "| table | rows | bytes (data + indexes) | bytes per row |"
echo "| --- | ---: | ---: | ---: |"
while read -r t _ bytes; do
  rows="$(awk -v t="$t" '$1 == t { print $2 }' <<<"$EXACT_ROWS")"
  awk -v t="$t" -v r="$rows" -v b="$bytes" 'BEGIN { printf "| %s | %d | %d | %.0f |\n", t, r, b, (r > 0 ? b / r : 0) }'
done <<<"$SIZES"
if [[ -n "$DRAIN_ROWS" ]]; then
  echo
  echo "| drain into | backlog (clicks) | journal bytes per click | drained | drain time (s) | drain rate (clicks/s) | rollups caught up after (s) | rows | MariaDB CPU per click, all nodes (µs) | collector CPU per click (µs) |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  printf '%s' "$DRAIN_ROWS"
fi
grep -q '| FAIL |' <(printf '%s\n' "${RESULTS[@]}") && exit 2
exit 0
