package io.linkscope.collector.app;

import io.linkscope.collector.db.Database;
import io.linkscope.collector.db.EmbeddedMariaDb;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** Where the data lives: shared by the server and the management commands. */
final class DatabaseOptions {
  @Option(
      names = "--config",
      description = "A properties file with option defaults (key = option name without dashes).")
  @Nullable Path config;

  @Option(
      names = "--data-dir",
      description =
          "Journal, embedded database and collector id. Default: $XDG_DATA_HOME/linkscope, else"
              + " $HOME/.local/share/linkscope.")
  @Nullable Path dataDir;

  @Option(
      names = "--db-url",
      description =
          "JDBC URL of an external MariaDB, e.g. jdbc:mariadb://db:3306/linkscope."
              + " Without it the collector runs its embedded MariaDB in the data directory.")
  @Nullable String dbUrl;

  @Option(names = "--db-user", defaultValue = "root", description = "Default: ${DEFAULT-VALUE}.")
  String dbUser;

  @Option(names = "--db-password", defaultValue = "", description = "Default: empty.")
  String dbPassword;

  /** An open database for a management command, starting the embedded server if needed. */
  record Opened(Database database, @Nullable EmbeddedMariaDb embedded) implements AutoCloseable {
    @Override
    public void close() {
      database.close();
      if (embedded != null) {
        embedded.close();
      }
    }
  }

  /** The data directory given, else the default for this user. */
  Path dataDir() {
    return dataDir != null
        ? dataDir
        : defaultDataDir(System.getenv(), System.getProperty("user.home"));
  }

  /**
   * Where a user's programs keep their data (XDG Base Directory): {@code $XDG_DATA_HOME}, else
   * {@code $HOME/.local/share}. Java's {@code user.home} comes from the password database and
   * ignores {@code $HOME}; it is only the last resort. A relative path is no valid value of either
   * variable and is ignored, as the specification asks.
   */
  static Path defaultDataDir(Map<String, String> environment, String userHome) {
    String dataHome = environment.get("XDG_DATA_HOME");
    if (dataHome != null && isAbsolute(dataHome)) {
      return Path.of(dataHome, "linkscope");
    }
    String home = environment.get("HOME");
    return Path.of(
        home != null && isAbsolute(home) ? home : userHome, ".local", "share", "linkscope");
  }

  private static boolean isAbsolute(String path) {
    return !path.isBlank() && Path.of(path).isAbsolute();
  }

  /**
   * The database in words, for messages: the URL of an external one without its parameters (they
   * may hold a password), else the data directory.
   */
  String describe() {
    return dbUrl != null && !dbUrl.isBlank()
        ? dbUrl.replaceFirst("\\?.*", "")
        : "the embedded database in " + dataDir().resolve("mariadb");
  }

  Opened open() {
    if (dbUrl != null && !dbUrl.isBlank()) {
      return new Opened(Database.open(dbUrl, dbUser, dbPassword, 2), null);
    }
    EmbeddedMariaDb embedded = EmbeddedMariaDb.start(dataDir().resolve("mariadb"), "linkscope");
    return new Opened(
        Database.open(embedded.jdbcUrl(), embedded.user(), embedded.password(), 2), embedded);
  }
}
