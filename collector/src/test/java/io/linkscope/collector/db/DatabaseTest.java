package io.linkscope.collector.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkscope.collector.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The pool's sessions against a real MariaDB. */
class DatabaseTest {
  private static final String INSERT =
      "INSERT INTO journal_checkpoint (collector_id, segment, segment_offset, updated_at)"
          + " VALUES ('left-open', 0, 0, NOW())";

  @Test
  void mariaDbEndsASessionLeftIdleInsideATransactionAndFreesItsLocks() throws Exception {
    try (TestDatabase test = TestDatabase.create();
        Database database = Database.open(test.url(), test.user(), "", 2, Duration.ofSeconds(2));
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
        Database database = Database.open(test.url(), test.user(), "", 2, Duration.ZERO);
        Connection c = database.connection();
        Statement s = c.createStatement();
        var row = s.executeQuery("SELECT @@session.idle_transaction_timeout")) {
      row.next();
      assertThat(row.getLong(1)).isZero();
    }
  }
}
