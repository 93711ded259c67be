package io.linkscope.desktop.store;

import io.linkscope.api.Json;
import io.linkscope.api.bio.BioPageView;
import io.linkscope.api.link.LinkView;
import io.linkscope.api.sync.RollupRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The offline copy of one workspace in a SQLite file: synced links, rollup cells (hourly totals,
 * daily cells of the other dimensions, each keyed by its first hour) and the sync cursors. Rollup
 * cells are the truth; triggers keep two small aggregates up to date (the workspace per hour, each
 * link or page per UTC day) so that the dashboard never scans every cell. The aggregates add up
 * link and page cells only: a collector may also send workspace-level cells, which would count
 * every click twice.
 */
public final class LocalStore implements AutoCloseable {
  /**
   * The schema's steps, applied in order to a store that has not taken them yet (resources under
   * {@code migration/}, named as the collector's: {@code V<n>__<what>.sql}). Each step runs once,
   * in a transaction with its row in {@code schema_version}, so a store made by an older version of
   * the app is upgraded in place. Add a step; never change one that was released.
   */
  static final List<String> MIGRATIONS = List.of("V1__initial.sql");

  /** Keep the aggregates in step with every later change of a cell. */
  private static final String TRIGGERS =
      """
      create trigger if not exists rollup_added after insert on rollup
        when new.scope in ('link', 'page') begin
        insert into workspace_hour values
          (new.kind, new.dimension, new.hour, new.value, new.clicks, new.uniques)
          on conflict do update set clicks = clicks + excluded.clicks,
                                    uniques = uniques + excluded.uniques;
        insert into scope_day
          select new.scope, new.scope_id, new.kind, new.hour / 24, new.clicks, new.uniques
          where new.dimension = 'total'
          on conflict do update set clicks = clicks + excluded.clicks,
                                    uniques = uniques + excluded.uniques;
      end;
      create trigger if not exists rollup_replaced after update on rollup
        when new.scope in ('link', 'page') begin
        update workspace_hour
          set clicks = clicks - old.clicks + new.clicks, uniques = uniques - old.uniques + new.uniques
          where kind = new.kind and dimension = new.dimension and hour = new.hour
            and value = new.value;
        update scope_day
          set clicks = clicks - old.clicks + new.clicks, uniques = uniques - old.uniques + new.uniques
          where new.dimension = 'total' and scope = new.scope and kind = new.kind
            and day = new.hour / 24 and scope_id = new.scope_id;
      end;
      """;

  /** Recomputes the aggregates from the cells at once (after a bulk load without triggers). */
  private static final String REBUILD_AGGREGATES =
      """
      delete from workspace_hour;
      delete from scope_day;
      insert into workspace_hour
        select kind, dimension, hour, value, sum(clicks), sum(uniques) from rollup
        where scope in ('link', 'page') group by kind, dimension, hour, value;
      insert into scope_day
        select scope, scope_id, kind, hour / 24, sum(clicks), sum(uniques) from rollup
        where scope in ('link', 'page') and dimension = 'total'
        group by scope, kind, hour / 24, scope_id
      """;

  private static final String UPSERT_ROLLUP =
      """
      insert into rollup (scope, scope_id, kind, dimension, hour, value, clicks, uniques, bot_clicks)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?)
      on conflict do update set clicks = excluded.clicks, uniques = excluded.uniques,
                                bot_clicks = excluded.bot_clicks
      """;

  private final Path file;
  private final Connection connection;
  private long dataChanges;

  private LocalStore(Path file, Connection connection) {
    this.file = file;
    this.connection = connection;
  }

  /**
   * The store holds a client's links and statistics: its folder (where SQLite also keeps its WAL
   * files) and the file itself are readable only by the user, like the keys file.
   */
  private static void ownerOnly(Path file) throws java.io.IOException {
    try {
      Files.setPosixFilePermissions(
          file.toAbsolutePath().getParent(),
          java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
      if (Files.notExists(file)) {
        Files.createFile(
            file,
            java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
      }
    } catch (UnsupportedOperationException notPosix) {
      // Windows: the store lives in the user's own profile, which is private already.
    }
  }

  /** Loads SQLite's native library now rather than when the first store opens (any thread). */
  public static void preload() {
    try {
      org.sqlite.SQLiteJDBCLoader.initialize();
    } catch (Exception e) {
      // Opening a store tries again and reports the problem.
    }
  }

  /** Opens (creating when needed) the store file. */
  public static LocalStore open(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      ownerOnly(file);
      Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
      try (Statement statement = connection.createStatement()) {
        // WAL lets the UI read while the background sync writes.
        statement.execute("pragma journal_mode = wal");
        statement.execute("pragma synchronous = normal");
        statement.execute("pragma busy_timeout = 5000");
        // Cells arrive in change order, not key order: a larger page cache keeps inserts fast.
        statement.execute("pragma cache_size = -65536");
      }
      migrate(connection, MIGRATIONS);
      try (Statement statement = connection.createStatement()) {
        // The triggers are code, not schema: a bulk load drops them and puts them back.
        for (String part : TRIGGERS.split(";\\s*\\n(?=\\s*create)")) {
          statement.execute(part);
        }
      }
      return new LocalStore(file, connection);
    } catch (SQLException | java.io.IOException e) {
      throw new StoreException("Cannot open the local store " + file, e);
    }
  }

  /**
   * Applies the steps of {@code migrations} (resource names next to {@link #MIGRATIONS}) that the
   * store's {@code schema_version} table does not list yet, each with its row in one transaction.
   */
  static void migrate(Connection connection, List<String> migrations) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "create table if not exists schema_version (version integer primary key,"
              + " script text not null, applied_at text not null)");
    }
    int current;
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("select coalesce(max(version), 0) from schema_version")) {
      current = rows.next() ? rows.getInt(1) : 0;
    }
    for (String script : migrations) {
      int version = Integer.parseInt(script.substring(1, script.indexOf("__")));
      if (version <= current) {
        continue;
      }
      String sql = migrationText(script);
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement();
          PreparedStatement applied =
              connection.prepareStatement(
                  "insert into schema_version (version, script, applied_at) values (?, ?, ?)")) {
        for (String part : sql.split(";\\s*(\\n|$)")) {
          if (!part.isBlank()) {
            statement.execute(part);
          }
        }
        applied.setInt(1, version);
        applied.setString(2, script);
        applied.setString(3, java.time.Instant.now().toString());
        applied.executeUpdate();
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    }
  }

  private static String migrationText(String script) {
    try (var in = LocalStore.class.getResourceAsStream("migration/" + script)) {
      if (in == null) {
        throw new StoreException("Missing schema step " + script, null);
      }
      String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      // Comment lines go: a step may explain itself.
      return text.lines()
          .filter(line -> !line.strip().startsWith("--"))
          .collect(java.util.stream.Collectors.joining("\n"));
    } catch (java.io.IOException e) {
      throw new StoreException("Cannot read schema step " + script, e);
    }
  }

  /** The schema version of the store: the last step it took. */
  public int schemaVersion() {
    return query(
        c -> {
          try (Statement s = c.createStatement();
              ResultSet rows = s.executeQuery("select max(version) from schema_version")) {
            return rows.next() ? rows.getInt(1) : 0;
          }
        });
  }

  public Path file() {
    return file;
  }

  /** Runs read-only {@code work} against the store's connection, which it must not close. */
  public synchronized <T> T query(SqlFunction<Connection, T> work) {
    try {
      return work.apply(connection);
    } catch (SQLException e) {
      throw new StoreException("Local store query failed", e);
    }
  }

  /** Like {@link #query}, for work that answers nothing. */
  public void read(SqlWork work) {
    // SqlFunction needs a value to return; none is used.
    query(
        c -> {
          work.run(c);
          return Boolean.TRUE;
        });
  }

  // --- links

  public synchronized void upsertLinks(Collection<LinkView> links, Collection<Long> deletedIds) {
    if (links.isEmpty() && deletedIds.isEmpty()) {
      return;
    }
    dataChanges++;
    update(
        c -> {
          try (PreparedStatement put =
                  c.prepareStatement(
                      "insert or replace into link (id, slug, title, target_url, tags, created_at,"
                          + " json) values (?, ?, ?, ?, ?, ?, ?)");
              PreparedStatement delete = c.prepareStatement("delete from link where id = ?")) {
            for (LinkView link : links) {
              put.setLong(1, link.id());
              put.setString(2, link.slug());
              put.setString(3, link.title());
              put.setString(4, link.targetUrl());
              put.setString(5, String.join("\n", link.tags() == null ? List.of() : link.tags()));
              put.setLong(6, link.createdAt() == null ? 0 : link.createdAt().toEpochMilli());
              put.setString(7, Json.write(link));
              put.addBatch();
            }
            put.executeBatch();
            for (long id : deletedIds) {
              delete.setLong(1, id);
              delete.addBatch();
            }
            delete.executeBatch();
          }
        });
  }

  /**
   * Deletes the links' own statistics (their cells and per-day totals), as the collector does when
   * their clicks are deleted; the workspace's totals keep counting those clicks, as the collector's
   * do.
   */
  public synchronized void deleteLinkStatistics(Collection<Long> linkIds) {
    if (linkIds.isEmpty()) {
      return;
    }
    dataChanges++;
    update(
        c -> {
          // No trigger runs on delete: workspace_hour keeps the clicks, as on the collector.
          try (PreparedStatement cells =
                  c.prepareStatement("delete from rollup where scope = 'link' and scope_id = ?");
              PreparedStatement days =
                  c.prepareStatement(
                      "delete from scope_day where scope = 'link' and scope_id = ?")) {
            for (long id : linkIds) {
              cells.setLong(1, id);
              cells.addBatch();
              days.setLong(1, id);
              days.addBatch();
            }
            cells.executeBatch();
            days.executeBatch();
          }
        });
  }

  public List<LinkView> links() {
    return query(
        c -> {
          List<LinkView> links = new ArrayList<>();
          try (Statement s = c.createStatement();
              ResultSet rows = s.executeQuery("select json from link order by created_at desc")) {
            while (rows.next()) {
              links.add(Json.read(rows.getString(1), LinkView.class));
            }
          }
          return links;
        });
  }

  public Optional<LinkView> link(long id) {
    return query(
        c -> {
          try (PreparedStatement s = c.prepareStatement("select json from link where id = ?")) {
            s.setLong(1, id);
            try (ResultSet rows = s.executeQuery()) {
              return rows.next()
                  ? Optional.of(Json.read(rows.getString(1), LinkView.class))
                  : Optional.empty();
            }
          }
        });
  }

  // --- bio pages

  /**
   * Replaces the local copy of every bio page (the collector lists them all at once); the same
   * pages again change nothing.
   */
  public synchronized void replacePages(Collection<BioPageView> pages) {
    if (pages().equals(List.copyOf(pages))) {
      return;
    }
    dataChanges++;
    update(
        c -> {
          try (Statement clear = c.createStatement()) {
            clear.execute("delete from page");
          }
          putPages(c, pages);
        });
  }

  public synchronized void upsertPage(BioPageView page) {
    dataChanges++;
    update(
        c -> {
          putPages(c, List.of(page));
        });
  }

  public synchronized void deletePage(long id) {
    dataChanges++;
    update(
        c -> {
          try (PreparedStatement delete = c.prepareStatement("delete from page where id = ?")) {
            delete.setLong(1, id);
            delete.executeUpdate();
          }
        });
  }

  private static void putPages(Connection c, Collection<BioPageView> pages) throws SQLException {
    try (PreparedStatement put =
        c.prepareStatement("insert or replace into page (id, json) values (?, ?)")) {
      for (BioPageView page : pages) {
        put.setLong(1, page.id());
        put.setString(2, Json.write(page));
        put.addBatch();
      }
      put.executeBatch();
    }
  }

  public List<BioPageView> pages() {
    return query(
        c -> {
          List<BioPageView> pages = new ArrayList<>();
          try (Statement s = c.createStatement();
              ResultSet rows = s.executeQuery("select json from page order by id")) {
            while (rows.next()) {
              pages.add(Json.read(rows.getString(1), BioPageView.class));
            }
          }
          return pages;
        });
  }

  // --- rollups

  /** Replaces the local copy of each row's cell (key: scope, id, hour, kind, dimension, value). */
  public synchronized void upsertRollups(Collection<RollupRow> rows) {
    if (rows.isEmpty()) {
      return;
    }
    dataChanges++;
    update(
        c -> {
          try (PreparedStatement put = c.prepareStatement(UPSERT_ROLLUP)) {
            for (RollupRow row : rows) {
              put.setString(1, row.scope());
              put.setLong(2, row.scopeId());
              put.setString(3, row.kind());
              put.setString(4, row.dimension());
              put.setLong(5, row.hour().getEpochSecond() / 3600);
              put.setString(6, row.value() == null ? "" : row.value());
              put.setLong(7, row.clicks());
              put.setLong(8, row.uniques());
              put.setLong(9, row.botClicks());
              put.addBatch();
            }
            put.executeBatch();
          }
        });
  }

  /**
   * Runs a large first load of cells: the triggers are dropped while it runs and the aggregates
   * computed once at the end, which is many times faster than keeping them in step row by row.
   */
  public synchronized void bulkLoad(Runnable load) {
    try (Statement s = connection.createStatement()) {
      s.execute("drop trigger if exists rollup_added");
      s.execute("drop trigger if exists rollup_replaced");
      try {
        load.run();
      } finally {
        update(
            c -> {
              try (Statement rebuild = c.createStatement()) {
                for (String part : REBUILD_AGGREGATES.split(";\\s*\\n")) {
                  rebuild.execute(part);
                }
                for (String part : TRIGGERS.split(";\\s*\\n(?=\\s*create)")) {
                  rebuild.execute(part);
                }
              }
            });
      }
    } catch (SQLException e) {
      throw new StoreException("Local store bulk load failed", e);
    }
  }

  /** Drops every rollup cell and aggregate (the collector rebuilt its rollups). */
  public synchronized void clearRollups() {
    dataChanges++;
    update(
        c -> {
          try (Statement s = c.createStatement()) {
            s.execute("delete from rollup");
            s.execute("delete from workspace_hour");
            s.execute("delete from scope_day");
          }
        });
  }

  /**
   * How many writes of links, pages or statistics this store has taken since it was opened (sync
   * cursors and times do not count): unchanged means the screens show what is stored.
   */
  public synchronized long dataChanges() {
    return dataChanges;
  }

  // --- sync state

  public Optional<String> state(String name) {
    return query(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("select value from sync_state where name = ?")) {
            s.setString(1, name);
            try (ResultSet rows = s.executeQuery()) {
              return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
          }
        });
  }

  public synchronized void putState(String name, String value) {
    update(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("insert or replace into sync_state (name, value) values (?, ?)")) {
            s.setString(1, name);
            s.setString(2, value);
            s.executeUpdate();
          }
        });
  }

  /** Bytes the store takes on disk (main file plus write-ahead log). */
  public long sizeOnDisk() {
    long size = 0;
    for (String suffix : List.of("", "-wal")) {
      Path part = file.resolveSibling(file.getFileName() + suffix);
      try {
        size += Files.exists(part) ? Files.size(part) : 0;
      } catch (java.io.IOException e) {
        throw new StoreException("Cannot measure " + part, e);
      }
    }
    return size;
  }

  /** Runs {@code work} in one transaction: a sync page lands completely or not at all. */
  public synchronized <T> T inTransaction(SqlFunction<Connection, T> work) {
    try {
      if (!connection.getAutoCommit()) {
        // Already inside an outer transaction of this thread: join it.
        return work.apply(connection);
      }
      connection.setAutoCommit(false);
      try {
        T result = work.apply(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException("Local store update failed", e);
    }
  }

  /** Like {@link #inTransaction}, for work that answers nothing. */
  public void update(SqlWork work) {
    inTransaction(
        c -> {
          work.run(c);
          return Boolean.TRUE;
        });
  }

  @Override
  public synchronized void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new StoreException("Cannot close the local store", e);
    }
  }

  /** A piece of JDBC work. */
  @FunctionalInterface
  public interface SqlFunction<I, O> {
    O apply(I input) throws SQLException;
  }

  /** A piece of JDBC work that answers nothing. */
  @FunctionalInterface
  public interface SqlWork {
    void run(Connection connection) throws SQLException;
  }
}
