package io.linkscope.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkscope.collector.ingest.PipelinePacer.Reading;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class PipelinePacerTest {
  private static final long MS = 1_000_000;
  private static final Duration YOUNG = Duration.ofSeconds(1);
  private static final long STEP = PipelinePacer.WINDOW.toNanos();

  /**
   * Readings a window (200 ms) apart on a 2-core machine: the other threads used {@code others}
   * cores, and the machine had {@code idle} of its time to spare (none unless set).
   */
  private static final class Machine {
    long wall = 1_000 * MS;
    long process;
    long pipeline;
    long idleTicks;
    long totalTicks;
    double idle;

    Reading next(double others, double pipelineCores) {
      wall += STEP;
      pipeline += (long) (pipelineCores * STEP);
      process += (long) ((others + pipelineCores) * STEP);
      totalTicks += 40; // 2 cores, 10 ms ticks
      idleTicks += Math.round(idle * 40);
      return new Reading(wall, process, pipeline, idleTicks, totalTicks);
    }
  }

  @Test
  void waitsWhileOtherThreadsUseAQuarterOfTheCores() {
    PipelinePacer pacer = new PipelinePacer(Duration.ofSeconds(30), 2);
    Machine m = new Machine();
    assertThat(pacer.shouldWait(m.next(0, 0), YOUNG))
        .isFalse(); // first reading: nothing to compare
    assertThat(pacer.shouldWait(m.next(0.4, 1.0), YOUNG)).isFalse(); // 20 % of 2 cores
    assertThat(pacer.shouldWait(m.next(1.2, 0.8), YOUNG)).isTrue(); // 60 %
    // The pipeline's own CPU never counts as load: it is busy, the rest is idle.
    PipelinePacer own = new PipelinePacer(Duration.ofSeconds(30), 2);
    Machine alone = new Machine();
    own.shouldWait(alone.next(0, 1), YOUNG);
    assertThat(own.shouldWait(alone.next(0.05, 1), YOUNG)).isFalse();
  }

  @Test
  void keepsWaitingDownToTheCalmShareThenGoesOn() {
    PipelinePacer pacer = new PipelinePacer(Duration.ofSeconds(30), 2);
    Machine m = new Machine();
    pacer.shouldWait(m.next(0, 0), YOUNG);
    assertThat(pacer.shouldWait(m.next(1.0, 0), YOUNG)).isTrue(); // 50 %
    assertThat(pacer.shouldWait(m.next(0.4, 0), YOUNG)).isTrue(); // 20 %: above calm
    assertThat(pacer.shouldWait(m.next(0.2, 0), YOUNG)).isFalse(); // 10 %: calm
    assertThat(pacer.shouldWait(m.next(0.4, 0), YOUNG)).isFalse(); // 20 %: below busy again
  }

  @Test
  void aMachineWithTimeToSpareNeverMakesItWait() {
    PipelinePacer pacer = new PipelinePacer(Duration.ofSeconds(30), 2);
    Machine m = new Machine();
    m.idle = 0.5; // a big machine: the redirects are busy, but half of it is idle
    pacer.shouldWait(m.next(0, 0), YOUNG);
    assertThat(pacer.shouldWait(m.next(1.5, 0), YOUNG)).isFalse();
    m.idle = 0.05; // saturated
    assertThat(pacer.shouldWait(m.next(1.5, 0), YOUNG)).isTrue();
    m.idle = 0.2; // some room, within the margin: still waiting
    assertThat(pacer.shouldWait(m.next(1.5, 0), YOUNG)).isTrue();
    m.idle = 0.3; // room to spare: goes on
    assertThat(pacer.shouldWait(m.next(1.5, 0), YOUNG)).isFalse();
    // Unknown machine times count as saturated: the process's own load decides.
    PipelinePacer unknown = new PipelinePacer(Duration.ofSeconds(30), 2);
    unknown.shouldWait(new Reading(0, 0, 0, -1, -1), YOUNG);
    assertThat(unknown.shouldWait(new Reading(STEP, STEP * 3 / 2, 0, -1, -1), YOUNG)).isTrue();
  }

  @Test
  void readsTheTimesOfTheProcessorsThisProcessMayUseOnLinux() {
    BitSet cpus = PipelinePacer.allowedCpus();
    long[] all = PipelinePacer.machineTimes(null);
    long[] allowed = PipelinePacer.machineTimes(cpus);
    if (Files.isReadable(Path.of("/proc/stat"))) {
      // The JVM counts the same affinity (and lowers it further under a CPU quota).
      assertThat(cpus.cardinality())
          .isGreaterThanOrEqualTo(Runtime.getRuntime().availableProcessors());
      assertThat(all[0]).isNotNegative();
      assertThat(all[1]).isGreaterThanOrEqualTo(all[0]);
      assertThat(allowed[0]).isNotNegative();
      assertThat(allowed[1]).isGreaterThanOrEqualTo(allowed[0]).isLessThanOrEqualTo(all[1] + 100);
    } else {
      assertThat(all).containsExactly(-1, -1);
      assertThat(allowed).containsExactly(-1, -1);
    }
  }

  @Test
  void parsesLinuxCpuLists() {
    assertThat(PipelinePacer.parseCpuList("0-1,4,6-7\n")).isEqualTo(bits(0, 1, 4, 6, 7));
    assertThat(PipelinePacer.parseCpuList("\t3")).isEqualTo(bits(3));
    assertThat(PipelinePacer.parseCpuList("")).isNull();
    assertThat(PipelinePacer.parseCpuList("2-1")).isNull();
    assertThat(PipelinePacer.parseCpuList("ff")).isNull();
    assertThat(PipelinePacer.parseCpuList("0-3,")).isNull();
  }

  /** Two readings of a 2-core machine 1 s apart: cpu1 fully busy, cpu0 idle. */
  private static final List<String> STAT_BEFORE =
      List.of(
          "cpu  1000 0 500 8000 100 0 10 0 0 0",
          "cpu0 400 0 200 4000 50 0 5 0 0 0",
          "cpu1 600 0 300 4000 50 0 5 0 0 0",
          "intr 12345");

  private static final List<String> STAT_AFTER =
      List.of(
          "cpu  1080 0 520 8100 100 0 10 0 0 0",
          "cpu0 400 0 200 4100 50 0 5 0 0 0",
          "cpu1 680 0 320 4000 50 0 5 0 0 0",
          "intr 12399");

  @Test
  void sumsTheStatLinesOfTheGivenProcessors() {
    assertThat(PipelinePacer.machineTimes(STAT_BEFORE, null)).containsExactly(8100, 9610);
    assertThat(PipelinePacer.machineTimes(STAT_BEFORE, bits(1))).containsExactly(4050, 4955);
    assertThat(PipelinePacer.machineTimes(STAT_BEFORE, bits(0, 1))).containsExactly(8100, 9610);
    assertThat(PipelinePacer.machineTimes(STAT_BEFORE, bits(5))).containsExactly(-1, -1);
  }

  @Test
  void anIdleCoreOutsideTheCollectorsCpuSetLeavesItNoRoom() {
    // The collector may run on cpu1 only (one core): its HTTP threads use 60 % of it and another
    // process the rest; cpu0, where it may not run, is idle. Counting the whole machine, half of it
    // is idle and the pipeline would compete with the redirects; counting the collector's
    // processors, it waits.
    assertThat(waitsWith(null)).isFalse();
    assertThat(waitsWith(bits(1))).isTrue();
  }

  @Test
  void aCollectorThatUsesAllOfItsCpuQuotaHasNoRoomWhateverTheMachineHasIdle() {
    // A container limited to one processor on a 2-core host: the JVM counts 1 core. The host is
    // half idle, but the collector uses the whole of its one core, 90 % of it for redirects.
    PipelinePacer pacer = new PipelinePacer(Duration.ofSeconds(30), 1);
    pacer.shouldWait(new Reading(0, 0, 0, 0, 0), YOUNG);
    assertThat(pacer.shouldWait(new Reading(STEP, STEP, STEP / 10, 20, 40), YOUNG)).isTrue();
    // Waiting, the redirects alone use 80 % of it: still no room beyond the margin.
    assertThat(pacer.shouldWait(new Reading(2 * STEP, STEP * 9 / 5, STEP / 10, 40, 80), YOUNG))
        .isTrue();
    // The burst is over: the redirects use 40 % and leave room, and the collector goes on writing.
    assertThat(pacer.shouldWait(new Reading(3 * STEP, STEP * 11 / 5, STEP / 10, 60, 120), YOUNG))
        .isFalse();
    // Counted against the host's two cores (no quota), the same load leaves room: no waiting.
    PipelinePacer host = new PipelinePacer(Duration.ofSeconds(30), 2);
    host.shouldWait(new Reading(0, 0, 0, 0, 0), YOUNG);
    assertThat(host.shouldWait(new Reading(STEP, STEP, STEP / 10, 20, 40), YOUNG)).isFalse();
  }

  private static boolean waitsWith(BitSet cpus) {
    PipelinePacer pacer = new PipelinePacer(Duration.ofSeconds(30), 1);
    long[] before = PipelinePacer.machineTimes(STAT_BEFORE, cpus);
    long[] after = PipelinePacer.machineTimes(STAT_AFTER, cpus);
    pacer.shouldWait(new Reading(0, 0, 0, before[0], before[1]), YOUNG);
    return pacer.shouldWait(new Reading(1_000 * MS, 600 * MS, 0, after[0], after[1]), YOUNG);
  }

  private static BitSet bits(int... cpus) {
    BitSet set = new BitSet();
    for (int cpu : cpus) {
      set.set(cpu);
    }
    return set;
  }

  @Test
  void neverLetsTheOldestClickPassTheLimit() {
    PipelinePacer pacer = new PipelinePacer(Duration.ofSeconds(30), 2);
    Machine m = new Machine();
    pacer.shouldWait(m.next(0, 0), YOUNG);
    assertThat(pacer.shouldWait(m.next(2, 0), Duration.ofSeconds(29))).isTrue();
    assertThat(pacer.shouldWait(m.next(2, 0), Duration.ofSeconds(30))).isFalse();
    assertThat(pacer.shouldWait(m.next(2, 0), Duration.ofMinutes(5))).isFalse();
  }

  @Test
  void readingsCloserThanTheWindowKeepTheLastDecision() {
    PipelinePacer pacer = new PipelinePacer(Duration.ofSeconds(30), 2);
    Machine m = new Machine();
    pacer.shouldWait(m.next(0, 0), YOUNG);
    assertThat(pacer.shouldWait(m.next(2, 0), YOUNG)).isTrue();
    Reading busy = m.next(2, 0);
    // 10 ms later the process used no CPU at all: too short a span to judge, still waiting.
    Reading soon =
        new Reading(
            busy.wallNanos() + 10 * MS,
            busy.processCpuNanos(),
            0,
            busy.machineIdleTicks(),
            busy.machineTotalTicks());
    assertThat(pacer.shouldWait(busy, YOUNG)).isTrue();
    assertThat(pacer.shouldWait(soon, YOUNG)).isTrue();
  }

  @Test
  void takesAReadingOnlyOnceAWindowHasPassed() {
    PipelinePacer pacer = new PipelinePacer(Duration.ofSeconds(30), 2);
    Machine m = new Machine();
    AtomicInteger taken = new AtomicInteger();
    Supplier<Reading> readings =
        () -> {
          taken.incrementAndGet();
          return m.next(2, 0);
        };
    pacer.shouldWait(readings, 0, YOUNG);
    assertThat(pacer.shouldWait(readings, m.wall + STEP, YOUNG)).isTrue();
    assertThat(taken).hasValue(2);
    // Within the window the last decision stands, without reading /proc/stat again.
    assertThat(pacer.shouldWait(readings, m.wall + STEP / 2, YOUNG)).isTrue();
    assertThat(pacer.shouldWait(readings, m.wall + STEP / 2, Duration.ofMinutes(1))).isFalse();
    assertThat(taken).hasValue(2);
  }

  @Test
  void aZeroLimitNeverWaits() {
    PipelinePacer pacer = new PipelinePacer(Duration.ZERO, 2);
    Machine m = new Machine();
    assertThat(pacer.enabled()).isFalse();
    pacer.shouldWait(m.next(0, 0), YOUNG);
    assertThat(pacer.shouldWait(m.next(2, 0), YOUNG)).isFalse();
    assertThatThrownBy(() -> new PipelinePacer(Duration.ofSeconds(-1), 2))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theJvmReadingsCountTheCallerAndItsHelperAsThePipelineAndEveryOtherThreadAsOthers()
      throws Exception {
    java.util.concurrent.CountDownLatch helperBurnt = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch readingsTaken = new java.util.concurrent.CountDownLatch(1);
    // The helper (the fold stage) burns 200 ms and stays alive until the second reading.
    Thread helper =
        Thread.ofPlatform()
            .unstarted(
                () -> {
                  burn(200 * MS);
                  helperBurnt.countDown();
                  try {
                    readingsTaken.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
    var readings = PipelinePacer.jvmReadings(helper);
    assertThat(readings).isNotNull();
    Reading before = readings.get();
    helper.start();
    // Another thread burns 300 ms of CPU; the calling thread (the pipeline) sleeps.
    Thread burner = Thread.ofPlatform().start(() -> burn(300 * MS));
    burner.join();
    helperBurnt.await();
    Reading after = readings.get();
    readingsTaken.countDown();
    helper.join();
    long pipeline = after.pipelineCpuNanos() - before.pipelineCpuNanos();
    long others = after.processCpuNanos() - before.processCpuNanos() - pipeline;
    // Process CPU time is counted in clock ticks, thread CPU time exactly: 10 ms of slack.
    assertThat(others).isGreaterThanOrEqualTo(290 * MS);
    assertThat(pipeline).isBetween(200 * MS, 290 * MS);
  }

  private static void burn(long nanos) {
    var threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long cpu = threads.getCurrentThreadCpuTime();
    long x = 0;
    while (threads.getCurrentThreadCpuTime() - cpu < nanos) {
      x += System.nanoTime() % 7;
    }
    if (x == 42) {
      System.err.print("");
    }
  }
}
