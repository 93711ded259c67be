package io.linkscope.collector.ingest;

import io.linkscope.collector.stats.Dim;
import io.linkscope.collector.stats.Level;
import io.linkscope.collector.stats.Scope;
import io.linkscope.collector.stats.VisitKind;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Applies visits to the analytics tables inside the caller's transaction: decides which visits are
 * unique (first of their visitor on the target that UTC day) and adds every visit to the rollups of
 * its link or page (hourly totals, daily and monthly cells of every dimension) and of its workspace
 * (every dimension at every level).
 */
final class Rollups {
  // The statements here are bound by position in loops rather than through db.Sql: they run for
  // every visit of every batch, where a parameter list per row would cost without making them
  // clearer.
  private static final int CHUNK = 500;

  private Rollups() {}

  /** Statement work on one slice of a list. */
  @FunctionalInterface
  interface ChunkWork<T> {
    void run(List<T> chunk) throws SQLException;
  }

  /** Runs {@code work} on consecutive slices of at most {@link #CHUNK} items. */
  static <T> void inChunks(List<T> items, ChunkWork<T> work) throws SQLException {
    for (int from = 0; from < items.size(); from += CHUNK) {
      work.run(items.subList(from, Math.min(items.size(), from + CHUNK)));
    }
  }

  private static String rows(int count, String row) {
    return String.join(",", java.util.Collections.nCopies(count, row));
  }

  /** One rollup cell: a scope's counts of one kind, dimension value and period. */
  record Cell(
      Scope scope,
      long scopeId,
      VisitKind kind,
      int dim,
      Instant period,
      String value,
      long workspaceId)
      implements Comparable<Cell> {
    /** Primary-key order; written out rather than chained comparators, it runs per cell. */
    @Override
    public int compareTo(Cell other) {
      int order = Integer.compare(scope.code, other.scope.code);
      if (order == 0) {
        order = Long.compare(scopeId, other.scopeId);
      }
      if (order == 0) {
        order = Integer.compare(kind.code, other.kind.code);
      }
      if (order == 0) {
        order = Integer.compare(dim, other.dim);
      }
      if (order == 0) {
        order = period.compareTo(other.period);
      }
      return order != 0 ? order : value.compareTo(other.value);
    }
  }

  /**
   * Rebuild path, for visits already in the click table: decides their uniques, flags them there,
   * and adds them to the rollups.
   */
  static void apply(Connection c, List<Visit> visits) throws SQLException {
    if (visits.isEmpty()) {
      return;
    }
    boolean[] unique = decideUniques(c, visits);
    flagUniques(c, visits, unique);
    addToRollups(c, visits, unique);
  }

  /**
   * Adds visits to the rollups of their link or page (the {@code total} of their UTC hour, every
   * dimension of their UTC day and month) and of their workspace (every dimension of the hour, day
   * and month).
   */
  static void addToRollups(Connection c, List<Visit> visits, boolean[] unique) throws SQLException {
    addToRollups(c, visits, RollupCounts.of(visits), unique);
  }

  /** {@link #addToRollups(Connection, List, boolean[])} with the visits already counted. */
  static void addToRollups(Connection c, List<Visit> visits, RollupCounts counts, boolean[] unique)
      throws SQLException {
    if (visits.isEmpty()) {
      return;
    }
    counts.write(c, unique);
    rememberWidgets(c, visits);
  }

  /** Upserts the cells of one level in primary-key order, with their counts. */
  static void upsert(Connection c, RollupCounts.Cells cells, long[] uniques) throws SQLException {
    if (cells.size() == 0) {
      return;
    }
    Level level = cells.level;
    int[] ordered = cells.ordered();
    boolean sequenced = level.sequenced;
    long seq = sequenced ? takeSequence(c, ordered.length) : 0;
    String row = sequenced ? "(?,?,?,?,?,?,?,?,?,?,?,?)" : "(?,?,?,?,?,?,?,?,?,?,?)";
    for (int from = 0; from < ordered.length; from += CHUNK) {
      int to = Math.min(ordered.length, from + CHUNK);
      String sql =
          "INSERT INTO "
              + level.table
              + " (scope, scope_id, kind, dim, period, value, workspace_id, clicks, uniques,"
              + " bot_clicks, bot_uniques"
              + (sequenced ? ", seq" : "")
              + ") VALUES "
              + rows(to - from, row)
              + """
               ON DUPLICATE KEY UPDATE clicks = clicks + VALUES(clicks),
                uniques = uniques + VALUES(uniques), bot_clicks = bot_clicks + VALUES(bot_clicks),
                bot_uniques = bot_uniques + VALUES(bot_uniques)"""
              + (sequenced ? ", seq = VALUES(seq)" : "");
      try (PreparedStatement s = c.prepareStatement(sql)) {
        int i = 1;
        for (int k = from; k < to; k++) {
          int id = ordered[k];
          Cell cell = cells.cell(id);
          s.setInt(i++, cell.scope.code);
          s.setLong(i++, cell.scopeId);
          s.setInt(i++, cell.kind.code);
          s.setInt(i++, cell.dim);
          s.setObject(i++, LocalDateTime.ofInstant(cell.period, ZoneOffset.UTC));
          s.setString(i++, cell.value);
          s.setLong(i++, cell.workspaceId);
          s.setLong(i++, cells.clicks(id, 0));
          s.setLong(i++, uniques[id * 2]);
          s.setLong(i++, cells.clicks(id, 1));
          s.setLong(i++, uniques[id * 2 + 1]);
          if (sequenced) {
            s.setLong(i++, ++seq);
          }
        }
        s.executeUpdate();
      }
    }
  }

  /**
   * Reserves {@code count} change numbers; returns the one before the first. The row lock is held
   * until commit, so a reader never sees a number before all smaller ones are committed.
   */
  private static long takeSequence(Connection c, int count) throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement("UPDATE rollup_sequence SET next_seq = next_seq + ? WHERE id = 1")) {
      update.setLong(1, count);
      update.executeUpdate();
    }
    try (PreparedStatement select =
            c.prepareStatement("SELECT next_seq FROM rollup_sequence WHERE id = 1");
        ResultSet row = select.executeQuery()) {
      row.next();
      return row.getLong(1) - count;
    }
  }

  // --- uniques

  /**
   * Decides which visits are unique: the first of their visitor on their target that UTC day, in
   * this batch and in {@code visitor_day}, which remembers the new ones. MariaDB's {@code INSERT
   * IGNORE ... RETURNING} answers with the keys it inserted, so one statement both checks and
   * remembers.
   */
  static boolean[] decideUniques(Connection c, List<Visit> visits) throws SQLException {
    return decideUniques(c, VisitKeys.of(visits));
  }

  /** {@link #decideUniques(Connection, List)} with the visit keys already computed. */
  static boolean[] decideUniques(Connection c, VisitKeys keys) throws SQLException {
    boolean[] unique = new boolean[keys.visits()];
    for (int from = 0; from < keys.keys().size(); from += CHUNK) {
      int to = Math.min(keys.keys().size(), from + CHUNK);
      try (PreparedStatement insert =
          c.prepareStatement(
              "INSERT IGNORE INTO visitor_day (day, visit_key) VALUES "
                  + rows(to - from, "(?,?)")
                  + " RETURNING visit_key")) {
        int p = 1;
        for (int k = from; k < to; k++) {
          insert.setString(p++, keys.days()[k]);
          insert.setBytes(p++, keys.keys().get(k));
        }
        try (ResultSet inserted = insert.executeQuery()) {
          while (inserted.next()) {
            // RETURNING answers with keys of this statement only, and each is in firstOfKey.
            Integer first = keys.firstOfKey().get(ByteBuffer.wrap(inserted.getBytes(1)));
            unique[Objects.requireNonNull(first)] = true;
          }
        }
      }
    }
    return unique;
  }

  /**
   * The distinct visit keys of a batch in order of first appearance, each with its UTC day, and the
   * position of the first visit with each key: all that deciding uniques needs but the database.
   */
  record VisitKeys(
      int visits, List<byte[]> keys, String[] days, Map<ByteBuffer, Integer> firstOfKey) {
    static VisitKeys of(List<Visit> visits) {
      MessageDigest sha = sha256();
      Map<ByteBuffer, Integer> firstOfKey = new HashMap<>();
      List<byte[]> keys = new ArrayList<>();
      // Bound as text (yyyy-MM-dd), which MariaDB reads as a DATE without a Calendar on the way.
      List<String> days = new ArrayList<>();
      for (int i = 0; i < visits.size(); i++) {
        byte[] key = visitKey(sha, visits.get(i));
        if (firstOfKey.putIfAbsent(ByteBuffer.wrap(key), i) == null) {
          keys.add(key);
          days.add(utcDay(visits.get(i)).toString());
        }
      }
      return new VisitKeys(visits.size(), keys, days.toArray(String[]::new), firstOfKey);
    }
  }

  /**
   * 16 bytes of SHA-256 over target (for a social icon with its platform), UTC day and visitor
   * (keyed IP hash + User-Agent).
   */
  static byte[] visitKey(MessageDigest sha, Visit visit) {
    ByteBuffer head = ByteBuffer.allocate(1 + 8 * 4);
    head.put((byte) visit.kind().code)
        .putLong(visit.scopeId())
        .putLong(visit.kind() == VisitKind.TAP ? visit.widgetId() : 0)
        .putLong(utcDay(visit).toEpochDay())
        .putLong(visit.ipHash().length);
    sha.reset();
    sha.update(head.array());
    if (visit.kind() == VisitKind.TAP && Dim.SOCIAL.equals(visit.widgetType())) {
      // Each icon of a social row has uniques of its own; other keys stay as they were.
      sha.update(visit.tapped().getBytes(StandardCharsets.UTF_8));
    }
    sha.update(visit.ipHash());
    sha.update(visit.userAgent().getBytes(StandardCharsets.UTF_8));
    return Arrays.copyOf(sha.digest(), 16);
  }

  private static LocalDate utcDay(Visit visit) {
    return LocalDate.ofInstant(Instant.ofEpochMilli(visit.epochMillis()), ZoneOffset.UTC);
  }

  private static void flagUniques(Connection c, List<Visit> visits, boolean[] unique)
      throws SQLException {
    List<byte[]> ids = new ArrayList<>();
    for (int i = 0; i < visits.size(); i++) {
      if (unique[i]) {
        ids.add(visits.get(i).clickId());
      }
    }
    inChunks(
        ids,
        chunk -> {
          try (PreparedStatement update =
              withIds(c, "UPDATE click SET is_unique = TRUE WHERE click_id IN", chunk)) {
            update.executeUpdate();
          }
        });
  }

  /** {@code sql} followed by "(?, ...)" with the ids bound. */
  private static PreparedStatement withIds(Connection c, String sql, List<byte[]> ids)
      throws SQLException {
    PreparedStatement s = c.prepareStatement(sql + " (" + rows(ids.size(), "?") + ")");
    for (int i = 0; i < ids.size(); i++) {
      s.setBytes(i + 1, ids.get(i));
    }
    return s;
  }

  private static void rememberWidgets(Connection c, List<Visit> visits) throws SQLException {
    Map<List<Long>, Visit> widgets = new HashMap<>();
    for (Visit visit : visits) {
      if (visit.kind() == VisitKind.TAP) {
        widgets.put(List.of(visit.pageId(), visit.widgetId()), visit);
      }
    }
    if (widgets.isEmpty()) {
      return;
    }
    try (PreparedStatement upsert =
        c.prepareStatement(
            "INSERT INTO page_widget (page_id, widget_id, widget_type, widget_title) VALUES "
                + rows(widgets.size(), "(?,?,?,?)")
                + " ON DUPLICATE KEY UPDATE widget_type = VALUES(widget_type),"
                + " widget_title = VALUES(widget_title)")) {
      int p = 1;
      for (Visit visit : widgets.values()) {
        upsert.setLong(p++, visit.pageId());
        upsert.setLong(p++, visit.widgetId());
        upsert.setString(p++, visit.widgetType());
        upsert.setString(p++, visit.widgetTitle());
      }
      upsert.executeUpdate();
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
