# Sourced by the load benchmarks: where the servers and the load generator may run.
#   BENCH_SERVER_CPUS  CPUs for nginx, the constant-302 Jetty and the collector (taskset list, e.g. 1)
#   BENCH_LOAD_CPUS    CPUs for wrk (e.g. 0)
#   BENCH_WRK_THREADS  wrk threads (default 2; 1 when BENCH_LOAD_CPUS names a single CPU)
#   BENCH_SERVER_CPU_QUOTA  run the servers in a cgroup with this many CPUs of quota (e.g. 1), as
#                      a container's --cpus would (needs root and the cgroup cpu controller)
# Unset, everything shares every core, as before. On a 2-core machine, BENCH_SERVER_CPUS=1
# BENCH_LOAD_CPUS=0 keeps wrk's own work (a Lua call per request) off the server's core, so that a
# latency tail is the server's and not the load generator taking its core away.
SERVER_PIN=()
LOAD_PIN=()
if [[ -n "${BENCH_SERVER_CPUS:-}" || -n "${BENCH_LOAD_CPUS:-}" ]]; then
  command -v taskset >/dev/null 2>&1 || { echo "taskset (util-linux) is needed for BENCH_*_CPUS" >&2; exit 1; }
fi
[[ -n "${BENCH_SERVER_CPUS:-}" ]] && SERVER_PIN=(taskset -c "$BENCH_SERVER_CPUS")
[[ -n "${BENCH_LOAD_CPUS:-}" ]] && LOAD_PIN=(taskset -c "$BENCH_LOAD_CPUS")
if [[ -n "${BENCH_SERVER_CPU_QUOTA:-}" ]]; then
  [[ "$BENCH_SERVER_CPU_QUOTA" =~ ^[0-9]+(\.[0-9]+)?$ ]] || { echo "BENCH_SERVER_CPU_QUOTA must be a number of CPUs" >&2; exit 1; }
  quota_us="$(awk -v q="$BENCH_SERVER_CPU_QUOTA" 'BEGIN { printf "%d", q * 100000 }')"
  ((quota_us >= 1000)) || { echo "BENCH_SERVER_CPU_QUOTA is too small" >&2; exit 1; }
  if [[ -f /sys/fs/cgroup/cgroup.controllers ]]; then # cgroup v2
    quota_dir=/sys/fs/cgroup/linkscope-bench
    mkdir -p "$quota_dir" && echo +cpu >/sys/fs/cgroup/cgroup.subtree_control &&
      echo "$quota_us 100000" >"$quota_dir/cpu.max"
  else # cgroup v1
    quota_dir=/sys/fs/cgroup/cpu/linkscope-bench
    mkdir -p "$quota_dir" && echo 100000 >"$quota_dir/cpu.cfs_period_us" &&
      echo "$quota_us" >"$quota_dir/cpu.cfs_quota_us"
  fi || { echo "could not set up a cgroup with a CPU quota (root and the cpu controller are needed)" >&2; exit 1; }
  # The shell joins the cgroup, then becomes the server (same pid); nginx's workers inherit it.
  # shellcheck disable=SC2016 # expanded by that shell
  SERVER_PIN=(sh -c 'echo $$ >"$0/cgroup.procs" && exec "$@"' "$quota_dir" "${SERVER_PIN[@]}")
fi
if [[ -n "${BENCH_WRK_THREADS:-}" ]]; then
  WRK_THREADS="$BENCH_WRK_THREADS"
elif [[ "${BENCH_LOAD_CPUS:-}" =~ ^[0-9]+$ ]]; then
  WRK_THREADS=1
else
  WRK_THREADS=2
fi
[[ "$WRK_THREADS" =~ ^[1-9][0-9]*$ ]] || { echo "BENCH_WRK_THREADS must be a positive number" >&2; exit 1; }
# shellcheck disable=SC2034 # used by the scripts that source this file
CPU_NOTE="servers on CPUs ${BENCH_SERVER_CPUS:-all}${BENCH_SERVER_CPU_QUOTA:+ with a quota of $BENCH_SERVER_CPU_QUOTA CPUs}, wrk on CPUs ${BENCH_LOAD_CPUS:-all}"
