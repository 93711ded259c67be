package io.linkscope.desktop.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.api.sync.RollupRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStoreTest {
  @TempDir Path directory;

  @Test
  void keepsTheStoreReadableOnlyByItsOwner() throws Exception {
    Path file = directory.resolve("stores").resolve("acme.sqlite");
    try (LocalStore store = LocalStore.open(file)) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
          .isEqualTo("rwx------");
    }
  }

  @Test
  void countsWritesOfDataButNotOfSyncStateOrEmptyPages() {
    try (LocalStore store = LocalStore.open(directory.resolve("store.sqlite"))) {
      store.putState("links.cursor", "42");
      store.upsertLinks(List.of(), List.of());
      store.upsertRollups(List.of());
      store.replacePages(List.of());
      assertThat(store.dataChanges()).isZero();

      store.upsertRollups(
          List.of(
              new RollupRow(
                  "link",
                  1,
                  Instant.parse("2026-11-20T10:00:00Z"),
                  "click",
                  "total",
                  "",
                  3,
                  2,
                  0)));
      assertThat(store.dataChanges()).isEqualTo(1);
    }
  }
}
