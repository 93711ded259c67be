package io.linkscope.collector.bench;

import io.linkscope.collector.auth.Principal;
import io.linkscope.collector.auth.Role;
import io.linkscope.collector.click.IpRanges;
import io.linkscope.collector.ratelimit.RateLimits;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

/**
 * The cost the per-key rate limit adds to an API request: one token taken from a key's bucket
 * (Caffeine lookup and Bucket4j), over many keys, with a limit no caller reaches, against the same
 * loop with the limit off (the same-run baseline). Run by {@code bench/ratelimit-bench.sh}.
 *
 * <p>Arguments: keys, calls per round, rounds.
 */
public final class RateLimitBench {

  private RateLimitBench() {}

  public static void main(String[] args) {
    int keys = Integer.parseInt(args[0]);
    int calls = Integer.parseInt(args[1]);
    int rounds = Integer.parseInt(args[2]);
    Principal[] principals = new Principal[keys];
    for (int i = 0; i < keys; i++) {
      principals[i] = new Principal(1, i + 1, Role.VIEWER);
    }
    RateLimits on =
        new RateLimits(
            new RateLimits.Options(Integer.MAX_VALUE, 0),
            IpRanges.parse(List.of()),
            Clock.systemUTC());
    RateLimits off =
        new RateLimits(new RateLimits.Options(0, 0), IpRanges.parse(List.of()), Clock.systemUTC());
    double[] onNanos = new double[rounds];
    double[] offNanos = new double[rounds];
    long refused = 0;
    for (int round = -3; round < rounds; round++) {
      long start = System.nanoTime();
      refused += run(off, principals, calls);
      double offRound = (System.nanoTime() - start) / (double) calls;
      start = System.nanoTime();
      refused += run(on, principals, calls);
      double onRound = (System.nanoTime() - start) / (double) calls;
      if (round >= 0) {
        offNanos[round] = offRound;
        onNanos[round] = onRound;
      }
    }
    Arrays.sort(onNanos);
    Arrays.sort(offNanos);
    System.out.printf(
        "per-key limit, %d keys, %d calls x %d rounds: on median %.0f ns/call (min %.0f, max %.0f);"
            + " off (baseline) median %.0f ns/call; refused %d%n",
        keys,
        calls,
        rounds,
        onNanos[rounds / 2],
        onNanos[0],
        onNanos[rounds - 1],
        offNanos[rounds / 2],
        refused);
  }

  private static long run(RateLimits limits, Principal[] principals, int calls) {
    long refused = 0;
    for (int i = 0; i < calls; i++) {
      if (!limits.key(principals[i % principals.length]).isZero()) {
        refused++;
      }
    }
    return refused;
  }
}
