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

  @Test
  void deletingALinksStatisticsKeepsTheWorkspacesTotals() {
    try (LocalStore store = LocalStore.open(directory.resolve("store.sqlite"))) {
      java.time.Instant hour = java.time.Instant.parse("2026-12-01T10:00:00Z");
      store.upsertRollups(
          List.of(
              new RollupRow("link", 1, hour, "click", "total", "", 7, 5, 0),
              new RollupRow("link", 1, hour, "click", "country", "DE", 7, 5, 0),
              new RollupRow("link", 2, hour, "click", "total", "", 3, 3, 0)));
      long before = store.dataChanges();

      store.deleteLinkStatistics(List.of(1L));

      assertThat(store.dataChanges()).isEqualTo(before + 1);
      assertThat(count(store, "select count(*) from rollup where scope_id = 1")).isZero();
      assertThat(count(store, "select count(*) from scope_day where scope_id = 1")).isZero();
      assertThat(count(store, "select count(*) from rollup where scope_id = 2")).isEqualTo(1);
      // The workspace still counts the deleted link's clicks, as the collector does.
      assertThat(count(store, "select sum(clicks) from workspace_hour where dimension = 'total'"))
          .isEqualTo(10);
    }
  }

  private static long count(LocalStore store, String sql) {
    return store.query(
        c -> {
          try (java.sql.Statement s = c.createStatement();
              java.sql.ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
          }
        });
  }
}
