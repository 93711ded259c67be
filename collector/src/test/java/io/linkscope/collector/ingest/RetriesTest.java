package io.linkscope.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.collector.ops.Metrics;
import io.linkscope.collector.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A transaction that loses a deadlock against another one (MariaDB error 1213, which a Galera
 * certification conflict reports too) is run again at once and counted as a conflict, not told as a
 * failure; its first attempt is rolled back, so its work is done exactly once.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class RetriesTest {

  @Test
  void runsATransactionThatLostADeadlockAgainAndCountsTheConflict() throws Exception {
    try (TestDatabase database = TestDatabase.create()) {
      try (Connection c = database.connect();
          Statement s = c.createStatement()) {
        s.execute("CREATE TABLE cell (id INT PRIMARY KEY, n INT NOT NULL)");
        s.execute("INSERT INTO cell VALUES (1, 0), (2, 0)");
        s.execute("CREATE TABLE bulk (id INT PRIMARY KEY)");
      }
      CountDownLatch firstHasCellOne = new CountDownLatch(1);
      CountDownLatch otherHasCellTwo = new CountDownLatch(1);
      AtomicInteger attempts = new AtomicInteger();
      List<SQLException> failures = new ArrayList<>();
      Metrics metrics = new Metrics();
      Metrics.Counter conflicts = Retries.conflicts(metrics);

      // The other transaction writes many rows first, so InnoDB picks the fold as the victim.
      CompletableFuture<Void> other =
          CompletableFuture.runAsync(
              () -> {
                try (Connection c = database.connect()) {
                  c.setAutoCommit(false);
                  try (Statement s = c.createStatement()) {
                    s.execute(
                        "INSERT INTO bulk SELECT seq FROM seq_1_to_2000"); // weight of the other
                    s.executeUpdate("UPDATE cell SET n = n + 1 WHERE id = 2");
                    otherHasCellTwo.countDown();
                    firstHasCellOne.await(10, TimeUnit.SECONDS);
                    s.executeUpdate("UPDATE cell SET n = n + 1 WHERE id = 1");
                  }
                  c.commit();
                } catch (SQLException | InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              });

      boolean done =
          Retries.untilDone(
              () -> {
                try (Connection c = database.connect()) {
                  c.setAutoCommit(false);
                  try (Statement s = c.createStatement()) {
                    if (attempts.incrementAndGet() == 1) {
                      otherHasCellTwo.await(10, TimeUnit.SECONDS);
                    }
                    s.executeUpdate("UPDATE cell SET n = n + 10 WHERE id = 1");
                    firstHasCellOne.countDown();
                    s.executeUpdate("UPDATE cell SET n = n + 10 WHERE id = 2");
                    c.commit();
                  } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                  } catch (SQLException e) {
                    c.rollback();
                    throw e;
                  }
                }
              },
              failures::add,
              () -> false,
              conflicts);
      other.get(30, TimeUnit.SECONDS);

      assertThat(done).isTrue();
      assertThat(attempts.get()).isEqualTo(2);
      assertThat(conflicts.value()).isEqualTo(1);
      assertThat(failures).isEmpty();
      try (Connection c = database.connect();
          Statement s = c.createStatement();
          ResultSet rows = s.executeQuery("SELECT n FROM cell ORDER BY id")) {
        List<Integer> cells = new ArrayList<>();
        while (rows.next()) {
          cells.add(rows.getInt(1));
        }
        assertThat(cells).as("each transaction's work once").containsExactly(11, 11);
      }
    }
  }

  @Test
  void tellsADeadlockFromOtherFailures() {
    assertThat(Retries.isConflict(new SQLException("Deadlock found", "40001", 1213))).isTrue();
    assertThat(
            Retries.isConflict(
                new SQLException(
                    "batch failed", "HY000", 0, new SQLException("WSREP", "40001", 1213))))
        .isTrue();
    assertThat(Retries.isConflict(new SQLException("Lock wait timeout", "HY000", 1205))).isFalse();
    assertThat(Retries.isConflict(new SQLException("Connection refused", "08000", 0))).isFalse();
  }
}
