package io.linkscope.collector.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class ServeCommandTest {
  @TempDir Path directory;

  @Test
  void writesTheConnectionFileForTheDesktopAppReadableOnlyByTheOwner() throws Exception {
    Path file = directory.resolve("data").resolve("desktop-connection");

    ServeCommand.writeConnectionFile(file, URI.create("http://localhost:8080"), "lsk_abc");

    assertThat(Files.readAllLines(file))
        .containsExactly("url=http://localhost:8080", "key=lsk_abc");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void takesTheBotPatternFileFromTheCommandLineOrTheConfigFile() throws Exception {
    Path patterns = directory.resolve("bot-patterns.txt");
    Path configFile = directory.resolve("collector.properties");
    Files.writeString(configFile, "bot-patterns=" + patterns + "\n");

    assertThat(serve("serve", "--bot-patterns", patterns.toString()).tracking().botPatterns())
        .isEqualTo(patterns);
    assertThat(serve("serve", "--config", configFile.toString()).tracking().botPatterns())
        .isEqualTo(patterns);
    assertThat(serve("serve").tracking().botPatterns()).isNull();
  }

  private static CollectorConfig serve(String... args) {
    CommandLine commandLine = CollectorMain.commandLine();
    CommandLine.ParseResult parsed = commandLine.parseArgs(args);
    ServeCommand serve = parsed.subcommand().commandSpec().commandLine().getCommand();
    return serve.config();
  }

  @ParameterizedTest
  @CsvSource(
      textBlock =
          """
          # option value (none: default), timeout seconds
                ,                           10
          0,                                0
          3,                                3
          """)
  void takesTheIdleTransactionTimeoutOfMariaDbSessions(String value, long seconds) {
    List<String> arguments = new ArrayList<>(List.of("serve"));
    if (value != null) {
      arguments.addAll(List.of("--db-idle-transaction-timeout-seconds", value));
    }
    CommandLine.ParseResult parsed =
        CollectorMain.commandLine().parseArgs(arguments.toArray(String[]::new));
    ServeCommand serve = parsed.subcommand().commandSpec().commandLine().getCommand();

    assertThat(serve.config().database().idleTransactionTimeout())
        .isEqualTo(Duration.ofSeconds(seconds));
  }

  @ParameterizedTest
  @CsvSource({"-1", "31536001"})
  void refusesAnIdleTransactionTimeoutMariaDbWouldNotTakeWithAUsageError(String value) {
    CommandLine commandLine = CollectorMain.commandLine();
    StringWriter err = new StringWriter();
    commandLine.setErr(new PrintWriter(err));

    int exit = commandLine.execute("serve", "--db-idle-transaction-timeout-seconds", value);

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString())
        .contains("--db-idle-transaction-timeout-seconds must be between 0 and 31536000");
  }
}
