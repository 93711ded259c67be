package io.linkscope.desktop.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.api.link.LinkView;
import io.linkscope.api.sync.RollupRow;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local copy's schema is versioned: older files are upgraded in place, keeping their data. */
class LocalStoreMigrationTest {
  /** The schema and a trigger exactly as the app wrote them before the schema had versions. */
  private static final String UNVERSIONED_SCHEMA =
      """
      create table if not exists link (
        id integer primary key,
        slug text not null,
        title text,
        target_url text not null,
        tags text not null,
        created_at integer not null,
        json text not null);
      create table if not exists page (id integer primary key, json text not null);
      create table if not exists rollup (
        scope text not null, scope_id integer not null, kind text not null,
        dimension text not null, hour integer not null, value text not null,
        clicks integer not null, uniques integer not null, bot_clicks integer not null,
        primary key (scope, scope_id, kind, dimension, hour, value)) without rowid;
      create table if not exists workspace_hour (
        kind text not null, dimension text not null, hour integer not null, value text not null,
        clicks integer not null, uniques integer not null,
        primary key (kind, dimension, hour, value)) without rowid;
      create table if not exists scope_day (
        scope text not null, scope_id integer not null, kind text not null, day integer not null,
        clicks integer not null, uniques integer not null,
        primary key (scope, kind, day, scope_id)) without rowid;
      create index if not exists rollup_total_by_hour on rollup (hour) where dimension = 'total';
      create table if not exists sync_state (name text primary key, value text not null);
      insert into link values (7, 'spring', 'Spring sale', 'https://shop.example.com/spring', 'sale',
        1767225600000, '{"id":7,"slug":"spring","targetUrl":"https://shop.example.com/spring",\
      "title":"Spring sale","tags":["sale"],"redirectType":302,"active":true,"clicks":0}');
      insert into rollup values ('link', 7, 'click', 'total', 491000, '', 5, 4, 0);
      insert into workspace_hour values ('click', 'total', 491000, '', 5, 4);
      insert into scope_day values ('link', 7, 'click', 20458, 5, 4);
      insert into sync_state values ('rollups.cursor', 'c-42')
      """;

  @TempDir Path directory;

  @Test
  void upgradesAStoreMadeBeforeTheSchemaHadVersionsInPlaceKeepingItsData() throws Exception {
    Path file = directory.resolve("store.sqlite");
    try (Connection old = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = old.createStatement()) {
      for (String part : UNVERSIONED_SCHEMA.split(";\\s*\\n")) {
        statement.execute(part);
      }
    }

    try (LocalStore store = LocalStore.open(file)) {
      assertThat(store.schemaVersion()).isEqualTo(LocalStore.MIGRATIONS.size());
      assertThat(store.links()).extracting(LinkView::slug).containsExactly("spring");
      assertThat(store.state("rollups.cursor")).contains("c-42");
      // The triggers are back on the upgraded file: a changed cell moves the aggregate.
      store.upsertRollups(
          List.of(
              new RollupRow(
                  "link",
                  7,
                  Instant.ofEpochSecond(491000L * 3600),
                  "click",
                  "total",
                  "",
                  8,
                  6,
                  0)));
      assertThat(workspaceClicks(store)).isEqualTo(8);
    }
    try (LocalStore again = LocalStore.open(file)) {
      assertThat(again.schemaVersion()).isEqualTo(LocalStore.MIGRATIONS.size());
      assertThat(again.links()).hasSize(1);
    }
  }

  @Test
  void appliesEachLaterStepOnceInOrder() throws Exception {
    Path file = directory.resolve("store.sqlite");
    LocalStore.open(file).close();
    List<String> withLaterStep = List.of("V1__initial.sql", "V2__test_later_step.sql");
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      LocalStore.migrate(connection, withLaterStep);
      // A second run finds both steps done: the later one (no "if not exists") is not repeated.
      LocalStore.migrate(connection, withLaterStep);
      try (Statement s = connection.createStatement();
          ResultSet rows =
              s.executeQuery("select version, script from schema_version order by version")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getString(2)).isEqualTo("V1__initial.sql");
        assertThat(rows.next()).isTrue();
        assertThat(rows.getInt(1)).isEqualTo(2);
        assertThat(rows.next()).isFalse();
      }
      try (Statement s = connection.createStatement();
          ResultSet rows = s.executeQuery("select count(*) from later_step")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getInt(1)).isEqualTo(1);
      }
    }
  }

  private static long workspaceClicks(LocalStore store) {
    return store.query(
        c -> {
          try (Statement s = c.createStatement();
              ResultSet rows =
                  s.executeQuery(
                      "select clicks from workspace_hour where dimension = 'total' and hour ="
                          + " 491000")) {
            return rows.next() ? rows.getLong(1) : -1;
          }
        });
  }
}
