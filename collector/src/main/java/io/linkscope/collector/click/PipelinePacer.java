package io.linkscope.collector.click;

import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Gives redirects the processor during bursts (see docs/decisions/0002, "Redirects first").
 *
 * <p>The click pipeline and MariaDB cost several times more CPU per click than answering the
 * redirect. When a burst keeps the collector's other threads (the HTTP threads, above all) busy on
 * at least {@link #BUSY} of the machine's cores and the machine has less than {@link #IDLE} of its
 * processor time to spare, the pipeline waits instead of writing: the clicks stay in the journal,
 * where they are already safe, and are written once the burst is over. It waits only while the
 * oldest click not yet in MariaDB is younger than the configured limit; past it, the pipeline
 * writes whatever the load, as if it had not waited. It stops waiting when the other threads drop
 * below {@link #CALM} of the cores or the machine has {@link #SPARE} of its time idle (margins, so
 * that it does not flap around one value). A machine with idle cores never makes it wait.
 *
 * <p>The decision is a pure function of CPU readings, so it is tested with readings; {@link
 * #jvmReadings} takes them from the JVM (the process's CPU time minus the pipeline thread's own)
 * and, on Linux, from {@code /proc/stat} (the whole machine's idle time). Not thread-safe: only the
 * pipeline thread uses it.
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

  /** Shortest span two readings must cover to be compared (shorter ones are too noisy). */
  static final Duration WINDOW = Duration.ofMillis(50);

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
  private Reading last;
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
      double others =
          (now.processCpuNanos()
                  - last.processCpuNanos()
                  - (now.pipelineCpuNanos() - last.pipelineCpuNanos()))
              / (double) (now.wallNanos() - last.wallNanos())
              / cores;
      busy = others >= (busy ? CALM : BUSY) && idle(last, now) < (busy ? SPARE : IDLE);
      last = now;
    }
    return busy && unstoredAge.compareTo(limit) < 0;
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
   * never waits).
   */
  static Supplier<Reading> jvmReadings(Thread helper) {
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
    return () -> {
      long[] machine = machineTimes();
      return new Reading(
          System.nanoTime(), os.getProcessCpuTime(), pipeline.getAsLong(), machine[0], machine[1]);
    };
  }

  private static final Path PROC_STAT = Path.of("/proc/stat");

  /**
   * Idle and total time of all processors from the first line of {@code /proc/stat} ({@code cpu
   * user nice system idle iowait irq softirq steal ...}, in clock ticks); idle counts I/O wait.
   * {-1, -1} where there is no such file.
   */
  static long[] machineTimes() {
    try (BufferedReader in = Files.newBufferedReader(PROC_STAT)) {
      String line = in.readLine();
      if (line == null || !line.startsWith("cpu ")) {
        return new long[] {-1, -1};
      }
      String[] fields = line.substring(4).trim().split("\\s+");
      long total = 0;
      for (int i = 0; i < Math.min(8, fields.length); i++) {
        total += Long.parseLong(fields[i]);
      }
      return new long[] {Long.parseLong(fields[3]) + Long.parseLong(fields[4]), total};
    } catch (IOException | RuntimeException unavailable) {
      return new long[] {-1, -1};
    }
  }
}
