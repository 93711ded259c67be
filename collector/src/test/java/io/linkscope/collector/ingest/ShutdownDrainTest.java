package io.linkscope.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.api.link.LinkInput;
import io.linkscope.collector.stats.RollupRecount;
import io.linkscope.collector.testsupport.ChildCollector;
import io.linkscope.collector.testsupport.ClickAudit;
import io.linkscope.collector.testsupport.ClickLoad;
import io.linkscope.collector.testsupport.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** SIGTERM under load: the collector drains its backlog into MariaDB before it exits. */
class ShutdownDrainTest {
  private static final Logger log = LoggerFactory.getLogger(ShutdownDrainTest.class);
  private static final int DRAIN_SECONDS = 10;

  @TempDir Path directory;

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void sigtermUnderLoadExitsWithinTheDrainDeadlineWithEveryRedirectedClickStored()
      throws Exception {
    try (TestDatabase database = TestDatabase.create()) {
      String key = ChildCollector.prepare(database);
      ChildCollector first =
          ChildCollector.start(
              directory,
              database.url(),
              key,
              "--shutdown-drain-seconds",
              Integer.toString(DRAIN_SECONDS));
      first.client().createLink(LinkInput.to("https://shop.example.com/s").withSlug("term"));

      ClickLoad load = ClickLoad.start(first.baseUrl(), "term", "term", 16);
      load.awaitRedirected(5_000, Duration.ofSeconds(60));
      Duration exit = first.terminate(Duration.ofSeconds(DRAIN_SECONDS + 20));
      load.stop();
      assertThat(first.process().exitValue()).as("exit status after SIGTERM").isEqualTo(143);
      assertThat(exit).isLessThan(Duration.ofSeconds(DRAIN_SECONDS));

      ClickAudit drained = ClickAudit.of(load, database, "term");
      log.info("SIGTERM under load, exited after {} ms: {}", exit.toMillis(), drained);
      assertThat(load.otherStatuses()).isEmpty();
      assertThat(drained.lost()).as("stored before the process exited").isEmpty();
      assertThat(drained.duplicated()).isEmpty();
      assertThat(drained.invented()).isEmpty();
      try (Connection c = database.connect()) {
        RollupRecount.assertRollupsMatchRawClicks(c, "in the rollups before the process exited");
      }

      try (ChildCollector second = ChildCollector.start(directory, database.url(), key)) {
        second.awaitBacklogDrained(Duration.ofSeconds(60));
        assertThat(ClickAudit.of(load, database, "term").stored())
            .as("nothing replayed twice after the restart")
            .isEqualTo(drained.stored());
        try (Connection c = database.connect()) {
          RollupRecount.assertRollupsMatchRawClicks(c, "nothing folded twice after the restart");
        }
      }
    }
  }
}
