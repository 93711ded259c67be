package io.linkscope.collector.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A statement with its parameters, built before it runs so that tests can EXPLAIN exactly what a
 * feature reads, and the few ways the collector runs one: rows mapped to records, a count and one
 * page, an update, an insert returning its key, and a transaction around several.
 *
 * <p>Parameters follow the text they belong to ({@link Builder#append}) or are named in it ({@link
 * #named}), so no statement is bound by positional index. An {@link Instant} is bound as a
 * timestamp; everything else, {@code null} included, as the driver binds the object.
 */
public record Sql(String text, List<Object> params) {

  /** Reads one result row. */
  @FunctionalInterface
  public interface RowReader {
    void read(ResultSet row) throws SQLException;
  }

  /** Maps the current result row to a value, typically a record. */
  @FunctionalInterface
  public interface RowMapper<T> {
    T map(ResultSet row) throws SQLException;
  }

  /** Statements run on one connection; may throw a checked exception of its own. */
  @FunctionalInterface
  public interface Work<T, E extends Exception> {
    T run(Connection c) throws SQLException, E;
  }

  /** Statements run on one connection for their effect alone. */
  @FunctionalInterface
  public interface Step<E extends Exception> {
    void run(Connection c) throws SQLException, E;
  }

  /** One page of mapped rows and how many rows match in all. */
  public record Page<T>(List<T> items, long total) {}

  public Sql {
    // Not List.copyOf, which refuses nulls: a NULL parameter is a value like any other.
    params = Collections.unmodifiableList(new ArrayList<>(params));
  }

  /** A statement of {@code text} with {@code values} bound in order. */
  public static Sql of(String text, Object... values) {
    return new Builder().append(text, values).build();
  }

  /**
   * A statement whose parameters are named in its text, {@code :name}, each bound to the value of
   * that name in {@code values} (which may be null). For long column lists, where a value out of
   * place would go unnoticed. A colon inside a quoted string or name is text.
   *
   * @throws IllegalArgumentException when the text names a parameter that {@code values} lacks
   */
  public static Sql named(String text, Map<String, ?> values) {
    StringBuilder sql = new StringBuilder(text.length());
    List<Object> params = new ArrayList<>();
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (quote != 0) {
        sql.append(ch);
        if (ch == '\\' && i + 1 < text.length()) {
          sql.append(text.charAt(++i));
        } else if (ch == quote) {
          quote = 0;
        }
      } else if (ch == '\'' || ch == '"' || ch == '`') {
        quote = ch;
        sql.append(ch);
      } else if (ch == ':'
          && i + 1 < text.length()
          && Character.isJavaIdentifierStart(text.charAt(i + 1))
          && (i == 0 || text.charAt(i - 1) != ':')) {
        int end = i + 1;
        while (end < text.length() && Character.isJavaIdentifierPart(text.charAt(end))) {
          end++;
        }
        String name = text.substring(i + 1, end);
        if (!values.containsKey(name)) {
          throw new IllegalArgumentException("no value for :" + name + " in " + text);
        }
        params.add(values.get(name));
        sql.append('?');
        i = end - 1;
      } else {
        sql.append(ch);
      }
    }
    return new Sql(sql.toString(), params);
  }

  static String placeholders(int count) {
    return String.join(",", Collections.nCopies(count, "?"));
  }

  /**
   * Runs {@code work} on one connection in one transaction: commits when it returns, rolls back
   * when it throws anything, and gives the connection back to the pool in auto-commit mode.
   */
  public static <T, E extends Exception> T transaction(DataSource dataSource, Work<T, E> work)
      throws SQLException, E {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      T result;
      try {
        result = work.run(c);
        c.commit();
      } catch (Throwable e) {
        try {
          c.rollback();
        } catch (SQLException rollbackFailed) {
          e.addSuppressed(rollbackFailed);
        }
        restoreAutoCommit(c, e);
        throw e;
      }
      c.setAutoCommit(true);
      return result;
    }
  }

  /** Runs {@code step} in one transaction as {@link #transaction} does, for its effect alone. */
  public static <E extends Exception> void inTransaction(DataSource dataSource, Step<E> step)
      throws SQLException, E {
    transaction(
        dataSource,
        c -> {
          step.run(c);
          return Boolean.TRUE;
        });
  }

  /** Runs {@code work} on one pooled connection in auto-commit mode. */
  public static <T, E extends Exception> T withConnection(DataSource dataSource, Work<T, E> work)
      throws SQLException, E {
    try (Connection c = dataSource.getConnection()) {
      return work.run(c);
    }
  }

  private static void restoreAutoCommit(Connection c, Throwable failure) {
    try {
      c.setAutoCommit(true);
    } catch (SQLException e) {
      // A broken connection cannot be restored; the pool discards it, and the failure that broke
      // it is the one to report.
      failure.addSuppressed(e);
    }
  }

  /**
   * The rows of {@code select} (a statement from {@code FROM} on, without ORDER BY) counted, and
   * the {@code limit} rows from {@code offset} of them in {@code order}, mapped.
   *
   * @param columns the select list, e.g. {@code "id, slug"}
   */
  public static <T> Page<T> page(
      Connection c,
      String columns,
      Sql from,
      String order,
      int offset,
      int limit,
      RowMapper<T> mapper)
      throws SQLException {
    long total =
        new Builder()
            .append("SELECT COUNT(*) ")
            .append(from)
            .build()
            .one(c, row -> row.getLong(1))
            .orElseThrow();
    List<T> items =
        new Builder()
            .append("SELECT " + columns + " ")
            .append(from)
            .append(" ORDER BY " + order + " LIMIT ? OFFSET ?", limit, offset)
            .build()
            .list(c, mapper);
    return new Page<>(items, total);
  }

  public void forEachRow(Connection c, RowReader reader) throws SQLException {
    try (PreparedStatement s = prepare(c, "");
        ResultSet rows = s.executeQuery()) {
      while (rows.next()) {
        reader.read(rows);
      }
    }
  }

  public <T> List<T> list(Connection c, RowMapper<T> mapper) throws SQLException {
    List<T> items = new ArrayList<>();
    forEachRow(c, row -> items.add(mapper.map(row)));
    return items;
  }

  public <T> List<T> list(DataSource dataSource, RowMapper<T> mapper) throws SQLException {
    return withConnection(dataSource, c -> list(c, mapper));
  }

  /** The first row mapped, if there is one. */
  public <T> Optional<T> one(Connection c, RowMapper<T> mapper) throws SQLException {
    try (PreparedStatement s = prepare(c, "");
        ResultSet rows = s.executeQuery()) {
      return rows.next() ? Optional.of(mapper.map(rows)) : Optional.empty();
    }
  }

  public <T> Optional<T> one(DataSource dataSource, RowMapper<T> mapper) throws SQLException {
    return withConnection(dataSource, c -> one(c, mapper));
  }

  /** Whether the statement returns a row at all. */
  public boolean exists(Connection c) throws SQLException {
    return one(c, row -> true).isPresent();
  }

  /** Runs an INSERT, UPDATE or DELETE; returns the rows it changed. */
  public int update(Connection c) throws SQLException {
    try (PreparedStatement s = prepare(c, "")) {
      return s.executeUpdate();
    }
  }

  public int update(DataSource dataSource) throws SQLException {
    return withConnection(dataSource, this::update);
  }

  /** Runs an INSERT and returns the key MariaDB generated for its row. */
  public long insert(Connection c) throws SQLException {
    try (PreparedStatement s = prepare(c, "", Statement.RETURN_GENERATED_KEYS)) {
      s.executeUpdate();
      try (ResultSet keys = s.getGeneratedKeys()) {
        if (!keys.next()) {
          throw new SQLException("the insert generated no key: " + text);
        }
        return keys.getLong(1);
      }
    }
  }

  public long insert(DataSource dataSource) throws SQLException {
    return withConnection(dataSource, this::insert);
  }

  /** Runs {@code text} once per entry of {@code rows}, each the list of its parameters, batched. */
  public static void batch(Connection c, String text, List<List<Object>> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement s = c.prepareStatement(text)) {
      for (List<Object> row : rows) {
        bind(s, row);
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  /** A statement of {@code prefix} + this text with the parameters bound, e.g. "EXPLAIN ". */
  public PreparedStatement prepare(Connection c, String prefix) throws SQLException {
    return prepare(c, prefix, Statement.NO_GENERATED_KEYS);
  }

  private PreparedStatement prepare(Connection c, String prefix, int generatedKeys)
      throws SQLException {
    PreparedStatement s = c.prepareStatement(prefix + text, generatedKeys);
    try {
      bind(s, params);
      return s;
    } catch (SQLException e) {
      s.close();
      throw e;
    }
  }

  private static void bind(PreparedStatement s, List<Object> values) throws SQLException {
    for (int i = 0; i < values.size(); i++) {
      Object value = values.get(i);
      if (value instanceof Instant instant) {
        s.setTimestamp(i + 1, Timestamp.from(instant));
      } else {
        s.setObject(i + 1, value);
      }
    }
  }

  /** A NOT NULL TIMESTAMP column as an instant. */
  public static Instant instant(ResultSet row, String column) throws SQLException {
    Timestamp timestamp = row.getTimestamp(column);
    if (timestamp == null) {
      throw new SQLException("Column " + column + " is NULL, which its table does not allow");
    }
    return timestamp.toInstant();
  }

  /** A nullable TIMESTAMP column as an instant. */
  public static @Nullable Instant nullableInstant(ResultSet row, String column)
      throws SQLException {
    Timestamp timestamp = row.getTimestamp(column);
    return timestamp == null ? null : timestamp.toInstant();
  }

  /** A nullable BIGINT column. */
  public static @Nullable Long nullableLong(ResultSet row, String column) throws SQLException {
    long value = row.getLong(column);
    return row.wasNull() ? null : value;
  }

  /** A nullable DOUBLE column. */
  public static @Nullable Double nullableDouble(ResultSet row, String column) throws SQLException {
    double value = row.getDouble(column);
    return row.wasNull() ? null : value;
  }

  /** Collects the text and parameters of a statement as it is assembled. */
  public static final class Builder {
    private final StringBuilder text = new StringBuilder();
    private final List<Object> params = new ArrayList<>();

    public Builder append(String sql, Object... values) {
      text.append(sql);
      Collections.addAll(params, values);
      return this;
    }

    /** Appends a statement built elsewhere with its parameters. */
    public Builder append(Sql sql) {
      text.append(sql.text());
      params.addAll(sql.params());
      return this;
    }

    /** {@code IN (?, ...)}; an empty list (a tag no link has) matches nothing, as in set logic. */
    public Builder in(List<?> values) {
      if (values.isEmpty()) {
        // "IN ()" is a syntax error; an empty subquery keeps IN false and NOT IN true.
        text.append(" IN (SELECT NULL FROM DUAL WHERE FALSE)");
        return this;
      }
      text.append(" IN (").append(placeholders(values.size())).append(")");
      params.addAll(values);
      return this;
    }

    public Sql build() {
      return new Sql(text.toString(), params);
    }
  }
}
