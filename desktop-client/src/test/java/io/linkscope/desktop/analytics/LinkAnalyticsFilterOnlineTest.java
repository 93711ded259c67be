package io.linkscope.desktop.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.api.LinkscopeClient;
import io.linkscope.api.link.LinkInput;
import io.linkscope.api.link.LinkView;
import io.linkscope.collector.testsupport.TestCollector;
import io.linkscope.collector.testsupport.TestGeoDatabase;
import io.linkscope.desktop.connection.Connection;
import io.linkscope.desktop.connection.Session;
import io.linkscope.desktop.store.LocalStore;
import io.linkscope.desktop.testsupport.Visits;
import io.linkscope.desktop.ui.Background;
import io.linkscope.desktop.ui.Counts;
import io.linkscope.desktop.ui.Notice;
import io.linkscope.desktop.ui.Slice;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Online, a drill-down filter reaches every chart: the collector keeps each click and filters
 * series, breakdowns, map and heatmap exactly, which the local copy cannot.
 */
class LinkAnalyticsFilterOnlineTest {
  private static final String DESKTOP =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/124.0.0.0 Safari/537.36";

  @TempDir Path directory;

  @Test
  void aFilterSetOnlineFiltersEveryChartThroughTheCollector() throws Exception {
    try (TestCollector collector = TestCollector.start(directory.resolve("collector"))) {
      LinkscopeClient client = collector.client();
      LinkView link =
          client.createLink(LinkInput.to("https://example.com/drill").withSlug("drill-down"));
      Visits.visit(collector, "drill-down", TestGeoDatabase.BERLIN_IP, 3);
      for (int i = 0; i < 2; i++) {
        try (Response response =
            collector.send(
                collector
                    .request("/drill-down")
                    .header("X-Forwarded-For", TestGeoDatabase.TOKYO_IP)
                    .header("User-Agent", DESKTOP)
                    .build())) {
          assertThat(response.code()).isEqualTo(302);
        }
      }
      collector.awaitBacklogDrained(Duration.ofSeconds(30));
      // The collector holds back link changes younger than a second from the sync.
      Thread.sleep(1_100);
      List<Notice> notices = new ArrayList<>();
      try (Session session =
          new Session(
              new Connection("test", collector.baseUrl(), collector.adminKey(), "Test"),
              client,
              LocalStore.open(directory.resolve("store.sqlite")),
              Background.inline(),
              Clock.systemUTC())) {
        session.sync();
        LinkAnalyticsViewModel analytics =
            new LinkAnalyticsViewModel(session, ZoneOffset.UTC, notices::add);
        analytics.presetProperty().set(RangePreset.LAST_7_DAYS);
        analytics.linkProperty().set(link);
        assertThat(analytics.snapshotProperty().get().totals().clicks()).isEqualTo(5);

        analytics.filterBy("device", "mobile");
        var mobile = analytics.snapshotProperty().get();

        assertThat(mobile.unavailable()).isEmpty();
        assertThat(mobile.note()).contains("Device: Mobile").contains("counted by");
        assertThat(mobile.totals().clicks()).isEqualTo(3);
        assertThat(mobile.countries()).isEqualTo(Map.of("DE", 3L));
        assertThat(Arrays.stream(mobile.heatmap()).flatMapToLong(Arrays::stream).sum())
            .isEqualTo(3);
        assertThat(mobile.series().stream().mapToLong(p -> p.counts().clicks()).sum()).isEqualTo(3);
        assertThat(mobile.series()).hasSize(7);

        analytics.filterBy("country", "JP");
        var japan = analytics.snapshotProperty().get();
        assertThat(japan.totals().clicks()).isEqualTo(2);
        assertThat(japan.breakdowns().get("device"))
            .containsExactly(new Slice("desktop", new Counts(2, 1)));
        assertThat(notices).isEmpty();
      }
    }
  }
}
