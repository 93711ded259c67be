package io.linkscope.collector.conversion;

import io.linkscope.collector.click.ClickEvent;
import io.linkscope.collector.db.Sql;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Adds stored conversions whose click is stored too to {@code conversion_fold} (migration V24), in
 * the caller's transaction, and flags them {@code folded} in it: a conversion is counted once, in
 * the transaction that flags it, whether it is folded with its batch or later, when its click has
 * arrived. Conversions of bots' clicks and of other visits than link clicks are flagged without
 * being counted, as the reports leave them out.
 */
final class ConversionFold {
  /** How long a conversion whose click is unknown is looked for again. */
  static final Duration PATIENCE = Duration.ofDays(30);

  private static final String PENDING =
      """
      SELECT cv.id, cv.click_id, cv.event_name, cv.value, cv.currency, cv.workspace_id,
        k.link_id, k.clicked_at, k.kind, k.bot, k.destination_key, k.referrer_source,
        k.utm_campaign
      FROM conversion cv
      JOIN click k ON k.click_id = cv.click_id AND k.workspace_id = cv.workspace_id
      WHERE NOT cv.folded AND
      """;

  private ConversionFold() {}

  /**
   * Folds those of a workspace's conversions, by event id, that are not folded yet and whose click
   * is stored; returns how many.
   */
  static int foldEvents(Connection c, long workspaceId, List<String> eventIds) throws SQLException {
    return fold(
        c,
        new Sql.Builder()
            .append(PENDING + " cv.workspace_id = ? AND cv.event_id", workspaceId)
            .in(eventIds)
            .append(" ORDER BY cv.id")
            .build());
  }

  /**
   * Folds up to {@code limit} of the conversions received since {@code since} whose click was not
   * stored when they were and is now; returns how many.
   */
  static int foldLate(Connection c, Instant since, int limit) throws SQLException {
    return fold(c, Sql.of(PENDING + " cv.received_at >= ? LIMIT ?", since, limit));
  }

  private record Pending(
      long id,
      byte[] clickId,
      String event,
      @Nullable BigDecimal value,
      String currency,
      long workspaceId,
      long linkId,
      Instant clickedAt,
      boolean counted,
      String destination,
      String source,
      String campaign) {}

  private record Cell(
      long workspaceId,
      long linkId,
      Instant hour,
      String destination,
      String source,
      String campaign,
      String event,
      String currency) {}

  private static final class Sums {
    long converted;
    long first;
    long conversions;
    @Nullable BigDecimal revenue;
  }

  private static int fold(Connection c, Sql pending) throws SQLException {
    List<Pending> found =
        pending.list(
            c,
            row -> {
              String currency = row.getString("currency");
              long linkId = row.getLong("link_id");
              boolean hasLink = !row.wasNull();
              String destination = row.getString("destination_key");
              return new Pending(
                  row.getLong("id"),
                  row.getBytes("click_id"),
                  row.getString("event_name"),
                  row.getBigDecimal("value"),
                  currency == null ? "" : currency,
                  row.getLong("workspace_id"),
                  linkId,
                  Sql.instant(row, "clicked_at"),
                  hasLink
                      && row.getInt("kind") == ClickEvent.Kind.LINK_CLICK.code()
                      && !row.getBoolean("bot"),
                  destination == null ? "target" : destination,
                  row.getString("referrer_source"),
                  row.getString("utm_campaign"));
            });
    if (found.isEmpty()) {
      return 0;
    }
    // Which of these clicks already have folded conversions, and of which events.
    Set<ByteBuffer> clicks = new HashSet<>();
    Set<List<Object>> events = new HashSet<>();
    List<Object> ids = new ArrayList<>();
    for (Pending p : found) {
      if (p.counted() && clicks.add(ByteBuffer.wrap(p.clickId()))) {
        ids.add(p.clickId());
      }
    }
    clicks.clear();
    if (!ids.isEmpty()) {
      new Sql.Builder()
          .append("SELECT click_id, event_name FROM conversion WHERE folded AND click_id")
          .in(ids)
          .build()
          .forEachRow(
              c,
              row -> {
                ByteBuffer click = ByteBuffer.wrap(row.getBytes(1));
                clicks.add(click);
                events.add(List.of(click, row.getString(2)));
              });
    }
    // Flagged before counting: another collector folding the same conversions waits for this row
    // lock and
    // then flags fewer, so exactly one of the two transactions commits its counts.
    int flagged =
        new Sql.Builder()
            .append("UPDATE conversion SET folded = TRUE WHERE NOT folded AND id")
            .in(found.stream().map(Pending::id).toList())
            .build()
            .update(c);
    if (flagged != found.size()) {
      throw new SQLException("conversions were folded at the same time elsewhere; retrying");
    }
    Map<Cell, Sums> cells = new LinkedHashMap<>();
    for (Pending p : found) {
      if (!p.counted()) {
        continue;
      }
      Cell cell =
          new Cell(
              p.workspaceId(),
              p.linkId(),
              p.clickedAt().truncatedTo(ChronoUnit.HOURS),
              p.destination(),
              p.source(),
              p.campaign(),
              p.event(),
              p.currency());
      Sums sums = cells.computeIfAbsent(cell, _ -> new Sums());
      ByteBuffer click = ByteBuffer.wrap(p.clickId());
      sums.conversions++;
      if (events.add(List.of(click, p.event()))) {
        sums.converted++;
      }
      if (clicks.add(click)) {
        sums.first++;
      }
      if (p.value() != null) {
        sums.revenue = sums.revenue == null ? p.value() : sums.revenue.add(p.value());
      }
    }
    List<List<Object>> rows = new ArrayList<>(cells.size());
    cells.entrySet().stream()
        .sorted(
            (a, b) ->
                a.getKey().toString().compareTo(b.getKey().toString())) // one lock order per batch
        .forEach(
            e -> {
              Cell k = e.getKey();
              Sums s = e.getValue();
              List<Object> row = new ArrayList<>(12);
              row.add(k.workspaceId());
              row.add(k.linkId());
              row.add(k.hour());
              row.add(k.destination());
              row.add(k.source());
              row.add(k.campaign());
              row.add(k.event());
              row.add(k.currency());
              row.add(s.converted);
              row.add(s.first);
              row.add(s.conversions);
              row.add(s.revenue);
              rows.add(row);
            });
    if (!rows.isEmpty()) {
      Sql.batch(
          c,
          """
          INSERT INTO conversion_fold (workspace_id, link_id, hour, destination, source, campaign,
            event_name, currency, converted_clicks, first_conversions, conversions, revenue)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          ON DUPLICATE KEY UPDATE converted_clicks = converted_clicks + VALUES(converted_clicks),
            first_conversions = first_conversions + VALUES(first_conversions),
            conversions = conversions + VALUES(conversions),
            revenue = IF(revenue IS NULL AND VALUES(revenue) IS NULL, NULL,
              COALESCE(revenue, 0) + COALESCE(VALUES(revenue), 0))
          """,
          rows);
    }
    return found.size();
  }
}
