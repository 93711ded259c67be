package io.linkscope.collector.click;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkscope.collector.click.PipelinePacer.Reading;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PipelinePacerTest {
  private static final long MS = 1_000_000;
  private static final Duration YOUNG = Duration.ofSeconds(1);

  /** Readings 100 ms apart on a 2-core machine: the other threads used {@code others} cores. */
  private static final class Machine {
    long wall = 1_000 * MS;
    long process;
    long pipeline;

    Reading next(double others, double pipelineCores) {
      wall += 100 * MS;
      pipeline += (long) (pipelineCores * 100 * MS);
      process += (long) ((others + pipelineCores) * 100 * MS);
      return new Reading(wall, process, pipeline);
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
    Reading soon = new Reading(busy.wallNanos() + 10 * MS, busy.processCpuNanos(), 0);
    assertThat(pacer.shouldWait(busy, YOUNG)).isTrue();
    assertThat(pacer.shouldWait(soon, YOUNG)).isTrue();
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
  void theJvmReadingsSeeOtherThreadsWorkAndNotTheCallersOwn() throws Exception {
    var readings = PipelinePacer.jvmReadings();
    assertThat(readings).isNotNull();
    Reading before = readings.get();
    // Another thread burns 200 ms of CPU; the calling thread (the "pipeline") sleeps.
    Thread burner =
        Thread.ofPlatform()
            .start(
                () -> {
                  long cpu =
                      java.lang.management.ManagementFactory.getThreadMXBean()
                          .getCurrentThreadCpuTime();
                  long x = 0;
                  while (java.lang.management.ManagementFactory.getThreadMXBean()
                              .getCurrentThreadCpuTime()
                          - cpu
                      < 200 * MS) {
                    x += System.nanoTime() % 7;
                  }
                  if (x == 42) {
                    System.err.print("");
                  }
                });
    burner.join();
    Reading after = readings.get();
    long others =
        after.processCpuNanos()
            - before.processCpuNanos()
            - (after.pipelineCpuNanos() - before.pipelineCpuNanos());
    assertThat(others).isGreaterThanOrEqualTo(200 * MS);
    assertThat(after.pipelineCpuNanos() - before.pipelineCpuNanos()).isLessThan(100 * MS);
  }
}
