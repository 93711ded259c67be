package io.linkscope.collector.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** The collector's MariaDB connection pool, migrated to the current schema on start. */
public final class Database implements AutoCloseable {
  /**
   * How long MariaDB lets a session of ours sit idle inside an open transaction before it ends the
   * session and rolls the transaction back. A collector that dies without closing its connections
   * (power loss, kernel panic, partition) leaves its open batch holding row locks that every
   * restarted or other collector waits on; the server would otherwise keep it for {@code
   * wait_timeout} (8 hours by default). Our own transactions send their statements back to back, so
   * they are never idle for more than milliseconds.
   */
  public static final Duration DEFAULT_IDLE_TRANSACTION_TIMEOUT = Duration.ofSeconds(10);

  private final HikariDataSource dataSource;

  private Database(HikariDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Opens a pool to {@code jdbcUrl} and applies the versioned migrations in {@code db/migration}.
   *
   * @param poolSize connections in the pool; the click pipeline needs one, the API the rest
   */
  public static Database open(String jdbcUrl, String user, String password, int poolSize) {
    return open(jdbcUrl, user, password, poolSize, DEFAULT_IDLE_TRANSACTION_TIMEOUT);
  }

  /**
   * Opens a pool whose sessions MariaDB ends once idle inside a transaction for {@code
   * idleTransactionTimeout} (whole seconds; zero leaves the server's setting).
   */
  public static Database open(
      String jdbcUrl, String user, String password, int poolSize, Duration idleTransactionTimeout) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(withDefaults(jdbcUrl));
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(poolSize);
    config.setMinimumIdle(Math.min(2, poolSize));
    config.setPoolName("linkscope");
    // Fail fast so the click pipeline can keep retrying on its own schedule during an outage.
    config.setConnectionTimeout(2_000);
    config.setValidationTimeout(1_000);
    config.setInitializationFailTimeout(30_000);
    if (idleTransactionTimeout.toSeconds() > 0) {
      config.setConnectionInitSql(
          "SET SESSION idle_transaction_timeout = " + idleTransactionTimeout.toSeconds());
    }
    HikariDataSource dataSource = new HikariDataSource(config);
    try {
      Flyway.configure()
          .dataSource(dataSource)
          .locations("classpath:db/migration")
          .load()
          .migrate();
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
    return new Database(dataSource);
  }

  /**
   * Opens a pool for reads only (a replica, another node of a cluster), without migrating: the main
   * database's pool migrates the schema, which reaches the replica by replication.
   */
  public static Database openReads(String jdbcUrl, String user, String password, int poolSize) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(withDefaults(jdbcUrl));
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(poolSize);
    config.setMinimumIdle(1);
    config.setPoolName("linkscope-reads");
    config.setReadOnly(true);
    config.setConnectionTimeout(2_000);
    config.setValidationTimeout(1_000);
    // A replica that is down at start must not stop the collector: statistics answer 503 until it
    // is back, redirects and writes are not concerned.
    config.setInitializationFailTimeout(-1);
    return new Database(new HikariDataSource(config));
  }

  /**
   * Adds the connection options the collector relies on unless the URL already sets them: no TLS
   * against a plain local server, and UTC timestamps. (Batched inserts already use the driver's
   * bulk protocol by default.)
   */
  static String withDefaults(String jdbcUrl) {
    StringBuilder url = new StringBuilder(jdbcUrl);
    char separator = jdbcUrl.contains("?") ? '&' : '?';
    for (String option : new String[] {"sslMode=disable", "connectionTimeZone=UTC"}) {
      String key = option.substring(0, option.indexOf('='));
      if (!jdbcUrl.contains(key + "=")) {
        url.append(separator).append(option);
        separator = '&';
      }
    }
    return url.toString();
  }

  /** What a failed statement means for the request that ran it. */
  public enum Failure {
    /** The connection was lost or refused, or the server gave up for now: try again later. */
    UNAVAILABLE,
    /** The server refused a value (out of range, too long, missing reference): the request's. */
    BAD_VALUE,
    /** Anything else, such as a syntax or collation error: a bug in the collector. */
    BUG
  }

  /**
   * Classifies a failure by its SQLSTATE class: 08 is a connection, 22 a data and 23 an integrity
   * error; the driver reports pool timeouts, lock waits and deadlocks as transient.
   */
  public static Failure classify(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    if (e instanceof SQLTransientException || isConnectionLoss(e)) {
      return Failure.UNAVAILABLE;
    }
    if (e instanceof SQLDataException
        || e instanceof SQLIntegrityConstraintViolationException
        || state.startsWith("22")
        || state.startsWith("23")) {
      return Failure.BAD_VALUE;
    }
    return Failure.BUG;
  }

  /**
   * Whether {@code e} says the transaction lost a conflict with another one and was rolled back (a
   * deadlock, or a Galera certification failure, which MariaDB reports the same way): error 1213 or
   * SQLSTATE 40001, also when the driver wraps it. Such a statement can simply be run again.
   */
  public static boolean isConflict(Throwable e) {
    Throwable cause = e;
    for (int depth = 0; cause != null && depth < 10; depth++, cause = cause.getCause()) {
      if (cause instanceof SQLException sql
          && (sql.getErrorCode() == 1213 || "40001".equals(sql.getSQLState()))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code e}, or an exception it wraps, says the connection to MariaDB was lost or could
   * not be made, rather than that MariaDB answered with an error. The driver reports a socket error
   * inside a batch as a plain {@link SQLException} caused by the connection exception, so the
   * causes are read too.
   */
  public static boolean isConnectionLoss(Throwable e) {
    Throwable cause = e;
    for (int depth = 0; cause != null && depth < 10; depth++, cause = cause.getCause()) {
      if (cause instanceof SQLTransientConnectionException
          || cause instanceof SQLNonTransientConnectionException
          || cause instanceof SQLRecoverableException) {
        return true;
      }
      if (cause instanceof SQLException sql
          && sql.getSQLState() != null
          && sql.getSQLState().startsWith("08")) {
        return true;
      }
    }
    return false;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public Connection connection() throws SQLException {
    return dataSource.getConnection();
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
