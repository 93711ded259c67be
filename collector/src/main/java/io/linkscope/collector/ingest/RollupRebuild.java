package io.linkscope.collector.ingest;

import io.linkscope.api.stats.Dimension;
import io.linkscope.collector.click.ClickEvent;
import io.linkscope.collector.db.Sql;
import io.linkscope.collector.stats.Dim;
import io.linkscope.collector.stats.VisitKind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Recomputes unique flags and every rollup from the raw clicks, in click order, through the same
 * code as live ingest. Run it with the collector stopped: a batch stored meanwhile would be counted
 * by both. Clicks that a stop left out of the rollups (see {@code Checkpoint}) are in the rebuild,
 * so the rollup checkpoints are moved up to the click checkpoints. It starts a new sync generation,
 * so desktop copies start over.
 *
 * <p>Once raw clicks were purged (a workspace's retention, or a link's clicks deleted; see {@code
 * click_purge}), the rollups hold counts no raw row is left for. A rebuild from the rows would lose
 * them, so it is limited to the retained range: it recounts only the UTC months from the first one
 * that starts at or after the latest purge's cut, the months whose raw clicks are all still there,
 * and leaves every earlier cell, unique flag and visitor-day as it is.
 */
public final class RollupRebuild {
  private static final int CHUNK = 5_000;

  /** The next chunk of clicks to roll up, after a click id, orphan visits left out. */
  private static final String CHUNK_SQL =
      "SELECT id, click_id, clicked_at, kind, workspace_id, link_id, page_id, widget_id,"
          + " widget_type, widget_title, ip_hash, user_agent, bot, "
          + Dim.ALL.stream()
              .map(d -> Dim.column(d) + " AS " + Dim.label(d))
              .collect(Collectors.joining(", "))
          + " FROM click WHERE id > ? AND kind <> ? AND clicked_at >= ? ORDER BY id LIMIT ?";

  /** The start of time for a rebuild of everything: no click is older. */
  private static final Instant EVERYTHING = Instant.EPOCH;

  private final DataSource dataSource;

  public RollupRebuild(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Rebuilds everything; reports the clicks done so far after each chunk. Returns the total. With
   * no clicks to rebuild from it changes nothing and returns 0: rollups without clicks behind them
   * are not for this to wipe, and desktop copies need not start over.
   */
  public long run(LongConsumer progress) throws SQLException {
    Instant from = retainedFrom().orElse(EVERYTHING);
    boolean limited = !from.equals(EVERYTHING);
    boolean any =
        Sql.withConnection(
            dataSource,
            c -> {
              if (!Sql.of(
                      "SELECT 1 FROM click WHERE kind <> ? AND clicked_at >= ? LIMIT 1",
                      ClickEvent.Kind.ORPHAN_VISIT.code(),
                      from)
                  .exists(c)) {
                return false;
              }
              if (limited) {
                for (String table : List.of("rollup_hour", "rollup_day", "rollup_month")) {
                  Sql.of("DELETE FROM " + table + " WHERE period >= ?", from).update(c);
                }
                Sql.of("DELETE FROM visitor_day WHERE day >= ?", from).update(c);
                Sql.of(
                        "UPDATE click SET is_unique = FALSE WHERE is_unique AND clicked_at >= ?",
                        from)
                    .update(c);
                // Cells kept from before keep their sequence numbers, so new ones continue after
                // them; a new generation still makes desktop copies start over.
                Sql.of("UPDATE rollup_sequence SET generation = generation + 1 WHERE id = 1")
                    .update(c);
              } else {
                for (String table :
                    List.of(
                        "rollup_hour",
                        "rollup_day",
                        "rollup_month",
                        "visitor_day",
                        "page_widget")) {
                  Sql.of("TRUNCATE TABLE " + table).update(c);
                }
                Sql.of("UPDATE click SET is_unique = FALSE WHERE is_unique").update(c);
                Sql.of(
                        "UPDATE rollup_sequence SET generation = generation + 1, next_seq = 0"
                            + " WHERE id = 1")
                    .update(c);
              }
              // Every stored click is in the rebuilt rollups, also those a stop left for the next
              // start to fold: nothing is left to fold.
              Sql.of(
                      """
                      REPLACE INTO rollup_checkpoint (collector_id, segment, segment_offset,
                        updated_at)
                        SELECT collector_id, segment, segment_offset, updated_at
                        FROM journal_checkpoint
                      """)
                  .update(c);
              return true;
            });
    if (!any) {
      return 0;
    }
    long done = 0;
    long after = 0;
    while (true) {
      long start = after;
      List<Visit> visits = new ArrayList<>(CHUNK);
      long last =
          Sql.transaction(
              dataSource,
              c -> {
                long[] lastId = {start};
                Sql.of(CHUNK_SQL, start, ClickEvent.Kind.ORPHAN_VISIT.code(), from, CHUNK)
                    .forEachRow(
                        c,
                        row -> {
                          lastId[0] = row.getLong("id");
                          visits.add(visit(row));
                        });
                if (!visits.isEmpty()) {
                  Rollups.apply(c, visits);
                }
                return lastId[0];
              });
      if (visits.isEmpty()) {
        return done;
      }
      done += visits.size();
      after = last;
      progress.accept(done);
    }
  }

  /**
   * Where a rebuild starts: the first UTC month that begins at or after the latest cut of a purge
   * that deleted raw clicks; empty when none did, and everything is rebuilt.
   */
  public Optional<Instant> retainedFrom() throws SQLException {
    Optional<Instant> cut =
        Sql.of("SELECT MAX(clicked_before) AS cut FROM click_purge WHERE rows_deleted > 0")
            .one(dataSource, row -> Optional.ofNullable(Sql.nullableInstant(row, "cut")))
            .flatMap(found -> found);
    return cut.map(
        instant -> {
          LocalDate day = LocalDate.ofInstant(instant, ZoneOffset.UTC);
          LocalDate month = day.withDayOfMonth(1);
          Instant start = month.atStartOfDay(ZoneOffset.UTC).toInstant();
          return start.equals(instant)
              ? start
              : month.plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        });
  }

  private static Visit visit(ResultSet row) throws SQLException {
    List<String> values = new ArrayList<>(Dim.ALL.size());
    for (Dimension dimension : Dim.ALL) {
      values.add(row.getString(Dim.label(dimension)));
    }
    return new Visit(
        row.getBytes("click_id"),
        row.getTimestamp("clicked_at").toInstant().toEpochMilli(),
        VisitKind.of(row.getInt("kind")),
        row.getLong("workspace_id"),
        row.getLong("link_id"),
        row.getLong("page_id"),
        row.getLong("widget_id"),
        row.getString("widget_type"),
        row.getString("widget_title"),
        row.getBytes("ip_hash"),
        row.getString("user_agent"),
        row.getBoolean("bot"),
        values);
  }
}
