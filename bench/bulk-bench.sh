#!/usr/bin/env bash
# A thousand links created through the API: one POST /api/v1/links each (the baseline, in the same
# run), one bulk create, and one import of a 1,000-row CSV, alternately in each round, on the real
# collector and client against a fresh MariaDB database (BulkBench). Prints milliseconds and links
# per second of each way.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: bench/bulk-bench.sh [options]

  --rounds N    measured rounds after one warm-up round (default 3, at most 10)
  --links N     links per way and round (default 1000, at most 1000)
  -h, --help    this text

MariaDB at LINKSCOPE_TEST_DB_URL (default jdbc:mariadb://127.0.0.1:3306/, root) gets a database of
its own, dropped at the end.
USAGE
}

die() {
  echo "bulk-bench: $*" >&2
  exit 1
}

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
ROUNDS=3
LINKS=1000
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) ROUNDS="${2:?}"; shift 2 ;;
    --links) LINKS="${2:?}"; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown option: $1" ;;
  esac
done
for n in "$ROUNDS" "$LINKS"; do
  [[ "$n" =~ ^[0-9]+$ ]] || die "numbers only, got '$n'"
done
((ROUNDS >= 1 && ROUNDS <= 10)) || die "--rounds must be 1..10"
((LINKS >= 1 && LINKS <= 1000)) || die "--links must be 1..1000"

export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export LINKSCOPE_TEST_DB_URL="${LINKSCOPE_TEST_DB_URL:-jdbc:mariadb://127.0.0.1:3306/}"

echo "== building the collector and its test classes" >&2
(cd "$ROOT" && ./mvnw -q -B -o package -DskipTests -pl collector -am) >&2
CP="$ROOT/collector/target/test-classes:$ROOT/collector/target/classes:$ROOT/collector/target/lib/*"
"$JAVA_HOME/bin/java" -cp "$CP" io.linkscope.collector.bench.BulkBench "$ROUNDS" "$LINKS"
