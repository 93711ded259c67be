package io.linkscope.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.api.link.LinkInput;
import io.linkscope.collector.testsupport.ClickAudit;
import io.linkscope.collector.testsupport.ClickLoad;
import io.linkscope.collector.testsupport.TestCollector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redirects first: a burst of visits that keeps the collector busy holds the click pipeline back
 * (the clicks wait in the journal), and it stores them all once the burst is over, or while it goes
 * on once the oldest waiting click reaches the limit.
 */
class PipelinePacingTest {
  private static final int VISITORS = 8;

  @TempDir Path directory;

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void aBurstHoldsThePipelineBackAndEveryClickIsStoredAfterIt() throws Exception {
    try (TestCollector collector = startWithLink(Duration.ofSeconds(60), "burst")) {
      ClickLoad load = ClickLoad.start(collector.baseUrl(), "burst", "burst", VISITORS);
      Saturation saturation = Saturation.start();
      awaitYielding(collector);
      load.awaitRedirected(load.redirected().size() + 2_000, Duration.ofSeconds(30));
      assertThat(collector.collector().pipeline().backlogRecords())
          .as("clicks wait in the journal during the burst")
          .isGreaterThanOrEqualTo(1_000);
      assertThat(metric(collector, "linkscope_pipeline_yield_milliseconds_total")).isPositive();

      load.stop();
      saturation.stop();
      collector.awaitBacklogDrained(Duration.ofSeconds(60));
      assertThat(metric(collector, "linkscope_pipeline_yielding")).isZero();
      ClickAudit audit = ClickAudit.of(load, collector.database(), "burst");
      assertThat(audit.lost()).isEmpty();
      assertThat(audit.duplicated()).isEmpty();
      assertThat(audit.stored()).hasSameSizeAs(audit.redirected());
    }
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void pastTheLimitThePipelineWritesWhileTheBurstGoesOn() throws Exception {
    try (TestCollector collector = startWithLink(Duration.ofSeconds(2), "limit")) {
      try (ClickLoad load = ClickLoad.start(collector.baseUrl(), "limit", "limit", VISITORS);
          Saturation saturation = Saturation.start()) {
        awaitYielding(collector);
        double journaledThen = metric(collector, "linkscope_clicks_journaled_total");
        // The burst goes on; the clicks journaled so far are at most a limit plus a batch away.
        await(
            () -> metric(collector, "linkscope_clicks_stored_total") >= journaledThen,
            Duration.ofSeconds(30));
        assertThat(load.otherStatuses()).isEmpty();
      }
      collector.awaitBacklogDrained(Duration.ofSeconds(60));
    }
  }

  /**
   * One spinning thread per core beside the visitors, so that the machine has no time to spare
   * however many cores it has (the pipeline never waits on a machine with idle cores).
   */
  private static final class Saturation implements AutoCloseable {
    private volatile boolean running = true;
    private final Thread[] threads = new Thread[Runtime.getRuntime().availableProcessors()];

    static Saturation start() {
      Saturation s = new Saturation();
      for (int i = 0; i < s.threads.length; i++) {
        s.threads[i] = Thread.ofPlatform().daemon().name("saturation-" + i).start(s::spin);
      }
      return s;
    }

    private void spin() {
      long sink = 0;
      while (running) {
        sink += System.nanoTime() & 1;
      }
      if (sink == -1) {
        throw new IllegalStateException();
      }
    }

    void stop() throws InterruptedException {
      running = false;
      for (Thread t : threads) {
        t.join();
      }
    }

    @Override
    public void close() throws InterruptedException {
      stop();
    }
  }

  /**
   * A collector whose pipeline gives way for up to {@code limit}, with one link at {@code slug}.
   */
  private TestCollector startWithLink(Duration limit, String slug) throws Exception {
    TestCollector collector = TestCollector.start(directory, c -> c.withYieldToRedirects(limit));
    collector.client().createLink(LinkInput.to("https://shop.example.com/" + slug).withSlug(slug));
    return collector;
  }

  private static void awaitYielding(TestCollector collector) throws InterruptedException {
    await(() -> metric(collector, "linkscope_pipeline_yielding") == 1, Duration.ofSeconds(20));
  }

  private static double metric(TestCollector collector, String name) {
    return collector.collector().metrics().value(name);
  }

  private static void await(BooleanSupplier condition, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + timeout);
      }
      Thread.sleep(20);
    }
  }
}
