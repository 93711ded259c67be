package io.linkscope.collector.app;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Server-wide secrets kept in MariaDB, so that every collector sharing a database hashes IPs the
 * same way. Created on first use.
 */
final class Secrets {
  private Secrets() {}

  static byte[] ipHashKey(DataSource dataSource) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      byte[] fresh = new byte[32];
      new SecureRandom().nextBytes(fresh);
      try (PreparedStatement insert =
          c.prepareStatement(
              "INSERT IGNORE INTO server_secret (name, value, created_at) VALUES ('ip-hash', ?, ?)")) {
        insert.setBytes(1, fresh);
        insert.setTimestamp(2, Timestamp.from(Instant.now()));
        insert.executeUpdate();
      }
      try (PreparedStatement select =
              c.prepareStatement("SELECT value FROM server_secret WHERE name = 'ip-hash'");
          ResultSet row = select.executeQuery()) {
        row.next();
        return row.getBytes(1);
      }
    }
  }
}
