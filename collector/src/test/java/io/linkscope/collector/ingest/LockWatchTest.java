package io.linkscope.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.collector.ops.Metrics;
import java.sql.BatchUpdateException;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How a failed pipeline transaction is reported, as the MariaDB driver and the pool raise them. */
class LockWatchTest {

  @ParameterizedTest
  @CsvSource(
      textBlock =
          """
          # exception,          SQL state, error code, reported as,             lock waits counted
          connection-closed,    08000,     0,          MariaDB unreachable,     0
          pool-timeout,         08001,     0,          MariaDB unreachable,     0
          batch-socket-error,   ,          0,          MariaDB unreachable,     0
          lock-wait-timeout,    HY000,     1205,       a lock wait timed out,   1
          deadlock,             40001,     1213,       a deadlock,              1
          data-too-long,        22001,     1406,       MariaDB error 1406,      0
          """)
  void tellsLockWaitsAndDeadlocksApartFromAnUnreachableDatabase(
      String kind, String state, int code, String reported, long counted) {
    SQLException failure =
        switch (kind) {
          case "connection-closed" ->
              new SQLNonTransientConnectionException("Socket error", state, code);
          // The driver's batch insert wraps the socket error it met.
          case "batch-socket-error" ->
              new BatchUpdateException(
                  new int[0],
                  new SQLNonTransientConnectionException("(conn=7) Socket error", "08000", 0));
          case "pool-timeout" ->
              new SQLTransientConnectionException("Connection is not available", state, code);
          case "deadlock" -> new SQLTransactionRollbackException("Deadlock found", state, code);
          case "data-too-long" -> new SQLDataException("Data too long", state, code);
          default -> new SQLException("Lock wait timeout exceeded", state, code);
        };
    Metrics metrics = new Metrics();
    // describe() only reads the failure; the lock tables are read by check(), not used here.
    LockWatch watch = new LockWatch(null, metrics);

    assertThat(watch.describe(failure)).startsWith(reported);
    assertThat(metrics.value("linkscope_pipeline_lock_waits_total")).isEqualTo(counted);
  }
}
