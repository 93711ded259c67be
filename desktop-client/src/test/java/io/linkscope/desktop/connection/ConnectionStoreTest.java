package io.linkscope.desktop.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionStoreTest {
  @TempDir Path directory;

  @Test
  void savesConnectionsReadableOnlyByTheUser() throws Exception {
    ConnectionStore store = new ConnectionStore(directory.resolve("config"));
    Connection acme = new Connection("a", "https://links.example.com", "lsk_secret", "Acme");
    Connection globex = new Connection("b", "http://10.0.0.5:8080", "lsk_other", "Globex");

    store.save(List.of(acme, globex));

    assertThat(new ConnectionStore(directory.resolve("config")).load())
        .containsExactly(acme, globex);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())))
        .isEqualTo("rw-------");
  }

  @Test
  void neverPutsTheKeyIntoTextMeantForPeopleOrLogs() {
    Connection acme = new Connection("a", "https://links.example.com/", "lsk_secret", "Acme");

    assertThat(acme.toString()).isEqualTo("Acme — links.example.com").doesNotContain("lsk_secret");
  }
}
