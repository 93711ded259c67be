#!/usr/bin/env bash
# Webhook delivery (decision 0017): a real collector on a fresh MariaDB database (127.0.0.1:3306,
# user root) and a local receiver in the same JVM. Prints two markdown tables: the time to drain a
# backlog put in the outbox, one event per POST and 100 per POST, after a line with the rate of
# bare POSTs (no database) to the same receiver at that moment; and the redirect rate (wrk, 2
# threads, 64 connections) with three endpoints subscribed to link.clicked against none,
# alternately.
# Usage: bench/webhook-bench.sh [unbatched events] [batched events] [wrk seconds] [rounds]
#        defaults: 50000 500000 10 2
set -euo pipefail
unbatched="${1:-50000}"
batched="${2:-500000}"
seconds="${3:-10}"
rounds="${4:-2}"
for n in "$unbatched" "$batched" "$seconds" "$rounds"; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "numbers only, got '$n'" >&2; exit 1; }
done
((unbatched <= 2000000 && batched <= 2000000 && seconds <= 60 && rounds <= 5)) ||
  { echo "bounded: at most 2000000 events, 60 s a run, 5 rounds" >&2; exit 1; }
# shellcheck source=lib/bench-java.sh
source "$(dirname "$0")/lib/bench-java.sh"
export LINKSCOPE_TEST_DB_URL="${LINKSCOPE_TEST_DB_URL:-jdbc:mariadb://127.0.0.1:3306/}"
"$JAVA_HOME/bin/java" -Xms1g -Xmx1g -cp "$BENCH_CP" \
  io.linkscope.collector.bench.WebhookBench "$unbatched" "$batched" "$seconds" "$rounds" \
  2> >(grep -v -E ' (INFO|DEBUG) ' >&2)
