package io.linkscope.collector.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

    assertThat(serve("serve", "--bot-patterns", patterns.toString()).botPatterns())
        .isEqualTo(patterns);
    assertThat(serve("serve", "--config", configFile.toString()).botPatterns()).isEqualTo(patterns);
    assertThat(serve("serve").botPatterns()).isNull();
  }

  private static CollectorConfig serve(String... args) {
    CommandLine commandLine = CollectorMain.commandLine();
    CommandLine.ParseResult parsed = commandLine.parseArgs(args);
    ServeCommand serve = parsed.subcommand().commandSpec().commandLine().getCommand();
    return serve.config();
  }
}
