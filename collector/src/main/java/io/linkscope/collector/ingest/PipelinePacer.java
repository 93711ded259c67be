package io.linkscope.collector.ingest;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Gives redirects the processor during bursts (see docs/decisions/0002, "Redirects first").
 *
 * <p>The click pipeline and MariaDB cost several times more CPU per click than answering the
 * redirect. When a burst keeps the collector's other threads (the HTTP threads, above all) busy on
 * at least {@link #BUSY} of the cores it may use and those cores have less than {@link #IDLE} of
 * their time to spare, the pipeline waits instead of writing: the clicks stay in the journal, where
 * they are already safe, and are written once the burst is over. It waits only while the oldest
 * click not yet in MariaDB is younger than the configured limit; past it, the pipeline writes
 * whatever the load, as if it had not waited. It stops waiting when the other threads drop below
 * {@link #CALM} of the cores or they have {@link #SPARE} of their time idle (margins, so that it
 * does not flap around one value). Idle cores the collector may use never make it wait; idle cores
 * it may not use (another CPU set's) give its redirects no room and do not count, and neither do
 * idle cores beyond its CPU quota: a collector that uses all of the processors the JVM counts for
 * it ({@link Runtime#availableProcessors}, which follows a container's quota, rounded up) has no
 * room either.
 *
 * <p>The decision is a pure function of CPU readings, so it is tested with readings; {@link
 * #jvmReadings} takes them from the JVM (the process's CPU time minus the pipeline thread's own)
 * and, on Linux, from {@code /proc/stat} (the idle time of the processors the process may run on).
 * Not thread-safe: only the pipeline thread uses it.
 */
final class PipelinePacer {
  /** Share of the cores the other threads must use for the pipeline to start waiting. */
  static final double BUSY = 0.25;

  /** Share below which it stops waiting. */
  static final double CALM = 0.15;

  /** Idle share of the machine below which it starts waiting. */
  static final double IDLE = 0.10;

  /** Idle share of the machine above which it stops waiting. */
  static final double SPARE = 0.25;

  /**
   * Shortest span two readings must cover to be compared. The kernel counts idle time in 10 ms
   * ticks: 200 ms give 20 ticks a core, so that one idle tick on a collector that may use a single
   * core reads as 5 % idle, not as the 20 % that a 50 ms window made of it (which ended the waiting
   * in the middle of bursts). A burst is noticed at most this late.
   */
  static final Duration WINDOW = Duration.ofMillis(200);

  /**
   * CPU readings at one instant, all in nanoseconds.
   *
   * @param wallNanos a monotonic clock ({@link System#nanoTime()})
   * @param processCpuNanos CPU time of the whole process
   * @param pipelineCpuNanos CPU time of the pipeline's own thread
   * @param machineIdleTicks idle time of all the machine's processors, in any unit, or -1 where the
   *     machine's times are unknown (then only the process's own load decides)
   * @param machineTotalTicks all time of all its processors, in the same unit
   */
  record Reading(
      long wallNanos,
      long processCpuNanos,
      long pipelineCpuNanos,
      long machineIdleTicks,
      long machineTotalTicks) {}

  private final Duration limit;
  private final int cores;
  private @Nullable Reading last;
  private boolean busy;

  /**
   * @param limit the oldest a waiting click may get before the pipeline writes regardless; zero
   *     never waits
   * @param cores the processors available to the collector
   */
  PipelinePacer(Duration limit, int cores) {
    if (limit.isNegative() || cores < 1) {
      throw new IllegalArgumentException("limit must not be negative and cores at least 1");
    }
    this.limit = limit;
    this.cores = cores;
  }

  boolean enabled() {
    return !limit.isZero();
  }

  /**
   * Whether the pipeline should wait now.
   *
   * @param now a fresh reading
   * @param unstoredAge how old the oldest click not yet in MariaDB is (zero when there is none)
   */
  boolean shouldWait(Reading now, Duration unstoredAge) {
    if (!enabled()) {
      return false;
    }
    if (last == null) {
      last = now;
    } else if (now.wallNanos() - last.wallNanos() >= WINDOW.toNanos()) {
      double capacity = (double) (now.wallNanos() - last.wallNanos()) * cores;
      double process = now.processCpuNanos() - last.processCpuNanos();
      double others = (process - (now.pipelineCpuNanos() - last.pipelineCpuNanos())) / capacity;
      // Room is what both the cores and the process's own share of them have to spare: under a
      // CPU quota (a container's --cpus, which the JVM's processor count follows) the cores may
      // be idle while the collector has used all it is allowed.
      double room = Math.min(idle(last, now), Math.max(0, 1 - process / capacity));
      busy = others >= (busy ? CALM : BUSY) && room < (busy ? SPARE : IDLE);
      last = now;
    }
    return busy && unstoredAge.compareTo(limit) < 0;
  }

  /**
   * As {@link #shouldWait(Reading, Duration)}, but takes a reading only once a window has passed
   * since the last one: a reading reads {@code /proc/stat}, and the pipeline asks before every
   * batch, which at high rates is a hundred times a second.
   *
   * @param nowNanos the same monotonic clock as the readings' ({@link System#nanoTime()})
   */
  boolean shouldWait(Supplier<Reading> readings, long nowNanos, Duration unstoredAge) {
    if (enabled() && last != null && nowNanos - last.wallNanos() < WINDOW.toNanos()) {
      return busy && unstoredAge.compareTo(limit) < 0;
    }
    return shouldWait(readings.get(), unstoredAge);
  }

  /** The machine's idle share between two readings; 0 (saturated) where it is unknown. */
  private static double idle(Reading before, Reading after) {
    long total = after.machineTotalTicks() - before.machineTotalTicks();
    if (before.machineIdleTicks() < 0 || after.machineIdleTicks() < 0 || total <= 0) {
      return 0;
    }
    return (after.machineIdleTicks() - before.machineIdleTicks()) / (double) total;
  }

  /**
   * Readings of this JVM for a pipeline running on the calling thread and on {@code helper} (the
   * fold stage), or null where the JVM cannot tell process or thread CPU time (the pipeline then
   * never waits). The machine's idle time is that of the processors this process may run on (its
   * affinity, as set by {@code taskset}, a cpuset or systemd's {@code CPUAffinity}): an idle core
   * the collector may not use is no room for its redirects.
   */
  static @Nullable Supplier<Reading> jvmReadings(Thread helper) {
    if (!(ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os)) {
      return null;
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    if (!threads.isCurrentThreadCpuTimeSupported() || os.getProcessCpuTime() < 0) {
      return null;
    }
    long helperId = helper.threadId();
    // A thread that has not started or has ended reads -1: it adds nothing.
    LongSupplier pipeline =
        () -> threads.getCurrentThreadCpuTime() + Math.max(0, threads.getThreadCpuTime(helperId));
    BitSet cpus = allowedCpus();
    return () -> {
      long[] machine = machineTimes(cpus);
      return new Reading(
          System.nanoTime(), os.getProcessCpuTime(), pipeline.getAsLong(), machine[0], machine[1]);
    };
  }

  private static final Path PROC_STAT = Path.of("/proc/stat");
  private static final Path PROC_SELF_STATUS = Path.of("/proc/self/status");
  private static final String CPUS_ALLOWED = "Cpus_allowed_list:";

  /**
   * The processors this process may run on ({@code Cpus_allowed_list} of {@code
   * /proc/self/status}), or null where that is unknown.
   */
  static @Nullable BitSet allowedCpus() {
    try (Stream<String> lines = Files.lines(PROC_SELF_STATUS)) {
      return lines
          .filter(line -> line.startsWith(CPUS_ALLOWED))
          .findFirst()
          .map(line -> parseCpuList(line.substring(CPUS_ALLOWED.length())))
          .orElse(null);
    } catch (IOException | RuntimeException unavailable) {
      return null;
    }
  }

  /** A Linux CPU list such as {@code 0-3,8,10-11}; null if it is not one. */
  static @Nullable BitSet parseCpuList(String list) {
    BitSet cpus = new BitSet();
    try {
      for (String part : list.trim().split(",", -1)) {
        int dash = part.indexOf('-');
        int from = Integer.parseInt(dash < 0 ? part : part.substring(0, dash));
        int to = dash < 0 ? from : Integer.parseInt(part.substring(dash + 1));
        if (from < 0 || to < from) {
          return null;
        }
        cpus.set(from, to + 1);
      }
    } catch (NumberFormatException notAList) {
      return null;
    }
    return cpus.isEmpty() ? null : cpus;
  }

  /**
   * Idle and total time of the processors in {@code cpus} (all of them when null) from {@code
   * /proc/stat}; {-1, -1} where there is no such file.
   */
  static long[] machineTimes(@Nullable BitSet cpus) {
    try (Stream<String> lines = Files.lines(PROC_STAT)) {
      return machineTimes(lines.takeWhile(line -> line.startsWith("cpu")).toList(), cpus);
    } catch (IOException | RuntimeException unavailable) {
      return new long[] {-1, -1};
    }
  }

  /**
   * Idle and total time from the {@code cpu} lines of {@code /proc/stat} ({@code cpu user nice
   * system idle iowait irq softirq steal ...}, in clock ticks; idle counts I/O wait): the first
   * line, which sums all processors, when {@code cpus} is null, else the sum of the lines of the
   * processors in it (each named {@code cpu} and its number). {-1, -1} when the lines say nothing
   * of them.
   */
  static long[] machineTimes(List<String> lines, @Nullable BitSet cpus) {
    long idle = 0;
    long total = 0;
    boolean found = false;
    for (String line : lines) {
      int space = line.indexOf(' ');
      if (space < 3 || !line.startsWith("cpu")) {
        continue;
      }
      String name = line.substring(3, space);
      boolean wanted =
          cpus == null ? name.isEmpty() : !name.isEmpty() && cpus.get(Integer.parseInt(name));
      if (!wanted) {
        continue;
      }
      String[] fields = line.substring(space).trim().split("\\s+", -1);
      for (int i = 0; i < Math.min(8, fields.length); i++) {
        total += Long.parseLong(fields[i]);
      }
      idle += Long.parseLong(fields[3]) + Long.parseLong(fields[4]);
      found = true;
    }
    return found ? new long[] {idle, total} : new long[] {-1, -1};
  }
}
