#!/usr/bin/env bash
# Starts a MariaDB Galera cluster of three nodes on loopback, each with its own data directory
# under one directory, and waits until all of them are Synced in one primary component. Prints
# the directory (give it to galera-down.sh) and the JDBC address list. See scale/README.md.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: scale/galera-up.sh [--dir DIR] [--base-port PORT] [--nodes N]

  --dir DIR          where the nodes' data go (default: a new temporary directory)
  --base-port PORT   node i listens on PORT+i (MariaDB), PORT+10+i (Galera), PORT+20+i (IST),
                     PORT+30+i (SST); default 19800
  --nodes N          1..3 nodes (default 3)
  -h, --help         this text

Prints, on stdout:  GALERA_DIR=...  and  GALERA_ADDRESSES=127.0.0.1:19801,...
USAGE
}
die() {
  echo "galera-up: $*" >&2
  exit 1
}

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
GALERA_DIR=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --dir) GALERA_DIR="${2:?}"; shift 2 ;;
    --base-port) GALERA_BASE_PORT="${2:?}"; shift 2 ;;
    --nodes) GALERA_NODES="${2:?}"; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown option: $1" ;;
  esac
done
# shellcheck source=lib/galera.sh
source "$HERE/lib/galera.sh"
[[ "$GALERA_BASE_PORT" =~ ^[0-9]+$ ]] && ((GALERA_BASE_PORT >= 1024 && GALERA_BASE_PORT <= 65000)) ||
  die "--base-port must be 1024..65000"
[[ "$GALERA_NODES" =~ ^[1-3]$ ]] || die "--nodes must be 1..3"
[[ -x "$MARIADBD" && -f "$GALERA_PROVIDER" ]] ||
  die "needs $MARIADBD and $GALERA_PROVIDER (Debian: apt-get install mariadb-server galera-4 rsync)"
command -v rsync >/dev/null || die "needs rsync for state transfers (apt-get install rsync)"
for i in $(seq 1 "$GALERA_NODES"); do
  for p in $(galera_port "$i") $((GALERA_BASE_PORT + 10 + i)); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then die "port $p is in use"; fi
  done
done

if [[ -z "$GALERA_DIR" ]]; then
  GALERA_DIR="$(mktemp -d "${TMPDIR:-/tmp}/linkscope-galera.XXXXXX")"
else
  mkdir -p "$GALERA_DIR"
  GALERA_DIR="$(cd "$GALERA_DIR" && pwd)"
fi
echo "$GALERA_BASE_PORT $GALERA_NODES" >"$GALERA_DIR/cluster"
# The servers' account must reach its node directory (mktemp makes it private to us).
chmod 755 "$GALERA_DIR"

# On failure take down what was started, so nothing is left listening.
trap '[[ $? == 0 ]] || "$HERE/galera-down.sh" --dir "$GALERA_DIR" --keep >&2 || true' EXIT

for i in $(seq 1 "$GALERA_NODES"); do
  galera_say "initialising node $i in $GALERA_DIR/node$i"
  galera_init_node "$i"
done

galera_say "bootstrapping the cluster on node 1"
galera_start_node 1 bootstrap
galera_wait_synced 1 60
# The collectors connect over TCP as root without a password, as to the developer MariaDB.
galera_sql 1 -e "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1';
  GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;"

for i in $(seq 2 "$GALERA_NODES"); do
  galera_say "node $i joins (state transfer from node 1)"
  galera_start_node "$i"
  galera_wait_synced "$i" 120
done
size="$(galera_status 1 wsrep_cluster_size)"
[[ "$size" == "$GALERA_NODES" ]] || die "cluster size is '$size', expected $GALERA_NODES"
galera_say "cluster of $size nodes is up"
echo "GALERA_DIR=$GALERA_DIR"
echo "GALERA_ADDRESSES=$(galera_client_addresses)"
