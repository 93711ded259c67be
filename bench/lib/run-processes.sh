# Sourced by the benchmarks that start a collector and its companions for each run. Add the PID
# of each process started in the background to RUN_PIDS and the run's database to DB_NAME (SQL is
# the mariadb client command); stop_run stops those processes by PID (TERM, KILL after 30 s) and
# drops that database.
RUN_PIDS=()
DB_NAME=""

stop_run() {
  local pid
  for pid in "${RUN_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${RUN_PIDS[@]}"; do
    for _ in $(seq 1 300); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  RUN_PIDS=()
  [[ -n "$DB_NAME" ]] && "${SQL[@]}" -e "DROP DATABASE IF EXISTS \`$DB_NAME\`" 2>/dev/null || true
  DB_NAME=""
}
