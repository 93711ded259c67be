package io.linkscope.collector.bench;

import io.linkscope.collector.auth.Principal;
import io.linkscope.collector.auth.Role;
import io.linkscope.collector.click.IpRanges;
import io.linkscope.collector.db.Database;
import io.linkscope.collector.ratelimit.RateLimits;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

/**
 * The cost the per-key rate limit adds to an API request: one token taken from a key's bucket, over
 * many keys, with a limit no caller reaches, in three set-ups of the same run: the limit off (the
 * baseline), counted in this process alone (Caffeine lookup and Bucket4j, as while MariaDB is
 * down), and shared through MariaDB (one {@code UPDATE} of the key's row, as the collector counts
 * it), plus a key past its limit, whose refusal is remembered in memory. Run by {@code
 * bench/ratelimit-bench.sh}.
 *
 * <p>Arguments: keys, calls per round in memory, calls per round through MariaDB, rounds, and the
 * MariaDB server's JDBC URL (its database {@code linkscope_ratelimit_bench} is created, as root
 * without a password unless {@code LINKSCOPE_BENCH_DB_USER}/{@code _PASSWORD} say otherwise).
 */
public final class RateLimitBench {
  private static final String DATABASE = "linkscope_ratelimit_bench";

  private RateLimitBench() {}

  public static void main(String[] args) throws Exception {
    int keys = Integer.parseInt(args[0]);
    int calls = Integer.parseInt(args[1]);
    int sharedCalls = Integer.parseInt(args[2]);
    int rounds = Integer.parseInt(args[3]);
    String server = args[4].replaceAll("/+$", "");
    String user = System.getenv().getOrDefault("LINKSCOPE_BENCH_DB_USER", "root");
    String password = System.getenv().getOrDefault("LINKSCOPE_BENCH_DB_PASSWORD", "");
    try (Connection c = DriverManager.getConnection(server + "/", user, password);
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + DATABASE);
      s.execute("CREATE DATABASE " + DATABASE);
    }
    Principal[] principals = new Principal[keys];
    for (int i = 0; i < keys; i++) {
      principals[i] = new Principal(1, i + 1, Role.VIEWER);
    }
    IpRanges none = IpRanges.parse(List.of());
    RateLimits.Options unreached = new RateLimits.Options(Integer.MAX_VALUE, 0);
    try (Database database = Database.open(server + "/" + DATABASE, user, password, 4)) {
      RateLimits off = new RateLimits(new RateLimits.Options(0, 0), none, Clock.systemUTC());
      RateLimits local = new RateLimits(unreached, none, Clock.systemUTC());
      RateLimits shared = new RateLimits(unreached, none, Clock.systemUTC(), database.dataSource());
      RateLimits overLimit =
          new RateLimits(
              new RateLimits.Options(1, 0), none, Clock.systemUTC(), database.dataSource());
      Principal[] oneKey = {new Principal(1, keys + 1, Role.VIEWER)};
      double[] offNanos = new double[rounds];
      double[] localNanos = new double[rounds];
      double[] sharedNanos = new double[rounds];
      double[] refusedNanos = new double[rounds];
      long refused = 0;
      for (int round = -3; round < rounds; round++) {
        double offRound = time(off, principals, calls);
        double localRound = time(local, principals, calls);
        double sharedRound = time(shared, principals, sharedCalls);
        double refusedRound = time(overLimit, oneKey, calls);
        if (round >= 0) {
          offNanos[round] = offRound;
          localNanos[round] = localRound;
          sharedNanos[round] = sharedRound;
          refusedNanos[round] = refusedRound;
        }
      }
      for (Principal principal : principals) {
        if (!shared.key(principal).isZero()) {
          refused++;
        }
      }
      System.out.printf(
          "per-key limit, %d keys, %d rounds (median, min-max ns per call):%n"
              + "  off (baseline), %d calls:          %s%n"
              + "  this process alone, %d calls:      %s%n"
              + "  shared through MariaDB, %d calls:  %s%n"
              + "  a key past its limit, %d calls:    %s%n"
              + "keys refused that should not be: %d; shared counting locally: %b%n",
          keys,
          rounds,
          calls,
          summary(offNanos),
          calls,
          summary(localNanos),
          sharedCalls,
          summary(sharedNanos),
          calls,
          summary(refusedNanos),
          refused,
          shared.countingLocally());
    }
  }

  private static String summary(double[] nanos) {
    double[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return String.format(
        "%.0f (%.0f-%.0f)", sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1]);
  }

  private static double time(RateLimits limits, Principal[] principals, int calls) {
    long start = System.nanoTime();
    long taken = 0;
    for (int i = 0; i < calls; i++) {
      if (limits.key(principals[i % principals.length]).isZero()) {
        taken++;
      }
    }
    double perCall = (System.nanoTime() - start) / (double) calls;
    if (taken < 0) {
      throw new IllegalStateException("unreachable; keeps the loop's result alive");
    }
    return perCall;
  }
}
