package io.linkscope.collector.testsupport;

import io.linkscope.collector.db.EmbeddedMariaDb;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh, empty MariaDB database for one test class. Uses the server named by {@code
 * LINKSCOPE_TEST_DB_URL} (CI: {@code jdbc:mariadb://127.0.0.1:3306/}), else a local server at
 * 127.0.0.1:3306 if one answers (both as root without a password), else an embedded MariaDB started
 * once per test JVM, with the account it generates.
 */
public final class TestDatabase implements AutoCloseable {
  private static String serverUrl;
  private static String serverUser = "root";
  private static String serverPassword = "";
  private static EmbeddedMariaDb embedded;

  private final String name;
  private final String url;

  private TestDatabase(String name, String url) {
    this.name = name;
    this.url = url;
  }

  public static TestDatabase create() {
    String server = server();
    String name = "ls_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = connect(server);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create the test database on " + server, e);
    }
    return new TestDatabase(name, server + name);
  }

  private static synchronized String server() {
    if (serverUrl != null) {
      return serverUrl;
    }
    String configured = System.getenv("LINKSCOPE_TEST_DB_URL");
    if (configured != null && !configured.isBlank()) {
      serverUrl = configured.endsWith("/") ? configured : configured + "/";
      return serverUrl;
    }
    String local = "jdbc:mariadb://127.0.0.1:3306/";
    try (Connection c =
        DriverManager.getConnection(local + "?sslMode=disable&connectTimeout=1000", "root", "")) {
      serverUrl = local;
      return serverUrl;
    } catch (SQLException notRunning) {
      embedded =
          EmbeddedMariaDb.start(Path.of("target", "embedded-mariadb").toAbsolutePath(), "test");
      Runtime.getRuntime().addShutdownHook(new Thread(embedded::close));
      serverUser = embedded.user();
      serverPassword = embedded.password();
      String url = embedded.jdbcUrl();
      serverUrl = url.substring(0, url.lastIndexOf('/') + 1);
      return serverUrl;
    }
  }

  public String url() {
    return url;
  }

  public String name() {
    return name;
  }

  public String user() {
    return serverUser;
  }

  public String password() {
    return serverPassword;
  }

  /**
   * The server's account as the collector's environment names it, for a collector in a child JVM.
   */
  public static Map<String, String> environment() {
    return Map.of("LINKSCOPE_DB_USER", serverUser, "LINKSCOPE_DB_PASSWORD", serverPassword);
  }

  /** A plain JDBC connection to this database, for assertions. */
  public Connection connect() throws SQLException {
    return connect(url);
  }

  private static Connection connect(String url) throws SQLException {
    return DriverManager.getConnection(url + "?sslMode=disable", serverUser, serverPassword);
  }

  @Override
  public void close() {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS `" + name + "`");
    } catch (SQLException e) {
      // A database left behind by a failed test is harmless; names are random.
    }
  }
}
