#!/usr/bin/env bash
# User-Agent analysis benchmark: the cost of a User-Agent not seen before (every cache off), then
# the bot pattern list alone, compiled against one alternation. Over the real-world User-Agents of
# the tests (browsers and crawlers, 3,099 lines). Usage: bench/user-agent-bench.sh [warm-up] [rounds]
set -euo pipefail
# shellcheck source=lib/bench-java.sh
source "$(dirname "$0")/lib/bench-java.sh"
AGENTS=collector/src/test/resources/io/linkscope/collector/enrich/useragents
LIST=$(mktemp)
trap 'rm -f "$LIST"' EXIT
{ cut -f2 "$AGENTS/browsers.tsv"; cat "$AGENTS/crawlers.txt"; } | grep -v '^#' >"$LIST"
"$JAVA_HOME/bin/java" -Xmx1g -cp "$BENCH_CP" \
  io.linkscope.collector.bench.UserAgentBench "$LIST" "${1:-5}" "${2:-15}"
"$JAVA_HOME/bin/java" -Xmx1g -cp "$BENCH_CP" io.linkscope.collector.bench.BotPatternsBench \
  collector/src/main/resources/io/linkscope/collector/enrich/bot-patterns.txt "$LIST" \
  "${1:-5}" "${2:-15}"
