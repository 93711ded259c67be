package io.linkscope.collector.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.api.link.LinkInput;
import io.linkscope.api.link.LinkView;
import io.linkscope.collector.db.Database;
import io.linkscope.collector.stats.RollupRecount;
import io.linkscope.collector.testsupport.TestCollector;
import io.linkscope.collector.testsupport.TestDatabase;
import io.linkscope.collector.testsupport.TestGeoDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rollups rebuild} on a stopped collector's database gives back the same rollups. */
class RollupsCommandTest {
  @TempDir Path directory;

  @Test
  void rebuildsTheRollupsOfAStoppedCollectorFromItsRawClicks() throws Exception {
    TestCollector collector = TestCollector.start(directory);
    try {
      LinkView link = collector.client().createLink(LinkInput.to("https://example.com/rebuild"));
      for (String ip :
          List.of(TestGeoDatabase.LONDON_IP, TestGeoDatabase.LONDON_IP, TestGeoDatabase.TOKYO_IP)) {
        try (Response response =
            collector.send(
                collector.request("/" + link.slug()).header("X-Forwarded-For", ip).build())) {
          assertThat(response.code()).isEqualTo(302);
        }
      }
      collector.awaitBacklogDrained(Duration.ofSeconds(10));
      Map<String, List<Long>> before = rollups(collector);
      assertThat(before).isNotEmpty();
      collector.collector().close();
      try (Connection c = collector.database().connect();
          Statement s = c.createStatement()) {
        s.execute("DELETE FROM rollup_hour");
      }

      CollectorMainTest.Run run =
          CollectorMainTest.run(
              "rollups",
              "rebuild",
              "--db-url",
              collector.database().url(),
              "--db-user",
              collector.database().user(),
              "--db-password",
              collector.database().password(),
              "--data-dir",
              directory.toString());

      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.out()).contains("Rollups rebuilt from 3 clicks.");
      assertThat(rollups(collector)).isEqualTo(before);
    } finally {
      // Stopping twice is harmless; this also drops the test database.
      collector.close();
    }
  }

  @Test
  void saysSoAndChangesNothingWhenThereAreNoClicksToRebuildFrom() throws Exception {
    try (TestDatabase database = TestDatabase.create()) {
      Database.open(database.url(), database.user(), database.password(), 1).close();
      long generation = generation(database);

      CollectorMainTest.Run run =
          CollectorMainTest.run(
              "rollups",
              "rebuild",
              "--db-url",
              database.url(),
              "--db-user",
              database.user(),
              "--db-password",
              database.password(),
              "--data-dir",
              directory.toString());

      assertThat(run.exitCode())
          .as(run.out() + run.err())
          .isEqualTo(RollupsCommand.Rebuild.NO_CLICKS);
      assertThat(run.err())
          .contains("No clicks to rebuild the rollups from in " + database.url())
          .contains("nothing was changed");
      assertThat(run.out()).doesNotContain("Rollups rebuilt");
      assertThat(generation(database)).isEqualTo(generation);
    }
  }

  private static long generation(TestDatabase database) throws SQLException {
    try (Connection c = database.connect();
        ResultSet r =
            c.createStatement()
                .executeQuery("SELECT generation FROM rollup_sequence WHERE id = 1")) {
      assertThat(r.next()).isTrue();
      return r.getLong(1);
    }
  }

  private static Map<String, List<Long>> rollups(TestCollector collector) throws SQLException {
    try (Connection c = collector.database().connect()) {
      return RollupRecount.hourlyCells(c);
    }
  }
}
