package io.linkscope.desktop.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.api.LinkscopeClient;
import io.linkscope.api.link.LinkInput;
import io.linkscope.api.link.LinkView;
import io.linkscope.collector.testsupport.TestCollector;
import io.linkscope.collector.testsupport.TestGeoDatabase;
import io.linkscope.desktop.analytics.Analytics;
import io.linkscope.desktop.analytics.Scope;
import io.linkscope.desktop.analytics.TimeRange;
import io.linkscope.desktop.store.LocalStore;
import io.linkscope.desktop.testsupport.Visits;
import io.linkscope.desktop.ui.Counts;
import io.linkscope.desktop.ui.Granularity;
import io.linkscope.desktop.ui.Slice;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sync against a real collector on a real MariaDB: first a full copy, then only changes. */
class SyncerTest {
  @TempDir static Path directory;
  private static TestCollector collector;

  @BeforeAll
  static void start() throws Exception {
    collector = TestCollector.start(directory.resolve("collector"));
  }

  @AfterAll
  static void stop() {
    collector.close();
  }

  private static TimeRange today() {
    Instant now = Instant.now();
    return new TimeRange(
        now.minus(Duration.ofDays(1)),
        now.plus(Duration.ofHours(1)),
        ZoneOffset.UTC,
        Granularity.HOUR);
  }

  @Test
  void copiesLinksAndRollupsThenPullsOnlyWhatChanged() throws Exception {
    LinkscopeClient client = collector.client();
    LinkView berlin =
        client.createLink(LinkInput.to("https://example.com/berlin").withSlug("sync-berlin"));
    LinkView tokyo =
        client.createLink(LinkInput.to("https://example.com/tokyo").withSlug("sync-tokyo"));
    Visits.visit(collector, "sync-berlin", TestGeoDatabase.BERLIN_IP, 3);
    Visits.visit(collector, "sync-tokyo", TestGeoDatabase.TOKYO_IP, 2);
    awaitSettled();

    try (LocalStore store = LocalStore.open(directory.resolve("store.sqlite"))) {
      Syncer syncer = new Syncer(client, store, Clock.systemUTC());
      List<long[]> progress = new ArrayList<>();
      Syncer.Result first =
          syncer.run((links, cells) -> progress.add(new long[] {links, cells}), () -> false);

      assertThat(first.links()).isEqualTo(2);
      assertThat(first.cells()).isPositive();
      assertThat(progress).isNotEmpty();
      assertThat(store.links())
          .extracting(LinkView::slug)
          .containsExactlyInAnyOrder("sync-berlin", "sync-tokyo");
      Analytics analytics = new Analytics(store);
      assertThat(analytics.totals(Scope.link(berlin.id()), today()).clicks()).isEqualTo(3);
      assertThat(analytics.breakdown(Scope.workspaceClicks(), "country", today()))
          .containsExactly(new Slice("DE", new Counts(3, 1)), new Slice("JP", new Counts(2, 1)));
      assertThat(Syncer.syncedAt(store)).isPresent();

      client.deleteLink(tokyo.id());
      Visits.visit(collector, "sync-berlin", TestGeoDatabase.LONDON_IP, 1);
      awaitSettled();
      Syncer.Result second = syncer.run((links, cells) -> {}, () -> false);

      assertThat(second.links()).isEqualTo(1);
      assertThat(second.cells()).isLessThan(first.cells());
      assertThat(store.links()).extracting(LinkView::slug).containsExactly("sync-berlin");
      assertThat(analytics.totals(Scope.link(berlin.id()), today()).clicks()).isEqualTo(4);
      assertThat(analytics.totals(Scope.workspaceClicks(), today()).clicks()).isEqualTo(6);
    }
  }

  /** The collector holds back link changes younger than a second (see its SyncHandlers). */
  private static void awaitSettled() throws InterruptedException {
    Thread.sleep(1_100);
  }

  @Test
  void aCancelledSyncStopsBeforeTheNextPageAndResumesLater() throws Exception {
    collector
        .client()
        .createLink(LinkInput.to("https://example.com/resume").withSlug("sync-resume"));
    awaitSettled();
    try (LocalStore store = LocalStore.open(directory.resolve("cancelled.sqlite"))) {
      Syncer syncer = new Syncer(collector.client(), store, Clock.systemUTC());

      Syncer.Result cancelled = syncer.run((links, cells) -> {}, () -> true);
      assertThat(cancelled.cancelled()).isTrue();
      assertThat(Syncer.syncedAt(store)).isEmpty();

      Syncer.Result resumed = syncer.run((links, cells) -> {}, () -> false);
      assertThat(resumed.cancelled()).isFalse();
      assertThat(store.links()).extracting(LinkView::slug).contains("sync-resume");
    }
  }
}
