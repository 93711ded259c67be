package io.linkscope.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.collector.click.ClickEvent;
import io.linkscope.collector.click.EnrichedClick;
import io.linkscope.collector.db.Database;
import io.linkscope.collector.enrich.DeviceInfo;
import io.linkscope.collector.enrich.GeoLocation;
import io.linkscope.collector.journal.Journal;
import io.linkscope.collector.journal.JournalOptions;
import io.linkscope.collector.ops.Metrics;
import io.linkscope.collector.testsupport.LogCapture;
import io.linkscope.collector.testsupport.TestCollector;
import io.linkscope.collector.testsupport.TestDatabase;
import io.linkscope.collector.workspace.Workspaces;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline hands each batch it committed to the consumers of committed clicks: every click
 * once, in journal order, only once its row is in MariaDB, and a consumer that fails stops neither
 * the pipeline nor the other consumers.
 */
class CommittedClicksTest {
  private static final int CLICKS = 450;
  private static final int BATCH = 100;

  @TempDir Path directory;

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void handsEveryStoredClickToItsConsumersOnceInJournalOrderAfterItsCommit() throws Exception {
    try (TestDatabase database = TestDatabase.create();
        Database db = Database.open(database.url(), database.user(), database.password(), 4);
        Journal journal = Journal.open(directory.resolve("journal"), JournalOptions.defaults())) {
      List<UUID> journaled = journalOrphanVisits(db.dataSource(), journal);
      List<UUID> handed = Collections.synchronizedList(new ArrayList<>());
      List<String> uncommitted = Collections.synchronizedList(new ArrayList<>());
      CommittedClicks consumer =
          clicks -> {
            uncommitted.addAll(notInClickTable(db.dataSource(), clicks));
            clicks.forEach(click -> handed.add(click.event().id()));
          };

      try (ClickPipeline pipeline = pipeline(journal, db.dataSource(), List.of(consumer))) {
        pipeline.start();
        awaitHanded(handed, CLICKS);
      }

      assertThat(handed).containsExactlyElementsOf(journaled);
      assertThat(uncommitted).isEmpty();
    }
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void aConsumerThatThrowsStopsNeitherThePipelineNorTheOtherConsumers() throws Exception {
    try (TestDatabase database = TestDatabase.create();
        Database db = Database.open(database.url(), database.user(), database.password(), 4);
        Journal journal = Journal.open(directory.resolve("journal"), JournalOptions.defaults());
        LogCapture log = LogCapture.start()) {
      List<UUID> journaled = journalOrphanVisits(db.dataSource(), journal);
      List<UUID> handed = Collections.synchronizedList(new ArrayList<>());
      CommittedClicks failing =
          clicks -> {
            throw new IllegalStateException("the consumer is broken");
          };
      CommittedClicks working = clicks -> clicks.forEach(c -> handed.add(c.event().id()));

      try (ClickPipeline pipeline = pipeline(journal, db.dataSource(), List.of(failing, working))) {
        pipeline.start();
        awaitHanded(handed, CLICKS);
        assertThat(pipeline.backlogRecords()).isZero();
      }

      assertThat(handed).containsExactlyElementsOf(journaled);
      assertThat(storedClicks(db.dataSource())).isEqualTo(CLICKS);
      assertThat(log.from(ClickPipeline.class))
          .anySatisfy(
              line -> assertThat(line).startsWith("ERROR A consumer of committed clicks failed"));
    }
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void aClickItsEnrichmentFailsOnIsStoredWithoutItAndThePipelineGoesOn() throws Exception {
    try (TestDatabase database = TestDatabase.create();
        Database db = Database.open(database.url(), database.user(), database.password(), 4);
        Journal journal = Journal.open(directory.resolve("journal"), JournalOptions.defaults());
        LogCapture log = LogCapture.start()) {
      List<UUID> journaled = journalOrphanVisits(db.dataSource(), journal);
      List<EnrichedClick> handed = Collections.synchronizedList(new ArrayList<>());
      // An enricher with a bug that one click's path trips, as the Accept-Language parser once did.
      Function<ClickEvent, EnrichedClick> enrich =
          event -> {
            if (event.path().equals("/missing-7")) {
              throw new StringIndexOutOfBoundsException("an enricher's bug");
            }
            return EnrichedClick.of(event, TestCollector.sharedUserAgents());
          };

      try (ClickPipeline pipeline =
          pipeline(journal, db.dataSource(), List.of(handed::addAll), enrich)) {
        pipeline.start();
        awaitHanded(handed, CLICKS);
        assertThat(pipeline.backlogRecords()).isZero();
        assertThat(pipeline.problem()).isEmpty();
      }

      assertThat(handed).extracting(c -> c.event().id()).containsExactlyElementsOf(journaled);
      assertThat(storedClicks(db.dataSource())).isEqualTo(CLICKS);
      assertThat(handed)
          .filteredOn(c -> c.event().path().equals("/missing-7"))
          .singleElement()
          .satisfies(c -> assertThat(c.device()).isEqualTo(DeviceInfo.UNKNOWN));
      assertThat(handed)
          .filteredOn(c -> !c.event().path().equals("/missing-7"))
          .allSatisfy(c -> assertThat(c.device().browser()).isEqualTo("Firefox"));
      assertThat(log.from(ClickPipeline.class))
          .filteredOn(line -> line.contains("could not be enriched"))
          .singleElement()
          .satisfies(
              line ->
                  assertThat(line)
                      .startsWith("ERROR A click at ")
                      .endsWith("it is stored without device, source, UTM and language"));
    }
  }

  private static ClickPipeline pipeline(
      Journal journal, DataSource dataSource, List<CommittedClicks> consumers) {
    return pipeline(
        journal,
        dataSource,
        consumers,
        event -> EnrichedClick.of(event, TestCollector.sharedUserAgents()));
  }

  private static ClickPipeline pipeline(
      Journal journal,
      DataSource dataSource,
      List<CommittedClicks> consumers,
      Function<ClickEvent, EnrichedClick> enrich) {
    return new ClickPipeline(
        new ClickPipeline.Stores(journal, dataSource),
        enrich,
        consumers,
        new ClickPipeline.Options(
            "committed-clicks-test", BATCH, Duration.ofMillis(100), Duration.ZERO),
        Clock.systemUTC(),
        new Metrics());
  }

  /** Journals orphan visits (they need no link) of a new workspace; returns their ids in order. */
  private static List<UUID> journalOrphanVisits(DataSource dataSource, Journal journal)
      throws Exception {
    long workspaceId =
        new Workspaces(dataSource, Clock.systemUTC()).create("consumers", "Consumers").id();
    List<UUID> ids = new ArrayList<>();
    long now = System.currentTimeMillis();
    for (int i = 0; i < CLICKS; i++) {
      UUID id = UUID.randomUUID();
      ids.add(id);
      journal.append(
          new ClickEvent(
                  id,
                  now + i,
                  ClickEvent.Kind.ORPHAN_VISIT,
                  workspaceId,
                  0,
                  0,
                  0,
                  "",
                  "",
                  "go.example.com",
                  "/missing-" + i,
                  new byte[32],
                  GeoLocation.unknown(),
                  "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
                  "",
                  "",
                  "en")
              .encode());
    }
    return ids;
  }

  private static List<String> notInClickTable(DataSource dataSource, List<EnrichedClick> clicks) {
    List<String> missing = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement select =
            c.prepareStatement("SELECT COUNT(*) FROM click WHERE click_id = ?")) {
      for (EnrichedClick click : clicks) {
        select.setBytes(1, ClickTable.uuidBytes(click.event().id()));
        try (ResultSet row = select.executeQuery()) {
          row.next();
          if (row.getLong(1) != 1) {
            missing.add(click.event().id().toString());
          }
        }
      }
    } catch (SQLException e) {
      missing.add(e.toString());
    }
    return missing;
  }

  private static long storedClicks(DataSource dataSource) throws SQLException {
    try (Connection c = dataSource.getConnection();
        ResultSet row = c.createStatement().executeQuery("SELECT COUNT(*) FROM click")) {
      row.next();
      return row.getLong(1);
    }
  }

  private static void awaitHanded(List<?> handed, int count) throws InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (handed.size() < count && System.nanoTime() < until) {
      Thread.sleep(20);
    }
  }
}
