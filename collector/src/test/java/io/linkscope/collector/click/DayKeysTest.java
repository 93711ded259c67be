package io.linkscope.collector.click;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.api.link.LinkInput;
import io.linkscope.collector.auth.ApiKeys;
import io.linkscope.collector.auth.Role;
import io.linkscope.collector.db.Database;
import io.linkscope.collector.testsupport.LogCapture;
import io.linkscope.collector.testsupport.SettableClock;
import io.linkscope.collector.testsupport.TcpProxy;
import io.linkscope.collector.testsupport.TestCollector;
import io.linkscope.collector.testsupport.TestDatabase;
import io.linkscope.collector.testsupport.TestGeoDatabase;
import io.linkscope.collector.workspace.Workspaces;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * IP hashes are keyed per workspace and UTC day: alike within a day (through a restart too), unlike
 * across days and workspaces, and a day's key is deleted once the day is over.
 */
class DayKeysTest {
  private static final Instant DAY_ONE = Instant.parse("2026-03-10T10:00:00Z");
  private static final String USER_AGENT =
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36";

  @TempDir Path directory;

  @Test
  void hashesTheSameAddressDifferentlyOnAnotherDayAndInAnotherWorkspace() throws Exception {
    SettableClock clock = new SettableClock(DAY_ONE);
    try (TestCollector collector =
        TestCollector.start(directory, UnaryOperator.identity(), clock)) {
      long mine =
          collector.client().createLink(LinkInput.to("https://a.example/").withSlug("mine")).id();
      long theirs =
          collector
              .client(otherWorkspaceKey(collector.collector().database().dataSource()))
              .createLink(LinkInput.to("https://b.example/").withSlug("theirs"))
              .id();

      visit(collector, "/mine");
      visit(collector, "/mine");
      visit(collector, "/theirs");
      clock.set(DAY_ONE.plus(Duration.ofDays(1)));
      visit(collector, "/mine");
      collector.awaitBacklogDrained(Duration.ofSeconds(30));

      List<StoredClick> clicks = clicks(collector.database());
      assertThat(clicks).hasSize(4);
      StoredClick first = clicks.get(0);
      StoredClick again = clicks.get(1);
      StoredClick otherWorkspace = clicks.get(2);
      StoredClick nextDay = clicks.get(3);
      assertThat(List.of(first.linkId(), again.linkId(), otherWorkspace.linkId(), nextDay.linkId()))
          .containsExactly(mine, mine, theirs, mine);
      assertThat(again.ipHash()).as("same visitor, same day").isEqualTo(first.ipHash());
      assertThat(otherWorkspace.ipHash()).as("another workspace").isNotEqualTo(first.ipHash());
      assertThat(nextDay.ipHash()).as("the next day").isNotEqualTo(first.ipHash());
      assertThat(clicks.stream().map(StoredClick::unique))
          .as("one unique visitor a day and target")
          .containsExactly(true, false, true, true);
    }
  }

  @Test
  void destroysADaysKeyOnceTheDayAndItsGraceAreOver() throws Exception {
    SettableClock clock = new SettableClock(DAY_ONE);
    try (TestCollector collector =
        TestCollector.start(directory, UnaryOperator.identity(), clock)) {
      collector.client().createLink(LinkInput.to("https://a.example/").withSlug("mine"));
      visit(collector, "/mine");
      LocalDate dayOne = LocalDate.of(2026, 3, 10);
      assertThat(keyDays(collector.database())).contains(dayOne, dayOne.plusDays(1));

      Instant midnight = Instant.parse("2026-03-11T00:00:00Z");
      clock.set(midnight.plus(DayKeys.GRACE).minusSeconds(1));
      collector.collector().ipHashKeys().maintain();
      assertThat(keyDays(collector.database())).as("within the grace").contains(dayOne);

      clock.set(midnight.plus(DayKeys.GRACE));
      collector.collector().ipHashKeys().maintain();
      assertThat(keyDays(collector.database()))
          .as("after the grace")
          .doesNotContain(dayOne)
          .contains(dayOne.plusDays(1), dayOne.plusDays(2));
    }
  }

  @Test
  void countsAVisitorOnceADayThroughARestart() throws Exception {
    SettableClock clock = new SettableClock(DAY_ONE);
    try (TestDatabase database = TestDatabase.create()) {
      String key;
      try (TestCollector first =
          TestCollector.startOn(database, null, directory, UnaryOperator.identity(), clock)) {
        key = first.adminKey();
        first.client().createLink(LinkInput.to("https://a.example/").withSlug("mine"));
        visit(first, "/mine");
        first.awaitBacklogDrained(Duration.ofSeconds(30));
      }
      clock.set(DAY_ONE.plus(Duration.ofHours(3)));
      try (TestCollector restarted =
          TestCollector.startOn(database, key, directory, UnaryOperator.identity(), clock)) {
        visit(restarted, "/mine");
        restarted.awaitBacklogDrained(Duration.ofSeconds(30));
      }
      List<StoredClick> clicks = clicks(database);
      assertThat(clicks).hasSize(2);
      assertThat(clicks.get(1).ipHash()).isEqualTo(clicks.get(0).ipHash());
      assertThat(clicks.stream().map(StoredClick::unique)).containsExactly(true, false);
    }
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void tracksEveryClickWhenADaysKeyCannotBeReadAndStoresTheKeyAfterwards() throws Exception {
    SettableClock clock = new SettableClock(DAY_ONE);
    try (TestDatabase database = TestDatabase.create();
        TcpProxy proxy = TcpProxy.inFrontOf(database.url())) {
      try (TestCollector collector =
          TestCollector.startOn(database, null, directory, proxy::throughProxy, clock)) {
        collector.client().createLink(LinkInput.to("https://a.example/").withSlug("mine"));
        visit(collector, "/mine");
        proxy.cut();
        // Two days on: beyond the keys read ahead, so this day's key is not in memory.
        Instant dayThree = DAY_ONE.plus(Duration.ofDays(2));
        clock.set(dayThree);
        visit(collector, "/mine");
        visit(collector, "/mine");
        proxy.restore();
        maintainUntil(collector, days -> days.contains(LocalDate.of(2026, 3, 12)));
        collector.awaitBacklogDrained(Duration.ofSeconds(60));

        List<StoredClick> clicks = clicks(database);
        assertThat(clicks).as("every click stored").hasSize(3);
        assertThat(clicks.get(2).ipHash()).isEqualTo(clicks.get(1).ipHash());
        assertThat(clicks.get(1).ipHash()).isNotEqualTo(clicks.get(0).ipHash());
        assertThat(clicks.stream().map(StoredClick::unique)).containsExactly(true, true, false);
      }
    }
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void storesAClickJournaledBeforeMidnightAfterItsDaysKeyIsDestroyed() throws Exception {
    Instant beforeMidnight = Instant.parse("2026-03-10T23:59:30Z");
    SettableClock clock = new SettableClock(beforeMidnight);
    try (TestDatabase database = TestDatabase.create();
        TcpProxy proxy = TcpProxy.inFrontOf(database.url());
        TestCollector collector =
            TestCollector.startOn(database, null, directory, proxy::throughProxy, clock)) {
      collector.client().createLink(LinkInput.to("https://a.example/").withSlug("mine"));
      visit(collector, "/mine");
      proxy.cut();
      visit(collector, "/mine");
      clock.set(Instant.parse("2026-03-11T00:00:00Z").plus(DayKeys.GRACE));
      visit(collector, "/mine");
      proxy.restore();
      maintainUntil(collector, days -> !days.contains(LocalDate.of(2026, 3, 10)));
      collector.awaitBacklogDrained(Duration.ofSeconds(60));

      List<StoredClick> clicks = clicks(database);
      assertThat(clicks).as("every click stored from the journal").hasSize(3);
      assertThat(clicks.get(1).ipHash()).isEqualTo(clicks.get(0).ipHash());
      assertThat(clicks.get(2).ipHash()).isNotEqualTo(clicks.get(1).ipHash());
      assertThat(clicks.stream().map(StoredClick::unique)).containsExactly(true, false, true);
    }
  }

  @Test
  @Timeout(value = 1, unit = TimeUnit.MINUTES)
  void goesOnKeepingTheKeysAfterAScheduledRoundFailsWithAnError() throws Exception {
    SettableClock clock = new SettableClock(DAY_ONE);
    try (TestDatabase database = TestDatabase.create();
        Database pool = Database.open(database.url(), database.user(), database.password(), 2);
        LogCapture logs = LogCapture.start()) {
      // Each round takes one connection; the second (the first scheduled one) runs out of memory.
      AtomicInteger rounds = new AtomicInteger();
      DataSource failingOnce =
          (DataSource)
              Proxy.newProxyInstance(
                  DataSource.class.getClassLoader(),
                  new Class<?>[] {DataSource.class},
                  (proxy, method, arguments) -> {
                    if (method.getName().equals("getConnection") && rounds.incrementAndGet() == 2) {
                      throw new OutOfMemoryError("Java heap space");
                    }
                    try {
                      return method.invoke(pool.dataSource(), arguments);
                    } catch (InvocationTargetException e) {
                      throw e.getCause();
                    }
                  });
      try (DayKeys keys = new DayKeys(failingOnce, clock)) {
        keys.start(Duration.ofMillis(100));
        while (rounds.get() < 2) {
          Thread.sleep(20);
        }
        clock.set(DAY_ONE.plus(Duration.ofDays(2)));
        LocalDate dayThree = LocalDate.of(2026, 3, 12);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!keyDays(database).contains(dayThree)) {
          if (System.nanoTime() > deadline) {
            throw new AssertionError(
                "no key for "
                    + dayThree
                    + " after a failed round: the upkeep stopped at "
                    + keyDays(database));
          }
          Thread.sleep(50);
        }
      }
      assertThat(logs.from(DayKeys.class))
          .anySatisfy(line -> assertThat(line).startsWith("ERROR A round of IP hashing key"));
    }
  }

  /**
   * Runs the key upkeep until the stored key days match: the first rounds after MariaDB returns may
   * still meet connections the outage broke.
   */
  private static void maintainUntil(TestCollector collector, Predicate<List<LocalDate>> done)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      collector.collector().ipHashKeys().maintain();
      List<LocalDate> days = keyDays(collector.database());
      if (done.test(days)) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the stored IP hashing keys stayed at " + days);
      }
      Thread.sleep(200);
    }
  }

  private static void visit(TestCollector collector, String path) throws Exception {
    try (Response response =
        collector.send(
            collector
                .request(path)
                .header("X-Forwarded-For", TestGeoDatabase.LONDON_IP)
                .header("User-Agent", USER_AGENT)
                .build())) {
      assertThat(response.code()).as("answer to %s", path).isEqualTo(302);
    }
  }

  private static String otherWorkspaceKey(DataSource dataSource) throws Exception {
    long workspace = new Workspaces(dataSource, Clock.systemUTC()).create("other", "Other").id();
    return new ApiKeys(dataSource, Clock.systemUTC())
        .create(workspace, "test", Role.ADMIN)
        .secret();
  }

  private record StoredClick(long linkId, String ipHash, boolean unique) {}

  private static List<StoredClick> clicks(TestDatabase database) throws Exception {
    List<StoredClick> clicks = new ArrayList<>();
    try (Connection c = database.connect();
        PreparedStatement select =
            c.prepareStatement(
                "SELECT link_id, ip_hash, is_unique FROM click ORDER BY clicked_at, id");
        ResultSet row = select.executeQuery()) {
      while (row.next()) {
        clicks.add(
            new StoredClick(
                row.getLong(1), HexFormat.of().formatHex(row.getBytes(2)), row.getBoolean(3)));
      }
    }
    return clicks;
  }

  private static List<LocalDate> keyDays(TestDatabase database) throws Exception {
    List<LocalDate> days = new ArrayList<>();
    try (Connection c = database.connect();
        PreparedStatement select = c.prepareStatement("SELECT DISTINCT day FROM ip_hash_key");
        ResultSet row = select.executeQuery()) {
      while (row.next()) {
        days.add(row.getObject(1, LocalDate.class));
      }
    }
    return days;
  }
}
