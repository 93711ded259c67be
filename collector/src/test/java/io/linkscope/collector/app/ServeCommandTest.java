package io.linkscope.collector.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}
