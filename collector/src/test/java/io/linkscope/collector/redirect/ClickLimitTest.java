package io.linkscope.collector.redirect;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.linkscope.api.link.LinkInput;
import io.linkscope.api.link.LinkView;
import io.linkscope.collector.app.CollectorConfig;
import io.linkscope.collector.testsupport.TcpProxy;
import io.linkscope.collector.testsupport.TestCollector;
import io.linkscope.collector.testsupport.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A link's click limit counts human clicks only, exactly: bots do not use it up, and it holds
 * through restarts and across collectors sharing the database.
 */
class ClickLimitTest {
  private static final String TARGET = "https://shop.example.com/offer";
  private static final String SOLD_OUT = "https://shop.example.com/sold-out";
  private static final String HUMAN =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/124.0.0.0 Safari/537.36";
  private static final String GOOGLEBOT =
      "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

  @TempDir Path directory;

  @Test
  void botsDoNotUseUpTheClickLimit() throws Exception {
    try (TestCollector collector = TestCollector.start(directory)) {
      long id = collector.client().createLink(limited("bots", 2)).id();
      assertThat(visit(collector, "bots", GOOGLEBOT)).isEqualTo(TARGET);
      assertThat(visit(collector, "bots", GOOGLEBOT)).isEqualTo(TARGET);
      assertThat(visit(collector, "bots", HUMAN)).isEqualTo(TARGET);
      assertThat(visit(collector, "bots", HUMAN)).isEqualTo(TARGET);
      assertThat(visit(collector, "bots", HUMAN)).isEqualTo(SOLD_OUT);
      assertThat(visit(collector, "bots", GOOGLEBOT)).isEqualTo(SOLD_OUT);
      collector.awaitBacklogDrained(Duration.ofSeconds(30));
      assertThat(storedClicks(collector.database(), id, false)).as("humans").isEqualTo(2);
      assertThat(storedClicks(collector.database(), id, true)).as("bots").isEqualTo(2);
    }
  }

  @Test
  void admitsExactlyTheLimitThroughARestart() throws Exception {
    try (TestDatabase database = TestDatabase.create()) {
      String key;
      try (TestCollector first = start(database, null, UnaryOperator.identity())) {
        key = first.adminKey();
        first.client().createLink(limited("restart", 2));
        assertThat(visit(first, "restart", HUMAN)).isEqualTo(TARGET);
      }
      try (TestCollector restarted = start(database, key, UnaryOperator.identity())) {
        List<String> locations = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          locations.add(visit(restarted, "restart", HUMAN));
        }
        assertThat(locations).containsExactly(TARGET, SOLD_OUT, SOLD_OUT);
      }
    }
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void twoCollectorsOnOneDatabaseAdmitExactlyTheLimitTogether() throws Exception {
    int limit = 25;
    int visits = 120;
    try (TestDatabase database = TestDatabase.create();
        TestCollector first = start(database, null, UnaryOperator.identity());
        TestCollector second =
            TestCollector.startOn(
                database,
                first.adminKey(),
                directory.resolve("second"),
                UnaryOperator.identity(),
                Clock.systemUTC());
        ExecutorService visitors = Executors.newFixedThreadPool(16)) {
      long id = first.client().createLink(limited("shared", limit)).id();
      List<Future<String>> answers = new ArrayList<>();
      for (int i = 0; i < visits; i++) {
        TestCollector collector = i % 2 == 0 ? first : second;
        answers.add(visitors.submit(() -> visit(collector, "shared", HUMAN)));
      }
      int admitted = 0;
      int refused = 0;
      for (Future<String> answer : answers) {
        String location = answer.get(60, TimeUnit.SECONDS);
        if (location.equals(TARGET)) {
          admitted++;
        } else if (location.equals(SOLD_OUT)) {
          refused++;
        }
      }
      assertThat(admitted).isEqualTo(limit);
      assertThat(refused).isEqualTo(visits - limit);
      first.awaitBacklogDrained(Duration.ofSeconds(30));
      second.awaitBacklogDrained(Duration.ofSeconds(30));
      assertThat(storedClicks(database, id, false)).isEqualTo(limit);
    }
  }

  @Test
  void countsTheHumanClicksALinkHadBeforeItsLimitWasSet() throws Exception {
    try (TestCollector collector = TestCollector.start(directory)) {
      LinkView link =
          collector
              .client()
              .createLink(
                  LinkInput.builder()
                      .slug("later")
                      .targetUrl(TARGET)
                      .fallbackUrl(SOLD_OUT)
                      .forwardQuery(false)
                      .build());
      visit(collector, "later", HUMAN);
      visit(collector, "later", HUMAN);
      collector.awaitBacklogDrained(Duration.ofSeconds(30));
      JsonObject patch = new JsonObject();
      patch.addProperty("maxClicks", 3);
      collector.client().updateLink(link.id(), patch);
      assertThat(visit(collector, "later", HUMAN)).isEqualTo(TARGET);
      assertThat(visit(collector, "later", HUMAN)).isEqualTo(SOLD_OUT);
    }
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void refusesHumansOnACappedLinkWhileMariaDbIsDown() throws Exception {
    try (TestDatabase database = TestDatabase.create();
        TcpProxy proxy = TcpProxy.inFrontOf(database.url())) {
      try (TestCollector collector = start(database, null, proxy::throughProxy)) {
        collector.client().createLink(limited("outage", 2));
        assertThat(visit(collector, "outage", HUMAN)).isEqualTo(TARGET);
        proxy.cut();
        try (Response response = request(collector, "outage", HUMAN)) {
          assertThat(response.code()).isEqualTo(503);
          assertThat(response.header("Retry-After")).isEqualTo("5");
        }
        assertThat(visit(collector, "outage", GOOGLEBOT))
            .as("bots need no count")
            .isEqualTo(TARGET);
        proxy.restore();
        assertThat(firstVisitOnceMariaDbAnswers(collector, "outage", HUMAN)).isEqualTo(TARGET);
        assertThat(visit(collector, "outage", HUMAN)).isEqualTo(SOLD_OUT);
      }
    }
  }

  /**
   * Two collectors counting one link through different Galera nodes: the loser of certification is
   * told "deadlock" (1213, SQLSTATE 40001) and nothing was counted. A trigger makes MariaDB answer
   * the counting statement that way twice (its countdown lives in a MEMORY table, which a
   * rolled-back statement does not undo); the visitor must still be sent on, counted once.
   */
  @Test
  void aLostConflictOnTheCountIsCountedAgainNotAnsweredWith503() throws Exception {
    try (TestDatabase database = TestDatabase.create()) {
      try (TestCollector collector = start(database, null, UnaryOperator.identity())) {
        long id = collector.client().createLink(limited("conflict", 2)).id();
        try (Connection c = database.connect();
            Statement statement = c.createStatement()) {
          statement.execute("CREATE TABLE lose_certification (n INT NOT NULL) ENGINE=MEMORY");
          statement.execute("INSERT INTO lose_certification VALUES (2)");
          statement.execute(
              """
              CREATE TRIGGER lose_certification BEFORE UPDATE ON link FOR EACH ROW
              IF NEW.admitted_clicks > OLD.admitted_clicks
                  AND (SELECT n FROM lose_certification) > 0 THEN
                UPDATE lose_certification SET n = n - 1;
                SIGNAL SQLSTATE '40001' SET MYSQL_ERRNO = 1213,
                  MESSAGE_TEXT = 'Deadlock found when trying to get lock; try restarting transaction';
              END IF
              """);
        }
        assertThat(visit(collector, "conflict", HUMAN)).isEqualTo(TARGET);
        try (Connection c = database.connect();
            Statement statement = c.createStatement();
            ResultSet left = statement.executeQuery("SELECT n FROM lose_certification")) {
          left.next();
          assertThat(left.getInt(1)).as("conflicts the count lost first").isZero();
        }
        assertThat(visit(collector, "conflict", HUMAN)).isEqualTo(TARGET);
        assertThat(visit(collector, "conflict", HUMAN)).isEqualTo(SOLD_OUT);
        collector.awaitBacklogDrained(Duration.ofSeconds(30));
        assertThat(storedClicks(database, id, false)).as("visits sent to the target").isEqualTo(2);
      }
    }
  }

  private TestCollector start(
      TestDatabase database, String adminKey, UnaryOperator<CollectorConfig> adjust)
      throws Exception {
    return TestCollector.startOn(database, adminKey, directory, adjust, Clock.systemUTC());
  }

  private static LinkInput limited(String slug, long maxClicks) {
    return LinkInput.builder()
        .slug(slug)
        .targetUrl(TARGET)
        .maxClicks(maxClicks)
        .fallbackUrl(SOLD_OUT)
        .forwardQuery(false)
        .build();
  }

  private static Response request(TestCollector collector, String slug, String userAgent)
      throws Exception {
    return collector.send(collector.request("/" + slug).header("User-Agent", userAgent).build());
  }

  /**
   * Where the first visit not refused with a 503 was sent: the pool's connections broke with the
   * network, and a refused visit counts nothing, so the visitor simply tries again.
   */
  private static String firstVisitOnceMariaDbAnswers(
      TestCollector collector, String slug, String userAgent) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      try (Response response = request(collector, slug, userAgent)) {
        if (response.code() != 503 || System.nanoTime() > deadline) {
          assertThat(response.code()).as("answer to a visit of %s", slug).isEqualTo(302);
          return response.header("Location");
        }
      }
      Thread.sleep(200);
    }
  }

  /** Where the visit was sent. */
  private static String visit(TestCollector collector, String slug, String userAgent)
      throws Exception {
    try (Response response = request(collector, slug, userAgent)) {
      assertThat(response.code()).as("answer to a visit of %s", slug).isEqualTo(302);
      return response.header("Location");
    }
  }

  private static long storedClicks(TestDatabase database, long linkId, boolean bots)
      throws Exception {
    try (Connection c = database.connect();
        PreparedStatement select =
            c.prepareStatement("SELECT COUNT(*) FROM click WHERE link_id = ? AND bot = ?")) {
      select.setLong(1, linkId);
      select.setBoolean(2, bots);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }
}
