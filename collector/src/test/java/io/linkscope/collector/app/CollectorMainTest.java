package io.linkscope.collector.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.collector.testsupport.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The management commands against a real database, with options from a config file. */
class CollectorMainTest {
  @TempDir static Path directory;
  static TestDatabase database;
  static Path config;

  @BeforeAll
  static void setUp() throws Exception {
    database = TestDatabase.create();
    config = directory.resolve("collector.properties");
    Files.writeString(
        config,
        "db-url="
            + database.url()
            + "\ndb-user="
            + database.user()
            + "\ndb-password="
            + database.password()
            + "\ndata-dir="
            + directory
            + "\n");
  }

  @AfterAll
  static void tearDown() {
    database.close();
  }

  record Run(int exitCode, String out, String err) {}

  static Run run(String... args) {
    CommandLine commandLine = CollectorMain.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exit = commandLine.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void createsWorkspacesAndKeysFromTheCommandLine() {
    Run created =
        run(
            "workspace",
            "create",
            "--config",
            config.toString(),
            "--slug",
            "acme",
            "--name",
            "Acme Inc.");
    assertThat(created.exitCode()).as(created.err()).isZero();
    assertThat(created.out()).contains("Workspace acme").containsPattern("lsk_[A-Za-z0-9]{32}");

    Run key =
        run(
            "key",
            "create",
            "--config",
            config.toString(),
            "--workspace",
            "acme",
            "--role",
            "viewer");
    assertThat(key.exitCode()).as(key.err()).isZero();
    assertThat(key.out()).contains("viewer").containsPattern("lsk_[A-Za-z0-9]{32}");

    Run list = run("workspace", "list", "--config", config.toString());
    assertThat(list.out()).contains("acme\tAcme Inc.");
  }

  @Test
  void refusesBadInputWithAMessageAndANonZeroExit() {
    assertThat(
            run(
                    "workspace",
                    "create",
                    "--config",
                    config.toString(),
                    "--slug",
                    "Bad Slug",
                    "--name",
                    "x")
                .exitCode())
        .isEqualTo(2);
    Run unknownWorkspace =
        run("key", "create", "--config", config.toString(), "--workspace", "nope");
    assertThat(unknownWorkspace.exitCode()).isEqualTo(2);
    assertThat(unknownWorkspace.err()).contains("No workspace 'nope'");
    assertThat(
            run(
                    "key",
                    "create",
                    "--config",
                    config.toString(),
                    "--workspace",
                    "acme",
                    "--role",
                    "owner")
                .err())
        .contains("--role must be admin, editor or viewer");
  }

  @Test
  void createsAKeyThatExpires() {
    run("workspace", "create", "--config", config.toString(), "--slug", "expiring", "--name", "E");
    Run key =
        run(
            "key",
            "create",
            "--config",
            config.toString(),
            "--workspace",
            "expiring",
            "--expires-at",
            "2099-12-31T23:59:59Z");
    assertThat(key.exitCode()).as(key.err()).isZero();
    assertThat(key.out()).contains("expires 2099-12-31T23:59:59Z");
    Run past =
        run(
            "key",
            "create",
            "--config",
            config.toString(),
            "--workspace",
            "expiring",
            "--expires-at",
            "2001-01-01T00:00:00Z");
    assertThat(past.exitCode()).isEqualTo(2);
    assertThat(past.err()).contains("--expires-at must be a future instant");
  }
}
