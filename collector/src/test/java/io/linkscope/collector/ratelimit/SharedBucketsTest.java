package io.linkscope.collector.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkscope.collector.db.Database;
import io.linkscope.collector.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The key buckets in MariaDB, in both stores: a MEMORY table on one server, an InnoDB table on a
 * Galera cluster (which replicates nothing else). A Galera certification conflict is made here by a
 * trigger that answers the taking statement as Galera answers the loser (1213, SQLSTATE 40001).
 */
class SharedBucketsTest {
  private static final long NOW = 1_800_000_000_000L;

  @Test
  void aServerWithoutGaleraKeepsTheBucketsInMemory() throws Exception {
    try (TestDatabase database = TestDatabase.create();
        Database db = open(database)) {
      SharedBuckets buckets = new SharedBuckets(db.dataSource());
      assertThat(buckets.store()).as("not asked yet").isNull();
      assertThat(buckets.take(7, 10, NOW)).isZero();
      assertThat(buckets.store()).isEqualTo(SharedBuckets.Store.MEMORY);
      assertThat(rows(database, "rate_limit_bucket")).isEqualTo(1);
      assertThat(rows(database, "rate_limit_bucket_replicated")).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(SharedBuckets.Store.class)
  void eightTakersAtOnceGetTheLimitExactlyAndThenWhenTheNextTokenComes(SharedBuckets.Store store)
      throws Exception {
    int limit = 50;
    try (TestDatabase database = TestDatabase.create();
        Database db = open(database);
        ExecutorService takers = Executors.newFixedThreadPool(8)) {
      SharedBuckets buckets = new SharedBuckets(db.dataSource(), store);
      List<Future<Duration>> answers = new ArrayList<>();
      for (int i = 0; i < 160; i++) {
        answers.add(takers.submit(() -> buckets.take(1, limit, NOW)));
      }
      int granted = 0;
      for (Future<Duration> answer : answers) {
        Duration wait = answer.get(60, TimeUnit.SECONDS);
        if (wait.isZero()) {
          granted++;
        } else {
          // 50 a minute: one token every 1.2 s.
          assertThat(wait).isEqualTo(Duration.ofMillis(1_200));
        }
      }
      assertThat(granted).isEqualTo(limit);
      assertThat(buckets.take(1, limit, NOW + 1_199)).isEqualTo(Duration.ofMillis(1));
      assertThat(buckets.take(1, limit, NOW + 1_200)).isZero();
      String table =
          store == SharedBuckets.Store.MEMORY
              ? "rate_limit_bucket"
              : "rate_limit_bucket_replicated";
      assertThat(rows(database, table)).isEqualTo(1);
    }
  }

  @Test
  void aTakeThatLosesCertificationIsRunAgainAndCountedOnce() throws Exception {
    try (TestDatabase database = TestDatabase.create();
        Database db = open(database)) {
      SharedBuckets buckets = new SharedBuckets(db.dataSource(), SharedBuckets.Store.REPLICATED);
      assertThat(buckets.take(3, 10, NOW)).isZero();
      loseCertification(database, 3);
      assertThat(buckets.take(3, 10, NOW)).isZero();
      assertThat(conflictsLeft(database)).as("conflicts the take lost first").isZero();
      assertThat(tokens(database)).isEqualTo(8.0);

      loseCertification(database, SharedBuckets.CONFLICT_ATTEMPTS);
      assertThatThrownBy(() -> buckets.take(3, 10, NOW))
          .as("a run of conflicts is the database failing: the caller counts locally")
          .isInstanceOfSatisfying(
              SQLException.class, e -> assertThat(Database.isConflict(e)).isTrue());
      assertThat(tokens(database)).as("nothing taken").isEqualTo(8.0);
    }
  }

  private static Database open(TestDatabase database) {
    return Database.open(database.url(), database.user(), database.password(), 8);
  }

  /** The next {@code times} takes of a token are rolled back as Galera rolls back a loser. */
  private static void loseCertification(TestDatabase database, int times) throws SQLException {
    try (Connection c = database.connect();
        Statement statement = c.createStatement()) {
      statement.execute(
          "CREATE TABLE IF NOT EXISTS lose_certification (n INT NOT NULL) ENGINE=MEMORY");
      statement.execute("DELETE FROM lose_certification");
      statement.execute("INSERT INTO lose_certification VALUES (" + times + ")");
      statement.execute(
          """
          CREATE TRIGGER IF NOT EXISTS lose_certification
          BEFORE UPDATE ON rate_limit_bucket_replicated FOR EACH ROW
          IF (SELECT n FROM lose_certification) > 0 THEN
            UPDATE lose_certification SET n = n - 1;
            SIGNAL SQLSTATE '40001' SET MYSQL_ERRNO = 1213,
              MESSAGE_TEXT = 'Deadlock found when trying to get lock; try restarting transaction';
          END IF
          """);
    }
  }

  private static int conflictsLeft(TestDatabase database) throws SQLException {
    return (int) single(database, "SELECT n FROM lose_certification");
  }

  private static double tokens(TestDatabase database) throws SQLException {
    return single(database, "SELECT tokens FROM rate_limit_bucket_replicated WHERE key_id = 3");
  }

  private static long rows(TestDatabase database, String table) throws SQLException {
    return (long) single(database, "SELECT COUNT(*) FROM " + table);
  }

  private static double single(TestDatabase database, String query) throws SQLException {
    try (Connection c = database.connect();
        Statement statement = c.createStatement();
        ResultSet row = statement.executeQuery(query)) {
      row.next();
      return row.getDouble(1);
    }
  }
}
