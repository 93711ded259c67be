package io.linkscope.collector.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.linkscope.api.LinkscopeClient;
import io.linkscope.api.link.LinkInput;
import io.linkscope.api.link.LinkQuery;
import io.linkscope.api.link.LinkView;
import io.linkscope.api.retention.RetentionInput;
import io.linkscope.api.stats.StatsQuery;
import io.linkscope.api.stats.Totals;
import io.linkscope.collector.testsupport.SettableClock;
import io.linkscope.collector.testsupport.TestCollector;
import io.linkscope.collector.testsupport.TestDatabase;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backup the README describes, end to end: a stopped collector's database is dumped with {@code
 * mariadb-dump --single-transaction}, dropped, restored with the {@code mariadb} client, and the
 * collector started again on it and on its data directory (the journal) finds the same links, raw
 * clicks, statistics and keys.
 */
class BackupRestoreTest {
  private static final Instant START = Instant.parse("2031-05-04T10:00:00Z");

  @TempDir Path directory;

  @Test
  void aDumpRestoredIntoADroppedDatabaseGivesTheSameCounts() throws Exception {
    assumeTrue(onPath("mariadb-dump") && onPath("mariadb"), "mariadb-dump is not installed");
    SettableClock clock = new SettableClock(START);
    TestDatabase database = TestDatabase.create();
    try {
      String key;
      List<LinkView> links;
      Totals totals;
      long rawClicks;
      StatsQuery may =
          StatsQuery.workspace(
              Instant.parse("2031-05-01T00:00:00Z"), Instant.parse("2031-06-01T00:00:00Z"));
      try (TestCollector collector =
          TestCollector.startOn(database, null, directory, UnaryOperator.identity(), clock)) {
        key = collector.adminKey();
        LinkscopeClient client = collector.client();
        long workspace = client.workspace().id();
        for (int i = 0; i < 5; i++) {
          LinkView link = client.createLink(LinkInput.to("https://example.com/b/" + i));
          Clicks.onLink(collector, clock, workspace, link.id(), 10 * (i + 1), START.plusSeconds(i));
        }
        client.setRetention(new RetentionInput(400));
        collector.awaitBacklogDrained(Duration.ofSeconds(30));
        links = client.links(new LinkQuery(null, null, "created", 0, 100)).items();
        totals = client.statsSummary(may).current();
        rawClicks = Clicks.count(collector, "SELECT COUNT(*) FROM click");
      }
      assertThat(totals.clicks()).isEqualTo(150);

      Path dump = directory.resolve("linkscope.sql");
      run(
          database,
          dump,
          null,
          "mariadb-dump",
          "--single-transaction",
          "--routines",
          database.name());
      try (Connection c = database.connect();
          Statement s = c.createStatement()) {
        s.execute("DROP DATABASE `" + database.name() + "`");
        s.execute("CREATE DATABASE `" + database.name() + "` CHARACTER SET utf8mb4");
      }
      run(database, null, dump, "mariadb", database.name());

      try (TestCollector restored =
          TestCollector.startOn(database, key, directory, UnaryOperator.identity(), clock)) {
        LinkscopeClient client = restored.client();
        // The restarted collector listens on another port, which its short URLs name.
        assertThat(client.links(new LinkQuery(null, null, "created", 0, 100)).items())
            .usingRecursiveFieldByFieldElementComparatorIgnoringFields("shortUrl")
            .isEqualTo(links);
        assertThat(client.statsSummary(may).current()).isEqualTo(totals);
        assertThat(Clicks.count(restored, "SELECT COUNT(*) FROM click")).isEqualTo(rawClicks);
        assertThat(client.retention().rawClickDays()).isEqualTo(400);
      }
    } finally {
      database.close();
    }
  }

  /** Runs a MariaDB client program against the test server, with the database's account. */
  private static void run(
      TestDatabase database, Path output, Path input, String program, String... args)
      throws Exception {
    URI server = URI.create(database.url().substring("jdbc:".length()));
    String user = database.user();
    String password = database.password();
    List<String> command = new ArrayList<>();
    command.add(program);
    command.add("--host=" + server.getHost());
    command.add("--port=" + server.getPort());
    command.add("--user=" + user);
    if (!password.isEmpty()) {
      command.add("--password=" + password);
    }
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
    if (output != null) {
      builder.redirectOutput(output.toFile());
    }
    if (input != null) {
      builder.redirectInput(input.toFile());
    }
    Process process = builder.start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(program + " finished").isTrue();
    assertThat(process.exitValue()).as(program + " exit code").isZero();
    if (output != null) {
      assertThat(Files.size(output)).isPositive();
    }
  }

  private static boolean onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }
}
