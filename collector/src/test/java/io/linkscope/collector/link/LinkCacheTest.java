package io.linkscope.collector.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.api.link.LinkInput;
import io.linkscope.api.link.LinkView;
import io.linkscope.collector.testsupport.TcpProxy;
import io.linkscope.collector.testsupport.TestCollector;
import io.linkscope.collector.testsupport.TestDatabase;
import io.linkscope.collector.testsupport.TestGeoDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The redirect cache answers the links it warmed at start without MariaDB. */
class LinkCacheTest {
  @TempDir Path directory;

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void answersWarmedLinksAfterARestartWhileMariaDbIsDown() throws Exception {
    try (TestDatabase database = TestDatabase.create();
        TcpProxy proxy = TcpProxy.inFrontOf(database.url())) {
      String adminKey;
      Map<String, Long> linkIdByHost;
      try (TestCollector first =
          TestCollector.startOn(
              database, null, directory, proxy::throughProxy, Clock.systemUTC())) {
        adminKey = first.adminKey();
        LinkView onDefault =
            first.client().createLink(LinkInput.to("https://shop.example.com/d").withSlug("warm"));
        LinkView onCustom =
            first
                .client()
                .createLink(
                    new LinkInput(
                        "warm",
                        "go.brand.test",
                        "https://brand.example.com/c",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null));
        linkIdByHost = Map.of("127.0.0.1", onDefault.id(), "go.brand.test", onCustom.id());
      }

      try (TestCollector restarted =
          TestCollector.startOn(
              database, adminKey, directory, proxy::throughProxy, Clock.systemUTC())) {
        proxy.cut();
        for (Map.Entry<String, Long> host : linkIdByHost.entrySet()) {
          try (Response response =
              restarted.send(
                  restarted
                      .request("/warm")
                      .header("Host", host.getKey())
                      .header("X-Forwarded-For", TestGeoDatabase.TOKYO_IP)
                      .build())) {
            assertThat(response.code()).as("answer on %s", host.getKey()).isEqualTo(302);
          }
        }
        proxy.restore();
        restarted.awaitBacklogDrained(Duration.ofSeconds(30));
        for (long linkId : linkIdByHost.values()) {
          assertThat(storedClicks(database, linkId)).as("clicks of link %d", linkId).isEqualTo(1);
        }
      }
    }
  }

  private static long storedClicks(TestDatabase database, long linkId) throws Exception {
    try (Connection c = database.connect();
        PreparedStatement select =
            c.prepareStatement("SELECT COUNT(*) FROM click WHERE link_id = ?")) {
      select.setLong(1, linkId);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }
}
