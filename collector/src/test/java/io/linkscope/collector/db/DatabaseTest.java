package io.linkscope.collector.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkscope.collector.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The pool's sessions against a real MariaDB, and which failed statements are the database being
 * unavailable and which are not.
 */
class DatabaseTest {
  private static final String INSERT =
      "INSERT INTO journal_checkpoint (collector_id, segment, segment_offset, updated_at)"
          + " VALUES ('left-open', 0, 0, NOW())";

  @Test
  void mariaDbEndsASessionLeftIdleInsideATransactionAndFreesItsLocks() throws Exception {
    try (TestDatabase test = TestDatabase.create();
        Database database =
            Database.open(test.url(), test.user(), test.password(), 2, Duration.ofSeconds(2));
        Connection abandoned = database.connection();
        Connection other = test.connect();
        Statement waiting = other.createStatement()) {
      abandoned.setAutoCommit(false);
      try (Statement s = abandoned.createStatement()) {
        s.executeUpdate(INSERT);
      }
      // The abandoned transaction holds the key; the other session waits on it, not for long.
      waiting.execute("SET SESSION innodb_lock_wait_timeout = 30");
      long started = System.nanoTime();
      waiting.executeUpdate(INSERT);
      Duration waited = Duration.ofNanos(System.nanoTime() - started);

      assertThat(waited).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(5));
      assertThatThrownBy(
              () -> {
                try (Statement s = abandoned.createStatement()) {
                  s.executeQuery("SELECT 1");
                }
              })
          .as("the server ended the idle session")
          .isInstanceOf(SQLException.class);
    }
  }

  @Test
  void leavesTheServersIdleTransactionSettingWhenTheTimeoutIsZero() throws SQLException {
    try (TestDatabase test = TestDatabase.create();
        Database database =
            Database.open(test.url(), test.user(), test.password(), 2, Duration.ZERO);
        Connection c = database.connection();
        Statement s = c.createStatement();
        var row = s.executeQuery("SELECT @@session.idle_transaction_timeout")) {
      row.next();
      assertThat(row.getLong(1)).isZero();
    }
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          CREATE TABLE t (d DATETIME) ; INSERT INTO t VALUES ('10000-01-01 00:00:00') | BAD_VALUE
          CREATE TABLE t (n INT) ; INSERT INTO t VALUES (99999999999)                 | BAD_VALUE
          CREATE TABLE t (s VARCHAR(2)) ; INSERT INTO t VALUES ('abc')                | BAD_VALUE
          CREATE TABLE t (n INT PRIMARY KEY) ; INSERT INTO t VALUES (1), (1)          | BAD_VALUE
          CREATE TABLE t (s VARCHAR(9) CHARACTER SET ascii) ; SELECT * FROM t WHERE s = 'café' | BUG
          SELECT * FROM t WHERE n IN ()                                               | BUG
          SELECT * FROM no_such_table                                                 | BUG
          """)
  void classifiesWhatTheServerRefusesAsTheRequestsOrABug(
      String statements, Database.Failure expected) throws Exception {
    try (TestDatabase database = TestDatabase.create();
        Connection connection = database.connect();
        Statement statement = connection.createStatement()) {
      SQLException failure = null;
      for (String sql : statements.split(";")) {
        try {
          statement.execute(sql.strip());
        } catch (SQLException e) {
          failure = e;
          break;
        }
      }
      assertThat((Throwable) failure).isNotNull();
      assertThat(Database.classify(failure)).isEqualTo(expected);
    }
  }

  @Test
  void classifiesALostConnectionAsUnavailable() throws Exception {
    try (TestDatabase database = TestDatabase.create();
        Connection victim = database.connect();
        Connection killer = database.connect()) {
      long id;
      try (Statement statement = victim.createStatement();
          var row = statement.executeQuery("SELECT CONNECTION_ID()")) {
        row.next();
        id = row.getLong(1);
      }
      try (Statement statement = killer.createStatement()) {
        statement.execute("KILL " + id);
      }
      SQLException failure = null;
      try (Statement statement = victim.createStatement()) {
        statement.executeQuery("SELECT 1");
      } catch (SQLException e) {
        failure = e;
      }
      assertThat((Throwable) failure).isNotNull();
      assertThat(Database.classify(failure)).isEqualTo(Database.Failure.UNAVAILABLE);
    }
  }
}
