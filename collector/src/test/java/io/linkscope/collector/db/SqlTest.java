package io.linkscope.collector.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkscope.collector.testsupport.TestDatabase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The statement helper against a real MariaDB: transactions, pages, inserts and row mapping. */
class SqlTest {
  private static TestDatabase test;
  private static Database database;

  record Note(long id, String body, Instant at) {}

  @BeforeAll
  static void open() {
    test = TestDatabase.create();
    database = Database.open(test.url(), test.user(), test.password(), 1);
  }

  @AfterAll
  static void close() {
    database.close();
    test.close();
  }

  private Unpooled unpooled;

  @AfterEach
  void closeConnection() throws SQLException {
    unpooled.close();
  }

  @BeforeEach
  void emptyTable() throws SQLException {
    unpooled = new Unpooled();
    try (Connection c = database.connection();
        Statement s = c.createStatement()) {
      s.execute(
          """
          CREATE TABLE IF NOT EXISTS note (id BIGINT AUTO_INCREMENT PRIMARY KEY,
            body VARCHAR(20) NOT NULL UNIQUE, at TIMESTAMP NULL)
          """);
      s.execute("DELETE FROM note");
    }
  }

  @Test
  void commitsTheWorkOfATransactionWhenItReturns() throws SQLException {
    long id =
        Sql.transaction(
            unpooled.dataSource(),
            c -> {
              Sql.of("INSERT INTO note (body) VALUES (?)", "first").insert(c);
              return Sql.of("INSERT INTO note (body) VALUES (?)", "second").insert(c);
            });

    assertThat(bodies()).containsExactly("first", "second");
    assertThat(id).isPositive();
    assertThat(unpooled.connection.getAutoCommit()).as("back in auto-commit").isTrue();
  }

  @Test
  void rollsBackEveryStatementOfATransactionWhenItThrowsAnSqlException() throws SQLException {
    // Without the rollback, restoring auto-commit would commit what the work wrote.
    assertThatThrownBy(
            () ->
                Sql.transaction(
                    unpooled.dataSource(),
                    c -> {
                      Sql.of("INSERT INTO note (body) VALUES (?)", "kept?").update(c);
                      return Sql.of("INSERT INTO note (body) VALUES (?)", "kept?").update(c);
                    }))
        .isInstanceOf(SQLIntegrityConstraintViolationException.class);

    assertThat(bodies()).isEmpty();
    assertThat(unpooled.connection.getAutoCommit()).as("back in auto-commit").isTrue();
  }

  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
  }

  @Test
  void rollsBackATransactionOnACheckedExceptionOfTheWorkAndPassesItOn() throws SQLException {
    // Without the rollback, restoring auto-commit would commit what the work wrote.
    assertThatThrownBy(
            () ->
                Sql.<Void, Refused>transaction(
                    unpooled.dataSource(),
                    c -> {
                      Sql.of("INSERT INTO note (body) VALUES (?)", "refused").update(c);
                      throw new Refused();
                    }))
        .isInstanceOf(Refused.class);

    assertThat(bodies()).isEmpty();
    assertThat(unpooled.connection.getAutoCommit()).as("back in auto-commit").isTrue();
  }

  @Test
  void rollsBackATransactionOnARuntimeException() throws SQLException {
    assertThatThrownBy(
            () ->
                Sql.transaction(
                    unpooled.dataSource(),
                    c -> {
                      Sql.of("INSERT INTO note (body) VALUES (?)", "unchecked").update(c);
                      throw new IllegalStateException("broken invariant");
                    }))
        .isInstanceOf(IllegalStateException.class);

    assertThat(bodies()).isEmpty();
    assertThat(unpooled.connection.getAutoCommit()).as("back in auto-commit").isTrue();
  }

  @ParameterizedTest(name = "offset {0}, limit {1} of 7 notes")
  @CsvSource(
      textBlock =
          """
          # offset, limit, bodies of the page
          0,        3,     n0 n1 n2
          3,        3,     n3 n4 n5
          6,        3,     n6
          7,        3,     ''
          2,        0,     ''
          """)
  void countsEveryMatchingRowAndReturnsTheRequestedPage(int offset, int limit, String expected)
      throws SQLException {
    for (int i = 0; i < 7; i++) {
      Sql.of("INSERT INTO note (body) VALUES (?)", "n" + i).update(database.dataSource());
    }
    Sql.of("INSERT INTO note (body) VALUES (?)", "other").update(database.dataSource());

    Sql.Page<String> page;
    try (Connection c = database.connection()) {
      page =
          Sql.page(
              c,
              "body",
              Sql.of("FROM note WHERE body LIKE ?", "n%"),
              "body",
              offset,
              limit,
              row -> row.getString("body"));
    }

    assertThat(page.total()).isEqualTo(7);
    assertThat(page.items())
        .containsExactlyElementsOf(expected.isEmpty() ? List.of() : List.of(expected.split(" ")));
  }

  @Test
  void mapsRowsToRecordsWithInstantsAndNullsBoundAndReadBack() throws SQLException {
    Instant at = Instant.parse("2026-03-01T12:34:56Z");
    long dated =
        Sql.of("INSERT INTO note (body, at) VALUES (?, ?)", "dated", at)
            .insert(database.dataSource());
    long undated =
        Sql.of("INSERT INTO note (body, at) VALUES (?, ?)", "undated", null)
            .insert(database.dataSource());

    List<Note> notes =
        Sql.of("SELECT id, body, at FROM note ORDER BY id")
            .list(
                database.dataSource(),
                row ->
                    new Note(
                        row.getLong("id"), row.getString("body"), Sql.nullableInstant(row, "at")));

    assertThat(notes)
        .containsExactly(new Note(dated, "dated", at), new Note(undated, "undated", null));
    // A column read as one that is never NULL, but is: a clear error, not a null passed on.
    assertThatThrownBy(
            () ->
                Sql.of("SELECT at FROM note WHERE id = ?", undated)
                    .one(database.dataSource(), row -> Sql.instant(row, "at")))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("Column at is NULL");
    assertThat(
            Sql.of("SELECT body FROM note WHERE id = ?", undated + 1)
                .one(database.dataSource(), row -> row.getString(1)))
        .isEmpty();
  }

  @Test
  void appendsInListsAndMatchesNothingForAnEmptyOne() throws SQLException {
    for (String body : List.of("a", "b", "c")) {
      Sql.of("INSERT INTO note (body) VALUES (?)", body).update(database.dataSource());
    }

    assertThat(selectIn(List.of("a", "c"))).containsExactly("a", "c");
    assertThat(selectIn(List.of())).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          # named text                                      | statement sent                               | parameters
          INSERT INTO note (body, at) VALUES (:body, :at)   | INSERT INTO note (body, at) VALUES (?, ?)    | body at
          SELECT ':body', `a:b` FROM note WHERE body = :body | SELECT ':body', `a:b` FROM note WHERE body = ? | body
          SELECT 'it\\'s :at' FROM note WHERE at = :at      | SELECT 'it\\'s :at' FROM note WHERE at = ?      | at
          SELECT :body, :body                                | SELECT ?, ?                                  | body body
          """)
  void bindsNamedParametersOutsideQuotedText(String named, String sent, String parameters) {
    Map<String, Object> values = new HashMap<>();
    values.put("body", "text");
    values.put("at", null);

    Sql sql = Sql.named(named, values);

    assertThat(sql.text()).isEqualTo(sent);
    assertThat(sql.params())
        .containsExactlyElementsOf(Arrays.stream(parameters.split(" ")).map(values::get).toList());
  }

  @Test
  void refusesANamedParameterWithoutAValue() {
    assertThatThrownBy(() -> Sql.named("SELECT :missing", Map.of("other", 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(":missing");
  }

  @Test
  void storesAndReadsBackARowInsertedWithNamedParameters() throws SQLException {
    Instant at = Instant.parse("2026-03-01T00:00:00Z");
    long id =
        Sql.named(
                "INSERT INTO note (body, at) VALUES (:body, :at)",
                Map.of("body", "named", "at", at))
            .insert(database.dataSource());

    assertThat(
            Sql.of("SELECT id, body, at FROM note WHERE id = ?", id)
                .one(
                    database.dataSource(),
                    row ->
                        new Note(row.getLong("id"), row.getString("body"), Sql.instant(row, "at"))))
        .contains(new Note(id, "named", at));
  }

  private static List<String> selectIn(List<String> bodies) throws SQLException {
    return new Sql.Builder()
        .append("SELECT body FROM note WHERE body")
        .in(bodies)
        .append(" ORDER BY body")
        .build()
        .list(database.dataSource(), row -> row.getString(1));
  }

  private static List<String> bodies() throws SQLException {
    return Sql.of("SELECT body FROM note ORDER BY id")
        .list(database.dataSource(), row -> row.getString(1));
  }

  /**
   * One connection handed out again and again and never closed by the code under test: no pool
   * rolls back or resets it behind the helper's back, so a test sees the state the helper left.
   */
  static final class Unpooled implements AutoCloseable {
    final Connection connection;

    Unpooled() throws SQLException {
      connection = test.connect();
    }

    DataSource dataSource() {
      Connection unclosable =
          proxy(
              Connection.class,
              (method, args) ->
                  method.getName().equals("close") ? null : method.invoke(connection, args));
      return proxy(
          DataSource.class,
          (method, args) -> {
            if (!method.getName().equals("getConnection")) {
              throw new UnsupportedOperationException(method.getName());
            }
            return unclosable;
          });
    }

    @Override
    public void close() throws SQLException {
      connection.close();
    }
  }

  /** A call of a proxied interface, rethrowing what the real method threw. */
  @FunctionalInterface
  interface Call {
    Object invoke(Method method, Object[] args) throws Exception;
  }

  private static <T> T proxy(Class<T> type, Call call) {
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> {
              try {
                return call.invoke(method, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            }));
  }
}
