package io.linkscope.collector.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.api.link.LinkInput;
import io.linkscope.api.link.LinkView;
import io.linkscope.collector.stats.RollupRecount;
import io.linkscope.collector.testsupport.TestCollector;
import io.linkscope.collector.testsupport.TestGeoDatabase;
import java.nio.file.Path;
import java.sql.Connection;
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

  private static Map<String, List<Long>> rollups(TestCollector collector) throws SQLException {
    try (Connection c = collector.database().connect()) {
      return RollupRecount.hourlyCells(c);
    }
  }
}
