#!/usr/bin/env bash
# Measures redirect throughput and latency of a short-link server against nginx answering the
# same 302, with wrk and the realistic request mix of wrk/mixed.lua. See README.md.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: bench/redirect-bench.sh [options]

  --collector URL     also benchmark this server (loopback only), e.g. http://127.0.0.1:8080
  --jetty URL         also benchmark this constant-302 Jetty (jetty-302/Jetty302.java): the
                      framework's own floor on this machine, measured between nginx and collector
  --slugs FILE        slugs to request, one per line (required with --collector; without it
                      nginx gets 1000 synthetic slugs)
  --duration SECONDS  measured run per target (default 20)
  --warmup SECONDS    unmeasured run before each measured one (default 5, 0 to skip)
  --connections N     open connections (default 64)
  --threads N         wrk threads (default 2, or BENCH_WRK_THREADS; see lib/cpus.sh for
                      BENCH_SERVER_CPUS and BENCH_LOAD_CPUS, which place servers and wrk)
  --out DIR           where the markdown result goes (default bench/results)
  -h, --help          this text

Installs wrk and nginx with apt-get when they are missing (needs root).
USAGE
}

die() {
  echo "redirect-bench: $*" >&2
  exit 1
}

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DURATION=20
WARMUP=5
CONNECTIONS=64
# shellcheck source=lib/cpus.sh
source "$HERE/lib/cpus.sh"
THREADS="$WRK_THREADS"
COLLECTOR=""
JETTY=""
SLUGS=""
OUT_DIR="$HERE/results"

while [[ $# -gt 0 ]]; do
  case "$1" in
    --collector) COLLECTOR="${2:?--collector needs a URL}"; shift 2 ;;
    --jetty) JETTY="${2:?--jetty needs a URL}"; shift 2 ;;
    --slugs) SLUGS="${2:?--slugs needs a file}"; shift 2 ;;
    --duration) DURATION="${2:?--duration needs seconds}"; shift 2 ;;
    --warmup) WARMUP="${2:?--warmup needs seconds}"; shift 2 ;;
    --connections) CONNECTIONS="${2:?--connections needs a number}"; shift 2 ;;
    --threads) THREADS="${2:?--threads needs a number}"; shift 2 ;;
    --out) OUT_DIR="${2:?--out needs a directory}"; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown option: $1" ;;
  esac
done

for pair in "duration:$DURATION" "warmup:$WARMUP" "connections:$CONNECTIONS" "threads:$THREADS"; do
  [[ "${pair#*:}" =~ ^[0-9]+$ ]] || die "--${pair%%:*} must be a whole number, got '${pair#*:}'"
done
((DURATION >= 1 && DURATION <= 3600)) || die "--duration must be 1..3600 seconds"
((WARMUP <= 600)) || die "--warmup must be 0..600 seconds"
((THREADS >= 1 && CONNECTIONS >= THREADS)) || die "need at least one connection per thread"

# Load goes to this machine only: refuse anything but a loopback address.
LOOPBACK_URL='^http://(127\.[0-9]+\.[0-9]+\.[0-9]+|localhost|\[::1\])(:[0-9]+)?(/[^?#]*)?$'
if [[ -n "$COLLECTOR" ]]; then
  [[ "$COLLECTOR" =~ $LOOPBACK_URL ]] || die "--collector must be a plain http:// URL on loopback, got '$COLLECTOR'"
  [[ -n "$SLUGS" ]] || die "--collector needs --slugs: unknown slugs would be answered with 404"
fi
if [[ -n "$SLUGS" ]]; then
  [[ -r "$SLUGS" ]] || die "cannot read slugs file '$SLUGS'"
  SLUGS="$(cd "$(dirname "$SLUGS")" && pwd)/$(basename "$SLUGS")"
  grep -qv '^[[:space:]]*\(#.*\)\?$' "$SLUGS" || die "slugs file '$SLUGS' has no slugs"
fi

UA_FILE="$HERE/data/user-agents.txt"
LUA="$HERE/wrk/mixed.lua"
[[ -r "$UA_FILE" ]] || die "missing $UA_FILE (see data/README.md)"

# ---------------------------------------------------------------------------- tools

WORKDIR="$(mktemp -d "${TMPDIR:-/tmp}/linkscope-bench.XXXXXX")"
NGINX_PID=""
POLICY_RC_D_ADDED=""

stop_nginx() {
  if [[ -n "$NGINX_PID" ]]; then
    kill "$NGINX_PID" 2>/dev/null || true
    # nginx exits quickly on TERM; bound the wait anyway.
    for _ in $(seq 1 50); do
      kill -0 "$NGINX_PID" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$NGINX_PID" 2>/dev/null || true
    wait "$NGINX_PID" 2>/dev/null || true
    NGINX_PID=""
  fi
}

cleanup() {
  stop_nginx
  if [[ -n "$POLICY_RC_D_ADDED" ]]; then rm -f /usr/sbin/policy-rc.d; fi
  rm -rf "$WORKDIR"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

nginx_bin() {
  command -v nginx 2>/dev/null || { [[ -x /usr/sbin/nginx ]] && echo /usr/sbin/nginx; } || true
}

ensure_tools() {
  local need_wrk="" need_nginx=""
  command -v wrk >/dev/null 2>&1 || need_wrk=1
  [[ -n "$(nginx_bin)" ]] || need_nginx=1
  [[ -z "$need_wrk$need_nginx" ]] && return 0

  [[ "$(id -u)" == 0 ]] || die "wrk and nginx are needed; run as root to install them, or install them first"
  command -v apt-get >/dev/null 2>&1 || die "wrk and nginx are needed and apt-get is not available"
  export DEBIAN_FRONTEND=noninteractive
  # The package's own nginx would start on port 80 at install; keep it from starting.
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d
    POLICY_RC_D_ADDED=1
  fi
  echo "installing:${need_wrk:+ wrk}${need_nginx:+ nginx}" >&2
  apt-get update -qq
  if [[ -n "$need_wrk" ]]; then
    apt-get install -y -qq --no-install-recommends wrk >/dev/null
  fi
  if [[ -n "$need_nginx" ]]; then
    # nginx-light is the smallest build on Debian 12; later releases only ship nginx.
    apt-get install -y -qq --no-install-recommends nginx-light >/dev/null 2>&1 ||
      apt-get install -y -qq --no-install-recommends nginx >/dev/null
  fi
  if [[ -n "$POLICY_RC_D_ADDED" ]]; then
    rm -f /usr/sbin/policy-rc.d
    POLICY_RC_D_ADDED=""
  fi
  command -v wrk >/dev/null 2>&1 || die "wrk did not install"
  [[ -n "$(nginx_bin)" ]] || die "nginx did not install"
}

ensure_tools
NGINX="$(nginx_bin)"

# ---------------------------------------------------------------------------- nginx

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

start_nginx() {
  local attempt port
  for attempt in $(seq 1 20); do
    port=$((20000 + RANDOM % 40000))
    port_open 127.0.0.1 "$port" && continue
    sed -e "s|@WORKDIR@|$WORKDIR|g" -e "s|@PORT@|$port|g" "$HERE/nginx-302.conf" >"$WORKDIR/nginx.conf"
    "${SERVER_PIN[@]}" "$NGINX" -p "$WORKDIR" -c "$WORKDIR/nginx.conf" -g 'daemon off;' >>"$WORKDIR/nginx.out" 2>&1 &
    NGINX_PID=$!
    for _ in $(seq 1 50); do
      kill -0 "$NGINX_PID" 2>/dev/null || break # lost a race for the port: try another
      if port_open 127.0.0.1 "$port"; then
        NGINX_PORT="$port"
        return 0
      fi
      sleep 0.1
    done
    stop_nginx
  done
  cat "$WORKDIR/nginx.out" "$WORKDIR/error.log" >&2 2>/dev/null || true
  die "nginx did not start (attempt $attempt)"
}

# Sends one plain GET and prints the status code, so a wrong URL or slug fails fast.
probe_status() {
  local host="$1" port="$2" path="$3" line=""
  exec 4<>"/dev/tcp/$host/$port" || return 1
  printf 'GET %s HTTP/1.1\r\nHost: %s:%s\r\nUser-Agent: redirect-bench probe\r\nConnection: close\r\n\r\n' \
    "$path" "$host" "$port" >&4
  read -r -t 5 line <&4 || true
  exec 4>&-
  line="${line%$'\r'}"
  echo "${line#* }" | cut -d' ' -f1
}

# ---------------------------------------------------------------------------- wrk

declare -A RESULT
ROWS=()

run_target() {
  local label="$1" url="$2"
  local base="${url%/}" prefix=""
  # A path after host:port is a mount point for the slugs, e.g. http://127.0.0.1:8080/r
  if [[ "$base" =~ ^http://[^/]+(/.*)$ ]]; then prefix="${BASH_REMATCH[1]}"; fi

  local env_args=(BENCH_UA_FILE="$UA_FILE" BENCH_PATH_PREFIX="$prefix")
  [[ -n "$SLUGS" ]] && env_args+=(BENCH_SLUGS_FILE="$SLUGS")
  local wrk_args=(-t"$THREADS" -c"$CONNECTIONS" --timeout 5s -s "$LUA")

  if ((WARMUP > 0)); then
    echo "== $label: warm-up ${WARMUP}s" >&2
    env "${env_args[@]}" timeout $((WARMUP + 30)) "${LOAD_PIN[@]}" wrk "${wrk_args[@]}" -d"${WARMUP}s" "$base/" >/dev/null
  fi
  echo "== $label: measuring ${DURATION}s against $base" >&2
  local report="$WORKDIR/$label.report"
  env "${env_args[@]}" BENCH_REPORT="$report" \
    timeout $((DURATION + 30)) "${LOAD_PIN[@]}" wrk "${wrk_args[@]}" -d"${DURATION}s" "$base/" >&2
  [[ -s "$report" ]] || die "wrk wrote no results for $label"

  RESULT=()
  local key value
  while IFS='=' read -r key value; do RESULT["$key"]="$value"; done <"$report"
  ROWS+=("$label|$base|${RESULT[rps]}|${RESULT[p50_us]}|${RESULT[p99_us]}|${RESULT[non_302]}|${RESULT[socket_errors]}")
}

start_nginx
nginx_url="http://127.0.0.1:$NGINX_PORT"
status="$(probe_status 127.0.0.1 "$NGINX_PORT" /probe)"
[[ "$status" == 302 ]] || die "nginx answered '$status' instead of 302"
run_target nginx "$nginx_url"
# The baseline is done: free its cores before loading the collector.
stop_nginx

if [[ -n "$JETTY" ]]; then
  [[ "$JETTY" =~ $LOOPBACK_URL ]] || die "--jetty must be a plain http:// URL on loopback, got '$JETTY'"
  run_target jetty "$JETTY"
fi

if [[ -n "$COLLECTOR" ]]; then
  host_port='^http://(\[::1\]|[^/:]+)(:([0-9]+))?'
  [[ "$COLLECTOR" =~ $host_port ]]
  c_host="${BASH_REMATCH[1]}"
  c_host="${c_host#[}"
  c_host="${c_host%]}"
  c_port="${BASH_REMATCH[3]:-80}"
  c_prefix="$(echo "$COLLECTOR" | sed -E 's|^http://[^/]+||; s|/$||')"
  first_slug="$(grep -v '^[[:space:]]*\(#.*\)\?$' "$SLUGS" | head -n1 | tr -d '[:space:]')"
  status="$(probe_status "$c_host" "$c_port" "$c_prefix/${first_slug#/}" || true)"
  [[ -n "$status" ]] || die "nothing answers at $COLLECTOR"
  [[ "$status" == 302 ]] || echo "redirect-bench: warning: $COLLECTOR/${first_slug#/} answered $status, not 302" >&2
  run_target collector "$COLLECTOR"
fi

# ---------------------------------------------------------------------------- report

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT_DIR"
out="$OUT_DIR/$stamp.md"
wrk_version="$(wrk -v 2>&1 | head -n1 | awk '{print $2}' || true)"
nginx_version="$("$NGINX" -v 2>&1 | sed 's|.*nginx/||')"
slug_note="1000 synthetic slugs"
[[ -n "$SLUGS" ]] && slug_note="$(grep -cv '^[[:space:]]*\(#.*\)\?$' "$SLUGS") slugs from $(basename "$SLUGS")"

{
  echo "# Redirect benchmark $stamp"
  echo
  echo "- machine: $(nproc) cores, $(uname -sr)"
  echo "- load: wrk $wrk_version, $THREADS threads, $CONNECTIONS connections, ${DURATION} s measured after ${WARMUP} s warm-up; $CPU_NOTE"
  echo "- mix: wrk/mixed.lua, $(grep -c . "$UA_FILE") user agents, $slug_note"
  echo "- baseline: nginx $nginx_version, \`return 302\`, access log off"
  echo
  echo "| target | URL | req/s | p50 (ms) | p99 (ms) | non-302 | socket errors | vs nginx |"
  echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
  base_rps=""
  for row in "${ROWS[@]}"; do
    IFS='|' read -r label url rps p50 p99 non302 sockerr <<<"$row"
    [[ -z "$base_rps" ]] && base_rps="$rps"
    awk -v l="$label" -v u="$url" -v r="$rps" -v a="$p50" -v b="$p99" -v n="$non302" -v s="$sockerr" -v base="$base_rps" \
      'BEGIN { printf "| %s | %s | %.0f | %.2f | %.2f | %d | %d | %.2f |\n", l, u, r, a / 1000, b / 1000, n, s, (base > 0 ? r / base : 0) }'
  done
} >"$out"

cat "$out"
echo >&2
echo "written to $out" >&2
