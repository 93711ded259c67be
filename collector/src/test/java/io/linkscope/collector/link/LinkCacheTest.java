package io.linkscope.collector.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.api.link.LinkInput;
import io.linkscope.api.link.LinkView;
import io.linkscope.collector.db.Cached;
import io.linkscope.collector.db.Database;
import io.linkscope.collector.routing.Routing;
import io.linkscope.collector.testsupport.TcpProxy;
import io.linkscope.collector.testsupport.TestCollector;
import io.linkscope.collector.testsupport.TestDatabase;
import io.linkscope.collector.testsupport.TestGeoDatabase;
import io.linkscope.collector.workspace.Workspaces;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The redirect cache tells from memory alone what it knows, and answers the links it warmed at
 * start without MariaDB.
 */
class LinkCacheTest {
  @TempDir Path directory;

  @Test
  void tellsFromMemoryAHitAnAbsentLinkAndWhatOnlyMariaDbKnows() throws Exception {
    try (TestDatabase test = TestDatabase.create();
        Database database = Database.open(test.url(), test.user(), test.password(), 2)) {
      long workspace =
          new Workspaces(database.dataSource(), Clock.systemUTC()).create("cache", "Cache").id();
      LinkRepository repository = new LinkRepository(database.dataSource(), Clock.systemUTC());
      repository.insert(
          new Link(
              0,
              workspace,
              "",
              "known",
              "https://shop.example.com/k",
              "",
              "",
              List.of(),
              302,
              null,
              null,
              null,
              null,
              false,
              0,
              null,
              null,
              null,
              null,
              null,
              Routing.NONE,
              0));
      LinkCache cache = new LinkCache(repository, 100, Duration.ofMinutes(1));

      assertThat(cache.findInMemory("", "known")).isInstanceOf(Cached.NotInMemory.class);
      assertThat(cache.findInMemory("", "unknown")).isInstanceOf(Cached.NotInMemory.class);
      assertThat(cache.findInMemory("go.brand.test", "known"))
          .isInstanceOf(Cached.NotInMemory.class);
      // No slug has a '/' or a '.': absent without asking MariaDB.
      assertThat(cache.findInMemory("", "a/b")).isInstanceOf(Cached.Absent.class);
      assertThat(cache.findInMemory("", "a.b")).isInstanceOf(Cached.Absent.class);

      assertThat(cache.find("", "known")).isPresent();
      assertThat(cache.find("", "unknown")).isEmpty();
      assertThat(cache.find("go.brand.test", "known")).isPresent();

      assertThat(cache.findInMemory("", "known"))
          .isInstanceOfSatisfying(
              Cached.Hit.class,
              hit ->
                  assertThat(((LinkCache.Entry) hit.value()).link().targetUrl())
                      .isEqualTo("https://shop.example.com/k"));
      assertThat(cache.findInMemory("", "unknown")).isInstanceOf(Cached.Absent.class);
      // An unclaimed host is the default domain, once MariaDB has said it is not claimed.
      assertThat(cache.findInMemory("go.brand.test", "known")).isInstanceOf(Cached.Hit.class);
    }
  }

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
                    LinkInput.builder()
                        .slug("warm")
                        .domain("go.brand.test")
                        .targetUrl("https://brand.example.com/c")
                        .build());
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
