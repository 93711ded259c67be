package io.linkscope.collector.app;

import io.linkscope.collector.db.Database;
import io.linkscope.collector.db.EmbeddedMariaDb;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the data lives: shared by the server and the management commands. */
final class DatabaseOptions {
  @Option(
      names = "--config",
      description = "A properties file with option defaults (key = option name without dashes).")
  Path config;

  @Option(
      names = "--data-dir",
      description = "Journal, embedded database and collector id. Default: ${DEFAULT-VALUE}.",
      defaultValue = "${sys:user.home}/.local/share/linkscope")
  Path dataDir;

  @Option(
      names = "--db-url",
      description =
          "JDBC URL of an external MariaDB, e.g. jdbc:mariadb://db:3306/linkscope."
              + " Without it the collector runs its embedded MariaDB in the data directory.")
  String dbUrl;

  @Option(names = "--db-user", defaultValue = "root", description = "Default: ${DEFAULT-VALUE}.")
  String dbUser;

  @Option(names = "--db-password", defaultValue = "", description = "Default: empty.")
  String dbPassword;

  /** An open database for a management command, starting the embedded server if needed. */
  record Opened(Database database, AutoCloseable embedded) implements AutoCloseable {
    @Override
    public void close() throws Exception {
      database.close();
      if (embedded != null) {
        embedded.close();
      }
    }
  }

  Opened open() {
    if (dbUrl != null && !dbUrl.isBlank()) {
      return new Opened(Database.open(dbUrl, dbUser, dbPassword, 2), null);
    }
    EmbeddedMariaDb embedded = EmbeddedMariaDb.start(dataDir.resolve("mariadb"), "linkscope");
    return new Opened(
        Database.open(embedded.jdbcUrl(), embedded.user(), embedded.password(), 2), embedded);
  }
}
