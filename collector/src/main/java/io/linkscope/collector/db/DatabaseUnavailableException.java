package io.linkscope.collector.db;

import java.sql.SQLException;

/** MariaDB could not answer a request that needs it; the API reports 503 and the cause. */
public final class DatabaseUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DatabaseUnavailableException(SQLException cause) {
    super("The database is unavailable: " + cause.getMessage(), cause);
  }
}
