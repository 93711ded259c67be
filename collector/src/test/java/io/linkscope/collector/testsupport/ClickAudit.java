package io.linkscope.collector.testsupport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What reached MariaDB compared with what a {@link ClickLoad} sent: redirected visits missing from
 * the click table (lost), markers stored more than once (duplicated), and stored markers that were
 * never sent (invented).
 *
 * @param stored how many rows each marker has in {@code click}
 */
public record ClickAudit(
    Set<String> sent,
    Set<String> redirected,
    Map<String, Integer> stored,
    Set<String> lost,
    Set<String> duplicated,
    Set<String> invented) {

  /** Compares the load's markers with the rows whose {@code utm_content} starts with its prefix. */
  public static ClickAudit of(ClickLoad load, TestDatabase database, String prefix)
      throws SQLException {
    Map<String, Integer> stored = storedMarkers(database, prefix);
    Set<String> lost = new HashSet<>(load.redirected());
    lost.removeAll(stored.keySet());
    Set<String> duplicated = new HashSet<>();
    stored.forEach(
        (marker, rows) -> {
          if (rows > 1) {
            duplicated.add(marker);
          }
        });
    Set<String> invented = new HashSet<>(stored.keySet());
    invented.removeAll(load.sent());
    return new ClickAudit(load.sent(), load.redirected(), stored, lost, duplicated, invented);
  }

  /** Rows per marker in the click table. */
  public static Map<String, Integer> storedMarkers(TestDatabase database, String prefix)
      throws SQLException {
    Map<String, Integer> stored = new HashMap<>();
    try (Connection c = database.connect();
        PreparedStatement select =
            c.prepareStatement(
                """
                SELECT utm_content, COUNT(*) FROM click
                WHERE utm_content LIKE CONCAT(?, '-%') GROUP BY utm_content
                """)) {
      select.setString(1, prefix);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          stored.put(rows.getString(1), rows.getInt(2));
        }
      }
    }
    return stored;
  }

  /** Redirected and also stored: the clicks the product promises to keep. */
  public long kept() {
    return redirected.stream().filter(stored::containsKey).count();
  }

  @Override
  public String toString() {
    return "sent %d, redirected %d, stored %d (of them redirected %d), lost %d, duplicated %d,"
            .formatted(
                sent.size(),
                redirected.size(),
                stored.size(),
                kept(),
                lost.size(),
                duplicated.size())
        + " invented %d".formatted(invented.size());
  }
}
