#!/usr/bin/env bash
# Measures a published bio page served by a running collector (tracking on: every request is a
# journaled page view) against nginx serving the same HTML as a static file, in the same run,
# with wrk and the request mix of wrk/mixed.lua. See README.md.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: bench/bio-bench.sh --collector URL --page /@handle [options]

  --collector URL     the collector, loopback only, e.g. http://127.0.0.1:8080
  --page PATH         a published bio page on it, e.g. /@bench
  --duration SECONDS  measured run per target (default 20)
  --warmup SECONDS    unmeasured run before each measured one (default 5)
  --connections N     open connections (default 64)
  --threads N         wrk threads (default 2)
  --out DIR           where the markdown result goes (default bench/results)
USAGE
}

die() {
  echo "bio-bench: $*" >&2
  exit 1
}

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DURATION=20 WARMUP=5 CONNECTIONS=64 THREADS=2 COLLECTOR="" PAGE="" OUT_DIR="$HERE/results"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --collector) COLLECTOR="${2:?}"; shift 2 ;;
    --page) PAGE="${2:?}"; shift 2 ;;
    --duration) DURATION="${2:?}"; shift 2 ;;
    --warmup) WARMUP="${2:?}"; shift 2 ;;
    --connections) CONNECTIONS="${2:?}"; shift 2 ;;
    --threads) THREADS="${2:?}"; shift 2 ;;
    --out) OUT_DIR="${2:?}"; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown option: $1" ;;
  esac
done
for n in "$DURATION" "$WARMUP" "$CONNECTIONS" "$THREADS"; do
  [[ "$n" =~ ^[0-9]+$ ]] || die "numbers must be whole numbers, got '$n'"
done
[[ "$COLLECTOR" =~ ^http://(127\.[0-9.]+|localhost)(:[0-9]+)?$ ]] ||
  die "--collector must be a plain http:// URL on loopback without a path"
[[ "$PAGE" =~ ^/@[A-Za-z0-9._-]+$ ]] || die "--page must look like /@handle"
command -v wrk >/dev/null || die "wrk is needed (apt-get install wrk)"
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
[[ -x "$NGINX" ]] || die "nginx is needed (apt-get install nginx-light)"

WORKDIR="$(mktemp -d "${TMPDIR:-/tmp}/linkscope-bio-bench.XXXXXX")"
NGINX_PID=""
cleanup() {
  [[ -n "$NGINX_PID" ]] && kill "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null
  rm -rf "$WORKDIR"
}
trap cleanup EXIT

# The exact bytes the collector serves become nginx's static file.
mkdir -p "$WORKDIR/site"
status="$(curl -s -o "$WORKDIR/site/page.html" -w '%{http_code}' --max-time 5 "$COLLECTOR$PAGE")"
[[ "$status" == 200 ]] || die "$COLLECTOR$PAGE answered $status, not 200: is the page published?"
PAGE_BYTES="$(stat -c %s "$WORKDIR/site/page.html")"
# nginx workers drop root privileges: they must be able to read the file.
chmod 755 "$WORKDIR" "$WORKDIR/site"
chmod 644 "$WORKDIR/site/page.html"

port=$((20000 + RANDOM % 40000))
sed -e "s|@WORKDIR@|$WORKDIR|g" -e "s|@PORT@|$port|g" "$HERE/nginx-static.conf" >"$WORKDIR/nginx.conf"
"$NGINX" -p "$WORKDIR" -c "$WORKDIR/nginx.conf" -g 'daemon off;' >"$WORKDIR/nginx.out" 2>&1 &
NGINX_PID=$!
for _ in $(seq 1 50); do
  curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port$PAGE" && break
  sleep 0.1
done
cmp -s <(curl -s --max-time 5 "http://127.0.0.1:$port$PAGE") "$WORKDIR/site/page.html" ||
  die "nginx does not serve the page (port $port)"

ROWS=()
run_target() {
  local label="$1" base="$2" report="$WORKDIR/$1.report"
  local env_args=(BENCH_UA_FILE="$HERE/data/user-agents.txt" BENCH_SLUGS="${PAGE#/}")
  local wrk_args=(-t"$THREADS" -c"$CONNECTIONS" --timeout 5s -s "$HERE/wrk/mixed.lua")
  if ((WARMUP > 0)); then
    env "${env_args[@]}" timeout $((WARMUP + 30)) wrk "${wrk_args[@]}" -d"${WARMUP}s" "$base/" >/dev/null
  fi
  echo "== $label: measuring ${DURATION}s against $base$PAGE" >&2
  env "${env_args[@]}" BENCH_REPORT="$report" \
    timeout $((DURATION + 30)) wrk "${wrk_args[@]}" -d"${DURATION}s" "$base/" >&2
  declare -A r=()
  local key value
  while IFS='=' read -r key value; do r["$key"]="$value"; done <"$report"
  ROWS+=("$label|$base$PAGE|${r[rps]}|${r[p50_us]}|${r[p99_us]}|$((r[requests] - ${r[status_200]:-0}))|${r[socket_errors]}")
}

run_target nginx "http://127.0.0.1:$port"
kill "$NGINX_PID" && wait "$NGINX_PID" 2>/dev/null || true
NGINX_PID=""
run_target collector "$COLLECTOR"

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT_DIR"
out="$OUT_DIR/bio-$stamp.md"
{
  echo "# Bio page benchmark $stamp"
  echo
  echo "- machine: $(nproc) cores, $(uname -sr)"
  echo "- load: wrk, $THREADS threads, $CONNECTIONS connections, ${DURATION} s measured after ${WARMUP} s warm-up, wrk/mixed.lua headers"
  echo "- page: $PAGE, $PAGE_BYTES bytes of HTML (CSS inline); nginx serves the same bytes from a file"
  echo
  echo "| target | URL | req/s | p50 (ms) | p99 (ms) | non-200 | socket errors | vs nginx |"
  echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
  base_rps=""
  for row in "${ROWS[@]}"; do
    IFS='|' read -r label url rps p50 p99 bad sockerr <<<"$row"
    [[ -z "$base_rps" ]] && base_rps="$rps"
    awk -v l="$label" -v u="$url" -v r="$rps" -v a="$p50" -v b="$p99" -v n="$bad" -v s="$sockerr" -v base="$base_rps" \
      'BEGIN { printf "| %s | %s | %.0f | %.2f | %.2f | %d | %d | %.2f |\n", l, u, r, a / 1000, b / 1000, n, s, r / base }'
  done
} >"$out"
cat "$out"
