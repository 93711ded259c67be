package io.linkscope.collector.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkscope.api.ApiException;
import io.linkscope.api.link.LinkInput;
import io.linkscope.api.link.LinkQuery;
import io.linkscope.api.link.LinkView;
import io.linkscope.api.stats.StatsQuery;
import io.linkscope.collector.testsupport.TcpProxy;
import io.linkscope.collector.testsupport.TestCollector;
import io.linkscope.collector.testsupport.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code --database-read-url}, statistics and raw clicks are read from that database (here the
 * same server reached through a proxy that can be cut) while links, clicks and everything else are
 * written to the main one: with the replica away, statistics answer 503 and nothing else notices.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ReadReplicaTest {
  @TempDir Path directory;

  @Test
  void analyticsReadTheReplicaAndWritesGoToTheMainDatabase() throws Exception {
    try (TestDatabase database = TestDatabase.create();
        TcpProxy replica = TcpProxy.inFrontOf(database.url());
        TestCollector collector =
            TestCollector.startOn(
                database,
                null,
                directory,
                config ->
                    config.withReads(
                        new CollectorConfig.Reads(
                            replica.jdbcUrl(database.url()), database.user(), database.password())),
                Clock.systemUTC())) {
      LinkView link =
          collector
              .client()
              .createLink(
                  LinkInput.builder()
                      .slug("replica")
                      .targetUrl("https://e.example.com/")
                      .forwardQuery(false)
                      .build());
      StatsQuery query =
          StatsQuery.link(
              link.id(), Instant.now().minus(Duration.ofHours(1)), Instant.now().plusSeconds(3600));
      assertThat(collector.client().statsSummary(query).current().clicks()).isZero();

      replica.cut();
      assertThatThrownBy(() -> collector.client().statsSummary(query))
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(503));
      assertThatThrownBy(() -> collector.client().clicks(link.id(), null, null, 0, 10))
          .isInstanceOf(ApiException.class);
      // Writes and redirects do not use the replica.
      collector
          .client()
          .createLink(
              LinkInput.builder()
                  .slug("written")
                  .targetUrl("https://e.example.com/2")
                  .forwardQuery(false)
                  .build());
      try (var response =
          collector.send(
              collector
                  .request("/replica")
                  .header(
                      "User-Agent",
                      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like"
                          + " Gecko) Chrome/124.0.0.0 Safari/537.36")
                  .build())) {
        assertThat(response.code()).isEqualTo(302);
      }
      collector.awaitBacklogDrained(Duration.ofSeconds(30));

      replica.restore();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (true) {
        try {
          assertThat(collector.client().statsSummary(query).current().clicks()).isEqualTo(1);
          break;
        } catch (ApiException e) {
          assertThat(System.nanoTime()).as("the replica's pool reconnects").isLessThan(deadline);
          Thread.sleep(200);
        }
      }
      assertThat(
              collector.client().links(LinkQuery.firstPage()).items().stream()
                  .map(LinkView::slug)
                  .toList())
          .containsAll(List.of("replica", "written"));
    }
  }
}
