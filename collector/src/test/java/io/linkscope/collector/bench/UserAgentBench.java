package io.linkscope.collector.bench;

import io.linkscope.collector.enrich.UserAgentEnricher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The cost of a User-Agent the collector has not seen before: the whole analysis (Yauaa, the token
 * checks and the bot patterns) with every cache off, over a file of real User-Agents, one a line.
 * Run by {@code bench/user-agent-bench.sh}.
 *
 * <p>Uses only {@code new UserAgentEnricher(0)} and {@code parse}, so that the same file runs
 * against an older build's classes (java's source launcher compiles it on the fly) and both builds
 * are measured in the same window.
 *
 * <p>Arguments: the User-Agent file, warm-up rounds, measured rounds.
 */
public final class UserAgentBench {

  private UserAgentBench() {}

  public static void main(String[] args) throws Exception {
    List<String> userAgents =
        Files.readAllLines(Path.of(args[0])).stream()
            .filter(line -> !line.isBlank() && !line.startsWith("#"))
            .toList();
    int warmUpRounds = Integer.parseInt(args[1]);
    int rounds = Integer.parseInt(args[2]);
    UserAgentEnricher enricher = new UserAgentEnricher(0);

    for (int round = 0; round < warmUpRounds; round++) {
      parseAll(enricher, userAgents);
    }
    long bots = 0;
    double[] micros = new double[rounds];
    for (int round = 0; round < rounds; round++) {
      long start = System.nanoTime();
      bots = parseAll(enricher, userAgents);
      micros[round] = (System.nanoTime() - start) / 1_000.0 / userAgents.size();
    }
    java.util.Arrays.sort(micros);
    System.out.printf(
        "%d User-Agents (%d bots), %d rounds: cache miss median %.1f µs, min %.1f µs, max %.1f µs%n",
        userAgents.size(), bots, rounds, micros[rounds / 2], micros[0], micros[rounds - 1]);
  }

  private static long parseAll(UserAgentEnricher enricher, List<String> userAgents) {
    long bots = 0;
    for (String userAgent : userAgents) {
      if (enricher.parse(userAgent).bot()) {
        bots++;
      }
    }
    return bots;
  }
}
