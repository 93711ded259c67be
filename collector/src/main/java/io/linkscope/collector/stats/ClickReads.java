package io.linkscope.collector.stats;

import io.linkscope.api.click.ClickPage;
import io.linkscope.api.click.ClickTotals;
import io.linkscope.api.click.ClickView;
import io.linkscope.collector.db.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/** Reads raw clicks back: a link's clicks page by page over a time range, and its totals. */
public final class ClickReads {
  private static final String COLUMNS =
      """
      click_id, clicked_at, link_id, ip_hash, country, region, city, latitude, longitude,
      device_type, browser, browser_version, os, os_version, in_app, bot, referrer_url,
      referrer_host, referrer_source, utm_source, utm_medium, utm_campaign, utm_term, utm_content,
      language, destination_key, destination_url
      """;

  private final DataSource dataSource;

  public ClickReads(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Clicks of one link, newest first; the caller has checked the link is in its workspace. */
  public ClickPage page(
      long linkId, @Nullable Instant from, @Nullable Instant to, int offset, int limit)
      throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      Sql.Page<ClickView> page =
          Sql.page(
              c,
              COLUMNS,
              inRange("FROM click", linkId, from, to),
              "clicked_at DESC, id DESC",
              offset,
              limit,
              ClickReads::map);
      return new ClickPage(page.items(), page.total(), offset, limit);
    }
  }

  public ClickTotals totals(long linkId, @Nullable Instant from, @Nullable Instant to)
      throws SQLException {
    return inRange(
            "SELECT COALESCE(SUM(NOT bot), 0), COALESCE(SUM(bot), 0) FROM click", linkId, from, to)
        .one(dataSource, row -> new ClickTotals(linkId, from, to, row.getLong(1), row.getLong(2)))
        .orElseThrow();
  }

  /** {@code sql} followed by the clicks of a link in a range, open at either end. */
  private static Sql inRange(
      String sql, long linkId, @Nullable Instant from, @Nullable Instant to) {
    return Sql.of(
        sql + " WHERE link_id = ? AND clicked_at >= ? AND clicked_at < ?",
        linkId,
        from == null ? Instant.EPOCH : from,
        to == null ? Instant.parse("9999-12-31T00:00:00Z") : to);
  }

  private static ClickView map(ResultSet row) throws SQLException {
    byte[] id = row.getBytes("click_id");
    java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(id);
    String country = row.getString("country");
    return new ClickView(
        new UUID(buffer.getLong(), buffer.getLong()).toString(),
        row.getTimestamp("clicked_at").toInstant(),
        row.getLong("link_id"),
        HexFormat.of().formatHex(row.getBytes("ip_hash")),
        country.isEmpty() ? "unknown" : country,
        row.getString("region"),
        row.getString("city"),
        Sql.nullableDouble(row, "latitude"),
        Sql.nullableDouble(row, "longitude"),
        row.getString("device_type"),
        row.getString("browser"),
        row.getString("browser_version"),
        row.getString("os"),
        row.getString("os_version"),
        row.getString("in_app"),
        row.getBoolean("bot"),
        row.getString("referrer_url"),
        row.getString("referrer_host"),
        row.getString("referrer_source"),
        row.getString("utm_source"),
        row.getString("utm_medium"),
        row.getString("utm_campaign"),
        row.getString("utm_term"),
        row.getString("utm_content"),
        row.getString("language"),
        row.getString("destination_key"),
        row.getString("destination_url"));
  }
}
