package io.linkscope.collector.stats;

import io.linkscope.api.click.ClickPage;
import io.linkscope.api.click.ClickTotals;
import io.linkscope.api.click.ClickView;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/** Reads raw clicks back: a link's clicks page by page over a time range, and its totals. */
public final class ClickReads {
  private static final String COLUMNS =
      """
      click_id, clicked_at, link_id, ip_hash, country, region, city, latitude, longitude,
      device_type, browser, browser_version, os, os_version, in_app, bot, referrer_url,
      referrer_host, referrer_source, utm_source, utm_medium, utm_campaign, utm_term, utm_content,
      language
      """;

  private final DataSource dataSource;

  public ClickReads(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Clicks of one link, newest first; the caller has checked the link is in its workspace. */
  public ClickPage page(long linkId, Instant from, Instant to, int offset, int limit)
      throws SQLException {
    String where = " WHERE link_id = ? AND clicked_at >= ? AND clicked_at < ?";
    try (Connection c = dataSource.getConnection()) {
      long total;
      try (PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM click" + where)) {
        bindRange(count, linkId, from, to);
        try (ResultSet row = count.executeQuery()) {
          row.next();
          total = row.getLong(1);
        }
      }
      try (PreparedStatement select =
          c.prepareStatement(
              "SELECT "
                  + COLUMNS
                  + " FROM click"
                  + where
                  + " ORDER BY clicked_at DESC, id DESC LIMIT ? OFFSET ?")) {
        bindRange(select, linkId, from, to);
        select.setInt(4, limit);
        select.setInt(5, offset);
        List<ClickView> items = new ArrayList<>();
        try (ResultSet row = select.executeQuery()) {
          while (row.next()) {
            items.add(map(row));
          }
        }
        return new ClickPage(items, total, offset, limit);
      }
    }
  }

  public ClickTotals totals(long linkId, Instant from, Instant to) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement select =
            c.prepareStatement(
                """
                SELECT COALESCE(SUM(NOT bot), 0), COALESCE(SUM(bot), 0) FROM click
                WHERE link_id = ? AND clicked_at >= ? AND clicked_at < ?
                """)) {
      bindRange(select, linkId, from, to);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return new ClickTotals(linkId, from, to, row.getLong(1), row.getLong(2));
      }
    }
  }

  private static void bindRange(PreparedStatement s, long linkId, Instant from, Instant to)
      throws SQLException {
    s.setLong(1, linkId);
    s.setTimestamp(2, Timestamp.from(from == null ? Instant.EPOCH : from));
    s.setTimestamp(3, Timestamp.from(to == null ? Instant.parse("9999-12-31T00:00:00Z") : to));
  }

  private static ClickView map(ResultSet row) throws SQLException {
    byte[] id = row.getBytes("click_id");
    java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(id);
    double latitude = row.getDouble("latitude");
    Double lat = row.wasNull() ? null : latitude;
    double longitude = row.getDouble("longitude");
    Double lon = row.wasNull() ? null : longitude;
    String country = row.getString("country");
    return new ClickView(
        new UUID(buffer.getLong(), buffer.getLong()).toString(),
        row.getTimestamp("clicked_at").toInstant(),
        row.getLong("link_id"),
        HexFormat.of().formatHex(row.getBytes("ip_hash")),
        country.isEmpty() ? "unknown" : country,
        row.getString("region"),
        row.getString("city"),
        lat,
        lon,
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
        row.getString("language"));
  }
}
