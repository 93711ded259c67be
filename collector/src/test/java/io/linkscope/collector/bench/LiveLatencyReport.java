package io.linkscope.collector.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one run of {@code bench/live-latency-bench.sh} (the load generator's and the reader's
 * records, the three JVMs' GC logs, the collector's per-thread scheduler statistics and the load
 * average) and prints where the slowest events lost their time.
 *
 * <p>Each event's latency is split at the collector's own time of the visit ({@code at}, taken when
 * the redirect was handled, in ms): <b>in</b> = handled − sent (load generator, loopback, Jetty
 * accepting and dispatching), <b>out</b> = received − handled (journal append, the hub's queue and
 * thread, the stream's write, the reader). Slow events are grouped into stalls (neighbours sent
 * less than 250 ms apart), and each stall is laid next to the GC pauses of each JVM and the time
 * the collector's threads spent runnable but waiting for a processor ({@code /proc/<pid>/task/
 * <tid>/schedstat}, second field).
 *
 * <p>Usage: LiveLatencyReport RUN_DIR [WARMUP_SECONDS] (events sent in the first WARMUP_SECONDS,
 * default 10, are left out)
 */
public final class LiveLatencyReport {
  private static final Pattern GC_PAUSE =
      Pattern.compile(
          "^\\[([^\\]]+)\\].*\\[gc\\s*\\] GC\\(\\d+\\) (Pause \\S+).* (\\d+\\.\\d+)ms$");
  private static final Pattern SAFEPOINT =
      Pattern.compile(
          "^\\[([^\\]]+)\\].*\\[safepoint\\s*\\] Safepoint \"([^\"]+)\".*Reaching safepoint: (\\d+)"
              + " ns.*Total: (\\d+) ns");
  private static final DateTimeFormatter GC_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
  private static final long GAP_MICROS = 250_000;

  /** A stop of one JVM: from {@code startMicros} for {@code micros}. */
  record Pause(String jvm, String what, long startMicros, long micros) {}

  /** One redirect's way: sent, handled by the collector, answered, received on the stream. */
  record Trip(int seq, long sent, long handled, long answered, long received) {
    long total() {
      return received - sent;
    }
  }

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    int warmupSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    List<Trip> trips = new ArrayList<>();
    int missing = 0;
    int failed = 0;
    List<String> load = Files.readAllLines(dir.resolve("load.txt"));
    List<String> read = Files.readAllLines(dir.resolve("read.txt"));
    long first = Long.MAX_VALUE;
    for (String line : load) {
      long sent = Long.parseLong(line.split(" ")[1]);
      if (sent > 0) {
        first = Math.min(first, sent);
      }
    }
    long from = first + warmupSeconds * 1_000_000L;
    for (int i = 0; i < load.size(); i++) {
      String[] l = load.get(i).split(" ");
      String[] r = read.get(i).split(" ");
      long sent = Long.parseLong(l[1]);
      if (sent < from) {
        continue;
      }
      if (!l[3].equals("302")) {
        failed++;
      }
      long received = Long.parseLong(r[3]);
      if (received == 0) {
        missing++;
        continue;
      }
      trips.add(
          new Trip(
              i, sent, Long.parseLong(r[2]) * 1000, Long.parseLong(l[2]), Long.parseLong(r[3])));
    }
    List<Pause> pauses = new ArrayList<>();
    for (String jvm : List.of("collector", "load", "read")) {
      pauses.addAll(pauses(jvm, dir.resolve("gc-" + jvm + ".log")));
    }
    TreeMap<Long, Sample> sched = schedule(dir.resolve("sched.txt"));

    long[] totals = trips.stream().mapToLong(Trip::total).sorted().toArray();
    long p99 = percentile(totals, 0.99);
    System.out.printf(
        "| events | missing | failed redirects | p50 (ms) | p99 (ms) | max (ms) | load average"
            + " |%n| ---: | ---: | ---: | ---: | ---: | ---: | --- |%n| %,d | %d | %d | %.1f | %.1f |"
            + " %.1f | %s |%n%n",
        totals.length,
        missing,
        failed,
        ms(percentile(totals, 0.5)),
        ms(p99),
        ms(totals.length == 0 ? 0 : totals[totals.length - 1]),
        loadAverage(dir.resolve("loadavg.txt")));

    List<Trip> slow = trips.stream().filter(t -> t.total() >= p99).toList();
    System.out.printf(
        "The slowest 1 %% (%d events, ≥ %.1f ms), median / max in ms:%n%n", slow.size(), ms(p99));
    System.out.println("| part | median | max |");
    System.out.println("| --- | ---: | ---: |");
    part("in: sent → handled by the collector", slow, t -> t.handled() - t.sent());
    part(
        "redirect answered (sent → 302 received)",
        slow.stream().filter(t -> t.answered() > 0).toList(),
        t -> t.answered() - t.sent());
    part("out: handled → event received", slow, t -> t.received() - t.handled());
    System.out.println();

    for (String jvm : List.of("collector", "load", "read")) {
      List<Pause> own = pauses.stream().filter(p -> p.jvm().equals(jvm)).toList();
      long gcMax =
          own.stream()
              .filter(p -> p.what().startsWith("Pause"))
              .mapToLong(Pause::micros)
              .max()
              .orElse(0);
      long gcSum =
          own.stream().filter(p -> p.what().startsWith("Pause")).mapToLong(Pause::micros).sum();
      long reachMax =
          own.stream()
              .filter(p -> p.what().startsWith("reach"))
              .mapToLong(Pause::micros)
              .max()
              .orElse(0);
      System.out.printf(
          "- %s JVM: %d GC pauses, %.1f ms in all, longest %.1f ms; longest time to reach a"
              + " safepoint %.1f ms%n",
          jvm,
          own.stream().filter(p -> p.what().startsWith("Pause")).count(),
          ms(gcSum),
          ms(gcMax),
          ms(reachMax));
    }
    long last = load.stream().mapToLong(l -> Long.parseLong(l.split(" ")[1])).max().orElse(from);
    var a0 = sched.floorEntry(from);
    var b0 = sched.ceilingEntry(last);
    if (a0 != null && b0 != null && b0.getKey() > a0.getKey()) {
      double span = (b0.getKey() - a0.getKey()) / 1e6;
      long handled =
          load.stream()
              .mapToLong(l -> Long.parseLong(l.split(" ")[1]))
              .filter(t -> t >= a0.getKey() && t <= b0.getKey())
              .count();
      StringBuilder groups = new StringBuilder();
      for (String group : b0.getValue().groups().keySet()) {
        if (!group.equals("all")) {
          groups.append(
              String.format(
                  Locale.ROOT,
                  ", %s %.3f",
                  group,
                  (b0.getValue().cpuNs(group) - a0.getValue().cpuNs(group)) / 1e9 / span));
        }
      }
      System.out.printf(
          "- collector during the measured seconds (%.1f s): %.2f cores used (%s), %.0f µs of CPU"
              + " per redirect sent, %.2f threads runnable but waiting for a core on average%n",
          span,
          (b0.getValue().cpuNs("all") - a0.getValue().cpuNs("all")) / 1e9 / span,
          groups.substring(2),
          handled == 0
              ? 0
              : (b0.getValue().cpuNs("all") - a0.getValue().cpuNs("all")) / 1e3 / handled,
          (b0.getValue().waitNs("all") - a0.getValue().waitNs("all")) / 1e9 / span);
    }
    if (!sched.isEmpty()) {
      Sample a = sched.firstEntry().getValue();
      Sample b = sched.lastEntry().getValue();
      double span = (sched.lastKey() - sched.firstKey()) / 1e6;
      System.out.printf(
          "- collector threads over the run: %.2f cores used, %.2f threads runnable but waiting"
              + " for a core on average (live-publisher alone %.3f)%n",
          (b.cpuNs("all") - a.cpuNs("all")) / 1e9 / span,
          (b.waitNs("all") - a.waitNs("all")) / 1e9 / span,
          (b.waitNs("live") - a.waitNs("live")) / 1e9 / span);
    }
    System.out.println();

    System.out.println(
        "Stalls (slow events sent less than 250 ms apart), with what overlapped them:");
    System.out.println();
    System.out.println(
        "| sent from (UTC) | span (ms) | slow events | worst (ms) | worst in / out (ms) |"
            + " GC pauses overlapping (ms) | collector threads waiting for a core | of them"
            + " live-publisher (ms) |");
    System.out.println("| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: |");
    List<Trip> sorted = new ArrayList<>(slow);
    sorted.sort(Comparator.comparingLong(Trip::sent));
    int i = 0;
    while (i < sorted.size()) {
      int j = i;
      while (j + 1 < sorted.size()
          && sorted.get(j + 1).sent() - sorted.get(j).sent() < GAP_MICROS) {
        j++;
      }
      List<Trip> stall = sorted.subList(i, j + 1);
      Trip worst = stall.stream().max(Comparator.comparingLong(Trip::total)).orElseThrow();
      long start = stall.getFirst().sent();
      long end = stall.stream().mapToLong(Trip::received).max().orElseThrow();
      StringBuilder gc = new StringBuilder();
      for (String jvm : List.of("collector", "load", "read")) {
        List<Pause> within =
            pauses.stream()
                .filter(p -> p.jvm().equals(jvm) && p.what().startsWith("Pause"))
                .filter(p -> p.startMicros() < end && p.startMicros() + p.micros() > start)
                .toList();
        if (!within.isEmpty()) {
          gc.append(gc.isEmpty() ? "" : "; ")
              .append(
                  String.format(
                      Locale.ROOT,
                      "%s %d, %.0f in all, longest %.0f",
                      jvm,
                      within.size(),
                      ms(within.stream().mapToLong(Pause::micros).sum()),
                      ms(within.stream().mapToLong(Pause::micros).max().orElse(0))));
        }
      }
      String waiting = "n/a";
      String live = "n/a";
      var lo = sched.floorEntry(start);
      var hi = sched.ceilingEntry(end);
      if (lo != null && hi != null && hi.getKey() > lo.getKey()) {
        double span = (hi.getKey() - lo.getKey()) / 1e6;
        waiting =
            String.format(
                Locale.ROOT,
                "%.2f over %.1f s",
                (hi.getValue().waitNs("all") - lo.getValue().waitNs("all")) / 1e9 / span,
                span);
        live =
            String.format(
                Locale.ROOT,
                "%.0f",
                (hi.getValue().waitNs("live") - lo.getValue().waitNs("live")) / 1e6);
      }
      System.out.printf(
          "| %s | %.0f | %d | %.0f | %.0f / %.0f | %s | %s | %s |%n",
          CLOCK.format(Instant.ofEpochSecond(start / 1_000_000, (start % 1_000_000) * 1000)),
          ms(stall.getLast().sent() - start),
          stall.size(),
          ms(worst.total()),
          ms(worst.handled() - worst.sent()),
          ms(worst.received() - worst.handled()),
          gc.isEmpty() ? "none" : gc,
          waiting,
          live);
      i = j + 1;
    }
  }

  private static void part(String name, List<Trip> trips, ToLongFunction<Trip> f) {
    if (trips.isEmpty()) {
      // e.g. the load generator stopped waiting for answers before they came
      System.out.printf("| %s | n/a | n/a |%n", name);
      return;
    }
    long[] values = trips.stream().mapToLong(f).sorted().toArray();
    System.out.printf(
        "| %s | %.1f | %.1f |%n", name, ms(percentile(values, 0.5)), ms(values[values.length - 1]));
  }

  /** GC pauses and times to reach a safepoint from a log of {@code -Xlog:gc,safepoint::time}. */
  private static List<Pause> pauses(String jvm, Path log) throws IOException {
    List<Pause> pauses = new ArrayList<>();
    if (!Files.exists(log)) {
      return pauses;
    }
    for (String line : Files.readAllLines(log)) {
      Matcher gc = GC_PAUSE.matcher(line);
      if (gc.find()) {
        long end = micros(gc.group(1));
        long micros = Math.round(Double.parseDouble(gc.group(3)) * 1000);
        pauses.add(new Pause(jvm, gc.group(2), end - micros, micros));
        continue;
      }
      Matcher sp = SAFEPOINT.matcher(line);
      if (sp.find()) {
        long end = micros(sp.group(1));
        long total = Long.parseLong(sp.group(4)) / 1000;
        long reach = Long.parseLong(sp.group(3)) / 1000;
        pauses.add(new Pause(jvm, "reach " + sp.group(2), end - total, reach));
      }
    }
    return pauses;
  }

  private static long micros(String time) {
    Instant at = OffsetDateTime.parse(time, GC_TIME).toInstant();
    return at.getEpochSecond() * 1_000_000 + at.getNano() / 1000;
  }

  /** Cumulative CPU and run-queue wait of the collector's thread groups at one moment. */
  record Sample(TreeMap<String, long[]> groups) {
    long cpuNs(String group) {
      return groups.getOrDefault(group, new long[2])[0];
    }

    long waitNs(String group) {
      return groups.getOrDefault(group, new long[2])[1];
    }
  }

  /** Lines of {@code time_us group cpu_ns wait_ns}; "all" is the sum over the process. */
  private static TreeMap<Long, Sample> schedule(Path file) throws IOException {
    TreeMap<Long, Sample> samples = new TreeMap<>();
    if (!Files.exists(file)) {
      return samples;
    }
    for (String line : Files.readAllLines(file)) {
      String[] p = line.split(" ");
      if (p.length != 4) {
        continue;
      }
      samples
          .computeIfAbsent(Long.parseLong(p[0]), t -> new Sample(new TreeMap<>()))
          .groups()
          .put(p[1], new long[] {Long.parseLong(p[2]), Long.parseLong(p[3])});
    }
    return samples;
  }

  private static String loadAverage(Path file) throws IOException {
    if (!Files.exists(file)) {
      return "n/a";
    }
    double[] values =
        Files.readAllLines(file).stream()
            .map(l -> l.split(" "))
            .filter(p -> p.length >= 2)
            .mapToDouble(p -> Double.parseDouble(p[1]))
            .toArray();
    if (values.length == 0) {
      return "n/a";
    }
    Arrays.sort(values);
    return String.format(Locale.ROOT, "%.1f–%.1f", values[0], values[values.length - 1]);
  }

  private static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  }

  private static double ms(long micros) {
    return micros / 1e3;
  }

  private LiveLatencyReport() {}
}
