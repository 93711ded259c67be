package io.linkscope.collector.ingest;

import io.linkscope.collector.click.ClickEvent;
import io.linkscope.collector.click.EnrichedClick;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Writes raw clicks in JDBC batches, with the unique flags decided before them in the batch's
 * transaction, and keeps each link's total click count in step.
 */
public final class ClickTable {
  // Bound by position in a loop rather than through db.Sql: this runs for every click, and typed
  // setters on one prepared statement spare a parameter list and a boxed value per column.
  private static final String INSERT =
      """
      INSERT IGNORE INTO click (click_id, kind, workspace_id, link_id, page_id, widget_id,
        widget_type, widget_title, clicked_at, domain, path, ip_hash, country, region, city,
        latitude, longitude, device_type, browser, browser_version, os, os_version, in_app, bot,
        referrer_url, referrer_host, referrer_source, utm_source, utm_medium, utm_campaign,
        utm_term, utm_content, language, user_agent, is_unique, destination_key, destination_url)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
        ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """;

  private static final int RECALL_CHUNK = 500;

  /**
   * A batch's rows as bound: what they need beyond the clicks (ids and times, human clicks per
   * link), computed once before the transaction, so that a retried transaction does not repeat it.
   */
  public record Rows(
      ClickBatch batch, byte[][] ids, LocalDateTime[] times, Map<Long, Long> humanClicksPerLink) {

    public static Rows of(ClickBatch batch) {
      byte[][] ids = new byte[batch.size()][];
      LocalDateTime[] times = new LocalDateTime[batch.size()];
      Map<Long, Long> humanClicksPerLink = new HashMap<>();
      for (int index = 0; index < batch.size(); index++) {
        EnrichedClick click = batch.clicks().get(index);
        ClickEvent event = click.event();
        ids[index] = uuidBytes(event.id());
        // The connection's time zone is UTC: a LocalDateTime binds without the Calendar work of a
        // Timestamp.
        long millis = event.epochMillis();
        times[index] =
            LocalDateTime.ofEpochSecond(
                Math.floorDiv(millis, 1000),
                Math.floorMod(millis, 1000) * 1_000_000,
                ZoneOffset.UTC);
        if (event.kind() == ClickEvent.Kind.LINK_CLICK && click.countsAsHuman()) {
          humanClicksPerLink.merge(event.linkId(), 1L, Long::sum);
        }
      }
      return new Rows(batch, ids, times, humanClicksPerLink);
    }
  }

  private ClickTable() {}

  /** Inserts the batch's rows with their unique flags and adds its human clicks to their links. */
  public static void write(Connection connection, Rows rows) throws SQLException {
    ClickBatch batch = rows.batch();
    try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
      for (int index = 0; index < batch.size(); index++) {
        bind(insert, batch.clicks().get(index), rows, index, batch.unique(index));
        insert.addBatch();
      }
      insert.executeBatch();
    }
    Map<Long, Long> humanClicksPerLink = rows.humanClicksPerLink();
    if (humanClicksPerLink.isEmpty()) {
      return;
    }
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE link SET total_clicks = total_clicks + ? WHERE id = ?")) {
      for (Map.Entry<Long, Long> entry : humanClicksPerLink.entrySet()) {
        update.setLong(1, entry.getValue());
        update.setLong(2, entry.getKey());
        update.addBatch();
      }
      update.executeBatch();
    }
  }

  /**
   * For a batch written before a restart, whose clicks go to the rollups again: reads back the
   * unique flags stored with its rows.
   */
  static void recall(Connection connection, Rows rows) throws SQLException {
    ClickBatch batch = rows.batch();
    Map<ByteBuffer, Integer> positions = new HashMap<>();
    for (int index = 0; index < batch.size(); index++) {
      positions.put(ByteBuffer.wrap(rows.ids()[index]), index);
    }
    for (int from = 0; from < batch.size(); from += RECALL_CHUNK) {
      int to = Math.min(batch.size(), from + RECALL_CHUNK);
      try (PreparedStatement select =
          connection.prepareStatement(
              "SELECT click_id FROM click WHERE is_unique AND click_id IN ("
                  + String.join(",", Collections.nCopies(to - from, "?"))
                  + ")")) {
        for (int index = from; index < to; index++) {
          select.setBytes(index - from + 1, rows.ids()[index]);
        }
        try (ResultSet unique = select.executeQuery()) {
          while (unique.next()) {
            // The query asks for these rows' ids only, so every id it returns has a position.
            batch.markUnique(
                Objects.requireNonNull(positions.get(ByteBuffer.wrap(unique.getBytes(1)))));
          }
        }
      }
    }
  }

  private static void bind(
      PreparedStatement s, EnrichedClick click, Rows rows, int index, boolean unique)
      throws SQLException {
    ClickEvent e = click.event();
    int i = 1;
    s.setBytes(i++, rows.ids()[index]);
    s.setInt(i++, e.kind().code());
    setId(s, i++, e.workspaceId());
    setId(s, i++, e.linkId());
    setId(s, i++, e.pageId());
    setId(s, i++, e.widgetId());
    s.setString(i++, e.widgetType());
    s.setString(i++, e.widgetTitle());
    s.setObject(i++, rows.times()[index]);
    s.setString(i++, e.domain());
    s.setString(i++, e.path());
    s.setBytes(i++, e.ipHash());
    s.setString(i++, e.geo().countryCode());
    s.setString(i++, e.geo().regionName());
    s.setString(i++, e.geo().city());
    setDouble(s, i++, e.geo().latitude());
    setDouble(s, i++, e.geo().longitude());
    s.setString(i++, click.device().deviceType());
    s.setString(i++, click.device().browser());
    s.setString(i++, click.device().browserVersion());
    s.setString(i++, click.device().os());
    s.setString(i++, click.device().osVersion());
    s.setString(i++, click.device().inAppApp());
    s.setBoolean(i++, click.device().bot());
    s.setString(i++, click.referrer().url());
    s.setString(i++, click.referrer().host());
    s.setString(i++, click.referrer().source());
    s.setString(i++, click.utm().source());
    s.setString(i++, click.utm().medium());
    s.setString(i++, click.utm().campaign());
    s.setString(i++, click.utm().term());
    s.setString(i++, click.utm().content());
    s.setString(i++, click.language());
    s.setString(i++, e.userAgent());
    s.setBoolean(i++, unique);
    setText(s, i++, e.destinationKey());
    setText(s, i, e.destinationUrl());
  }

  /** A text that is absent ({@code ""}) as NULL: the routing columns are null for plain clicks. */
  private static void setText(PreparedStatement s, int index, String value) throws SQLException {
    if (value.isEmpty()) {
      s.setNull(index, Types.VARCHAR);
    } else {
      s.setString(index, value);
    }
  }

  static byte[] uuidBytes(java.util.UUID id) {
    return ByteBuffer.allocate(16)
        .putLong(id.getMostSignificantBits())
        .putLong(id.getLeastSignificantBits())
        .array();
  }

  private static void setId(PreparedStatement s, int index, long id) throws SQLException {
    if (id == 0) {
      s.setNull(index, Types.BIGINT);
    } else {
      s.setLong(index, id);
    }
  }

  private static void setDouble(PreparedStatement s, int index, @Nullable Double value)
      throws SQLException {
    if (value == null) {
      s.setNull(index, Types.DOUBLE);
    } else {
      s.setDouble(index, value);
    }
  }
}
