#!/usr/bin/env bash
# Stops the nodes of a cluster started by galera-up.sh, by the PIDs it wrote, and deletes its
# directory (unless --keep).
set -euo pipefail

usage() {
  echo "Usage: scale/galera-down.sh --dir DIR [--keep]"
}
die() {
  echo "galera-down: $*" >&2
  exit 1
}

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
GALERA_DIR=""
KEEP=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --dir) GALERA_DIR="${2:?}"; shift 2 ;;
    --keep) KEEP=1; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown option: $1" ;;
  esac
done
[[ -n "$GALERA_DIR" && -f "$GALERA_DIR/cluster" ]] || die "--dir must be a directory made by galera-up.sh"
read -r GALERA_BASE_PORT GALERA_NODES <"$GALERA_DIR/cluster"
# shellcheck source=lib/galera.sh
source "$HERE/lib/galera.sh"

# The last node first, node 1 last, so the cluster shrinks cleanly (node 4 is run.sh's single
# MariaDB, outside the cluster).
for i in 4 $(seq "$GALERA_NODES" -1 1); do
  [[ -f "$(galera_node_dir "$i")/mariadbd.pid.own" ]] || continue
  galera_stop_node "$i" 60
  # An rsync daemon of a state transfer that was under way when the node stopped.
  sst_pid="$(cat "$(galera_node_dir "$i")/data/rsync_sst.pid" 2>/dev/null || true)"
  [[ -n "$sst_pid" ]] && kill "$sst_pid" 2>/dev/null || true
done
galera_say "stopped"
((KEEP == 1)) || rm -rf "$GALERA_DIR"
