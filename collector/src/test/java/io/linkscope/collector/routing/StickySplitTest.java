package io.linkscope.collector.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.api.LinkscopeClient;
import io.linkscope.api.link.LinkInput;
import io.linkscope.api.link.LinkView;
import io.linkscope.api.routing.Variant;
import io.linkscope.api.stats.BreakdownRow;
import io.linkscope.api.stats.Dimension;
import io.linkscope.api.stats.StatsQuery;
import io.linkscope.collector.testsupport.SettableClock;
import io.linkscope.collector.testsupport.TestCollector;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The split through the real server and its real day keys: a visitor keeps their variant all day
 * and draws again the next day; each variant's clicks and unique visitors in its breakdown.
 */
class StickySplitTest {
  private static final int VISITORS = 60;
  private static final String CHROME =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/131.0.0.0 Safari/537.36";

  @TempDir static Path directory;
  static SettableClock clock;
  static TestCollector collector;
  static LinkscopeClient client;

  @BeforeAll
  static void start() throws Exception {
    clock = new SettableClock(Instant.parse("2026-05-04T08:00:00Z"));
    collector = TestCollector.start(directory, UnaryOperator.identity(), clock);
    client = collector.client();
  }

  @AfterAll
  static void stop() {
    collector.close();
  }

  @Test
  void aVisitorKeepsTheirVariantAllDayAndDrawsAgainTheNextDay() throws Exception {
    LinkView link =
        client.createLink(
            LinkInput.to("https://shop.test/own")
                .withSlug("split")
                .withRouting(
                    null,
                    List.of(
                        Variant.of("https://shop.test/a", 50),
                        Variant.of("https://shop.test/b", 50))));
    List<String> morning = visitAll("2026-05-04T08:00:00Z");
    List<String> evening = visitAll("2026-05-04T22:30:00Z");
    assertThat(evening).isEqualTo(morning);
    assertThat(morning).contains("https://shop.test/a", "https://shop.test/b");

    List<String> nextDay = visitAll("2026-05-05T09:00:00Z");
    int changed = 0;
    for (int i = 0; i < VISITORS; i++) {
      if (!nextDay.get(i).equals(morning.get(i))) {
        changed++;
      }
    }
    // A new day's key draws anew: about half change (30 expected, sd about 4).
    assertThat(changed).isBetween(12, 48);

    collector.awaitBacklogDrained(Duration.ofSeconds(20));
    long onA = morning.stream().filter(url -> url.endsWith("/a")).count();
    long variantA = link.variants().getFirst().id();
    List<BreakdownRow> day =
        client
            .statsBreakdown(
                StatsQuery.link(
                    link.id(),
                    Instant.parse("2026-05-04T00:00:00Z"),
                    Instant.parse("2026-05-05T00:00:00Z")),
                Dimension.DESTINATION,
                10)
            .rows();
    assertThat(day)
        .filteredOn(row -> row.value().equals("variant:" + variantA))
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.clicks()).isEqualTo(2 * onA);
              assertThat(row.uniques()).isEqualTo(onA);
            });
    assertThat(day)
        .filteredOn(row -> row.value().equals("variant:" + (variantA + 1)))
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.clicks()).isEqualTo(2 * (VISITORS - onA));
              assertThat(row.uniques()).isEqualTo(VISITORS - onA);
            });
  }

  private static List<String> visitAll(String at) throws Exception {
    clock.set(Instant.parse(at));
    List<String> locations = new ArrayList<>();
    for (int i = 0; i < VISITORS; i++) {
      try (Response response =
          collector.send(
              collector
                  .request("/split")
                  .header("X-Forwarded-For", "203.0.113." + (i + 1))
                  .header("User-Agent", CHROME)
                  .build())) {
        assertThat(response.code()).isEqualTo(302);
        locations.add(response.header("Location"));
      }
    }
    return locations;
  }
}
