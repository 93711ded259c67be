package io.linkscope.collector.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.collector.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which failed statements are the database being unavailable, and which are not. */
class DatabaseTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          CREATE TABLE t (d DATETIME) ; INSERT INTO t VALUES ('10000-01-01 00:00:00') | BAD_VALUE
          CREATE TABLE t (n INT) ; INSERT INTO t VALUES (99999999999)                 | BAD_VALUE
          CREATE TABLE t (s VARCHAR(2)) ; INSERT INTO t VALUES ('abc')                | BAD_VALUE
          CREATE TABLE t (n INT PRIMARY KEY) ; INSERT INTO t VALUES (1), (1)          | BAD_VALUE
          CREATE TABLE t (s VARCHAR(9) CHARACTER SET ascii) ; SELECT * FROM t WHERE s = 'café' | BUG
          SELECT * FROM t WHERE n IN ()                                               | BUG
          SELECT * FROM no_such_table                                                 | BUG
          """)
  void classifiesWhatTheServerRefusesAsTheRequestsOrABug(
      String statements, Database.Failure expected) throws Exception {
    try (TestDatabase database = TestDatabase.create();
        Connection connection = database.connect();
        Statement statement = connection.createStatement()) {
      SQLException failure = null;
      for (String sql : statements.split(";")) {
        try {
          statement.execute(sql.strip());
        } catch (SQLException e) {
          failure = e;
          break;
        }
      }
      assertThat((Throwable) failure).isNotNull();
      assertThat(Database.classify(failure)).isEqualTo(expected);
    }
  }

  @Test
  void classifiesALostConnectionAsUnavailable() throws Exception {
    try (TestDatabase database = TestDatabase.create();
        Connection victim = database.connect();
        Connection killer = database.connect()) {
      long id;
      try (Statement statement = victim.createStatement();
          var row = statement.executeQuery("SELECT CONNECTION_ID()")) {
        row.next();
        id = row.getLong(1);
      }
      try (Statement statement = killer.createStatement()) {
        statement.execute("KILL " + id);
      }
      SQLException failure = null;
      try (Statement statement = victim.createStatement()) {
        statement.executeQuery("SELECT 1");
      } catch (SQLException e) {
        failure = e;
      }
      assertThat((Throwable) failure).isNotNull();
      assertThat(Database.classify(failure)).isEqualTo(Database.Failure.UNAVAILABLE);
    }
  }
}
