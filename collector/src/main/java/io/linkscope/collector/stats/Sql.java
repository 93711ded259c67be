package io.linkscope.collector.stats;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A statement with its parameters, built before it runs so that tests can EXPLAIN exactly what the
 * statistics read.
 */
record Sql(String text, List<Object> params) {

  /** Reads one result row. */
  @FunctionalInterface
  interface RowReader {
    void read(ResultSet row) throws SQLException;
  }

  static String placeholders(int count) {
    return String.join(",", Collections.nCopies(count, "?"));
  }

  void forEachRow(Connection c, RowReader reader) throws SQLException {
    try (PreparedStatement s = prepare(c, "")) {
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          reader.read(rows);
        }
      }
    }
  }

  /** A statement of {@code prefix} + this text with the parameters bound, e.g. "EXPLAIN ". */
  PreparedStatement prepare(Connection c, String prefix) throws SQLException {
    PreparedStatement s = c.prepareStatement(prefix + text);
    try {
      for (int i = 0; i < params.size(); i++) {
        Object value = params.get(i);
        if (value instanceof Instant instant) {
          s.setTimestamp(i + 1, Timestamp.from(instant));
        } else {
          s.setObject(i + 1, value);
        }
      }
      return s;
    } catch (SQLException e) {
      s.close();
      throw e;
    }
  }

  /** Collects the text and parameters of a statement as it is assembled. */
  static final class Builder {
    private final StringBuilder text = new StringBuilder();
    private final List<Object> params = new ArrayList<>();

    Builder append(String sql, Object... values) {
      text.append(sql);
      Collections.addAll(params, values);
      return this;
    }

    /** {@code IN (?, ...)}; an empty list (a tag no link has) matches nothing, as in set logic. */
    Builder in(List<?> values) {
      if (values.isEmpty()) {
        // "IN ()" is a syntax error; an empty subquery keeps IN false and NOT IN true.
        text.append(" IN (SELECT NULL FROM DUAL WHERE FALSE)");
        return this;
      }
      text.append(" IN (").append(placeholders(values.size())).append(")");
      params.addAll(values);
      return this;
    }

    Sql build() {
      return new Sql(text.toString(), List.copyOf(params));
    }
  }
}
