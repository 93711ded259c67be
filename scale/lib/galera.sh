# Functions to run a MariaDB Galera cluster of N nodes on loopback, one directory per node under
# $GALERA_DIR. Sourced by galera-up.sh, galera-down.sh and run.sh; every wait is bounded and every
# process is stopped by the PID it wrote, never by name.
#
# Ports, from GALERA_BASE_PORT (default 19800), for node i (1..3):
#   MariaDB clients  base+i       (19801..19803)
#   Galera group     base+10+i    (19811..19813)
#   IST              base+20+i    (19821..19823)
#   SST (rsync)      base+30+i    (19831..19833)

GALERA_BASE_PORT="${GALERA_BASE_PORT:-19800}"
GALERA_NODES="${GALERA_NODES:-3}"
GALERA_PROVIDER="${GALERA_PROVIDER:-/usr/lib/galera/libgalera_smm.so}"
MARIADBD="${MARIADBD:-/usr/sbin/mariadbd}"

# The account the servers run as. Started by root they switch to the system's mysql account (the
# rsync daemon of a state transfer, run by root, would write as nobody), else the caller's.
galera_user() { if [[ $EUID == 0 ]]; then echo mysql; else id -un; fi; }
galera_port() { echo $((GALERA_BASE_PORT + $1)); }
galera_node_dir() { echo "$GALERA_DIR/node$1"; }
galera_pid() { cat "$(galera_node_dir "$1")/mariadbd.pid.own" 2>/dev/null || true; }
galera_sql() { # node, then mariadb client arguments
  local i="$1"
  shift
  mariadb --no-defaults -uroot -S"$(galera_node_dir "$i")/mysqld.sock" --batch --skip-column-names \
    --connect-timeout=2 "$@"
}
galera_status() { # node, status variable: its value, or nothing if the node does not answer
  { galera_sql "$1" -e "SHOW GLOBAL STATUS LIKE '$2'" 2>/dev/null || true; } | awk '{ print $2 }'
}
galera_say() { echo "== galera: $*" >&2; }

# The address list of every node, for gcomm:// and for JDBC URLs.
galera_group_addresses() {
  local i list=""
  for i in $(seq 1 "$GALERA_NODES"); do list+="${list:+,}127.0.0.1:$((GALERA_BASE_PORT + 10 + i))"; done
  echo "$list"
}
galera_client_addresses() {
  local i list=""
  for i in $(seq 1 "$GALERA_NODES"); do list+="${list:+,}127.0.0.1:$(galera_port "$i")"; done
  echo "$list"
}

# Writes node i's option file and creates its system tables; "single" as second argument makes it
# a plain MariaDB with the same settings and no replication (the baseline of the measurements).
galera_init_node() {
  local i="$1" mode="${2:-cluster}" dir
  dir="$(galera_node_dir "$i")"
  mkdir -p "$dir/data" "$dir/tmp"
  cat >"$dir/my.cnf" <<CNF
[mysqld]
user=$(galera_user)
datadir=$dir/data
tmpdir=$dir/tmp
socket=$dir/mysqld.sock
pid-file=$dir/mariadbd.pid
log-error=$dir/error.log
port=$(galera_port "$i")
bind-address=127.0.0.1
skip-name-resolve
character-set-server=utf8mb4
collation-server=utf8mb4_general_ci
default-storage-engine=InnoDB
innodb_buffer_pool_size=${GALERA_BUFFER_POOL:-256M}
innodb_log_file_size=256M
innodb_flush_log_at_trx_commit=1
innodb_autoinc_lock_mode=2
binlog_format=ROW
max_connections=200
CNF
  [[ "$mode" == single ]] || cat >>"$dir/my.cnf" <<CNF
wsrep_on=ON
wsrep_provider=$GALERA_PROVIDER
wsrep_cluster_name=linkscope-scale-$GALERA_BASE_PORT
wsrep_cluster_address=gcomm://$(galera_group_addresses)
wsrep_node_name=node$i
wsrep_node_address=127.0.0.1:$((GALERA_BASE_PORT + 10 + i))
wsrep_node_incoming_address=127.0.0.1:$(galera_port "$i")
wsrep_provider_options="gmcast.listen_addr=tcp://127.0.0.1:$((GALERA_BASE_PORT + 10 + i));ist.recv_addr=127.0.0.1:$((GALERA_BASE_PORT + 20 + i));gcache.size=256M"
wsrep_sst_method=rsync
wsrep_sst_receive_address=127.0.0.1:$((GALERA_BASE_PORT + 30 + i))
wsrep_slave_threads=2
CNF
  [[ $EUID == 0 ]] && chown -R "$(galera_user)" "$dir"
  mariadb-install-db --defaults-file="$dir/my.cnf" --auth-root-authentication-method=normal \
    --skip-test-db >"$dir/install.log" 2>&1 || {
    cat "$dir/install.log" >&2
    return 1
  }
}

# Starts node i in the background; "bootstrap" as second argument starts a new cluster with it.
galera_start_node() {
  local i="$1" mode="${2:-join}" dir extra=()
  dir="$(galera_node_dir "$i")"
  [[ "$mode" == bootstrap ]] && extra=(--wsrep-new-cluster)
  "$MARIADBD" --defaults-file="$dir/my.cnf" "${extra[@]}" >>"$dir/stdout.log" 2>&1 &
  echo $! >"$dir/mariadbd.pid.own"
}

# Waits up to $2 seconds until node i is Synced in a primary component; fails if it died.
galera_wait_synced() {
  local i="$1" limit="$2" pid state
  pid="$(galera_pid "$i")"
  for _ in $(seq 1 $((limit * 5))); do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 30 "$(galera_node_dir "$i")/error.log" >&2
      galera_say "node $i exited"
      return 1
    fi
    state="$(galera_status "$i" wsrep_local_state_comment)"
    [[ "$state" == Synced && "$(galera_status "$i" wsrep_cluster_status)" == Primary ]] && return 0
    sleep 0.2
  done
  tail -n 30 "$(galera_node_dir "$i")/error.log" >&2
  galera_say "node $i not synced within $limit s (state '${state:-no answer}')"
  return 1
}

# SIGKILL of node i: what a crashed machine looks like to the others.
galera_kill_node() {
  local i="$1" pid
  pid="$(galera_pid "$i")"
  [[ -n "$pid" ]] || return 0
  kill -KILL "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
}

# SIGTERM of node i, SIGKILL if it has not stopped within $2 seconds (default 60).
galera_stop_node() {
  local i="$1" limit="${2:-60}" pid
  pid="$(galera_pid "$i")"
  [[ -n "$pid" ]] || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 $((limit * 10))); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  galera_say "node $i did not stop within $limit s; killing it"
  galera_kill_node "$i"
}
