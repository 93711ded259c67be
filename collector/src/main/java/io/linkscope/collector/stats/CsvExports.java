package io.linkscope.collector.stats;

import io.linkscope.api.stats.Breakdown;
import io.linkscope.api.stats.BreakdownRow;
import io.linkscope.api.stats.Series;
import io.linkscope.api.stats.SeriesPoint;
import io.linkscope.collector.db.Sql;
import io.linkscope.collector.http.ApiRequest;
import io.linkscope.collector.http.StreamingEndpoint;
import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * CSV exports: raw clicks streamed row by row from a server-side cursor (constant memory at any
 * size, no raw IPs), and any breakdown or series.
 */
public final class CsvExports {
  private static final String CSV = "text/csv; charset=utf-8";
  private static final List<String> RAW_COLUMNS =
      List.of(
          "clicked_at",
          "kind",
          "link_id",
          "page_id",
          "widget_id",
          "visitor",
          "unique",
          "bot",
          "country",
          "region",
          "city",
          "device",
          "browser",
          "os",
          "in_app",
          "source",
          "referrer_host",
          "utm_source",
          "utm_medium",
          "utm_campaign",
          "utm_term",
          "utm_content",
          "language");
  private static final String RAW_SELECT =
      """
      SELECT clicked_at, kind, link_id, page_id, widget_id, ip_hash, is_unique, bot, country,
        region, city, device_type, browser, os, in_app, referrer_source, referrer_host,
        utm_source, utm_medium, utm_campaign, utm_term, utm_content, language
      """;

  private final DataSource dataSource;
  private final StatsService stats;
  private final StatsHandlers handlers;

  public CsvExports(DataSource dataSource, StatsService stats, StatsHandlers handlers) {
    this.dataSource = dataSource;
    this.stats = stats;
    this.handlers = handlers;
  }

  /** {@code GET /api/v1/export/clicks}: every click of the scope and range, oldest first. */
  public StreamingEndpoint.Stream clicks(ApiRequest request) throws Exception {
    StatsRequest q = handlers.scoped(request, Set.of());
    Sql sql = rawClicks(q);
    return stream(
        "clicks.csv",
        out -> {
          out.write(String.join(",", RAW_COLUMNS));
          out.write('\n');
          if (q.target().ids().isEmpty()) {
            return;
          }
          try (Connection c = dataSource.getConnection();
              PreparedStatement s = sql.prepare(c, "")) {
            // A positive fetch size makes MariaDB Connector/J stream rows instead of buffering.
            s.setFetchSize(1000);
            HexFormat hex = HexFormat.of();
            try (ResultSet row = s.executeQuery()) {
              while (row.next()) {
                out.write(row.getTimestamp(1).toInstant().toString());
                out.write(',');
                out.write(VisitKind.of(row.getInt(2)).wireName);
                for (int column = 3; column <= 5; column++) {
                  out.write(',');
                  long id = row.getLong(column);
                  out.write(row.wasNull() ? "" : Long.toString(id));
                }
                out.write(',');
                out.write(hex.formatHex(row.getBytes(6)));
                out.write(row.getBoolean(7) ? ",1" : ",0");
                out.write(row.getBoolean(8) ? ",1" : ",0");
                for (int column = 9; column <= 23; column++) {
                  out.write(',');
                  out.write(field(row.getString(column)));
                }
                out.write('\n');
              }
            }
          }
        });
  }

  /** {@code GET /api/v1/export/breakdowns/{dimension}}: every value, busiest first. */
  public StreamingEndpoint.Stream breakdown(ApiRequest request) throws Exception {
    var dimension = StatsParameters.dimension(request.path("dimension"));
    StatsRequest scoped = handlers.scoped(request, Set.of());
    StatsRequest q =
        new StatsRequest(
            scoped.target(),
            scoped.range(),
            scoped.zone(),
            scoped.filters(),
            scoped.bots(),
            scoped.granularity(),
            Integer.MAX_VALUE);
    Breakdown breakdown = stats.breakdown(q, StatsHandlers.kindOf(q), dimension);
    return stream(
        dimension.wireName() + ".csv",
        out -> {
          out.write(field(dimension.wireName()) + ",clicks,uniques,share\n");
          for (BreakdownRow row : breakdown.rows()) {
            out.write(
                field(row.value())
                    + ","
                    + row.clicks()
                    + ","
                    + row.uniques()
                    + ","
                    + row.share()
                    + "\n");
          }
        });
  }

  /** {@code GET /api/v1/export/series}: one line per bucket with the previous period beside it. */
  public StreamingEndpoint.Stream series(ApiRequest request) throws Exception {
    StatsRequest q = handlers.scoped(request, Set.of());
    Series series = stats.series(q, StatsHandlers.kindOf(q));
    return stream(
        "series.csv",
        out -> {
          out.write("start,label,clicks,uniques,previous_clicks,previous_uniques\n");
          for (int i = 0; i < series.points().size(); i++) {
            SeriesPoint point = series.points().get(i);
            SeriesPoint before = i < series.previous().size() ? series.previous().get(i) : null;
            out.write(
                point.start()
                    + ","
                    + point.label()
                    + ","
                    + point.clicks()
                    + ","
                    + point.uniques()
                    + ","
                    + (before == null ? 0 : before.clicks())
                    + ","
                    + (before == null ? 0 : before.uniques())
                    + "\n");
          }
        });
  }

  static Sql rawClicks(StatsRequest q) {
    Sql.Builder sql = new Sql.Builder().append(RAW_SELECT).append(" FROM click WHERE ");
    RawCells.target(sql, q.target());
    if (q.target().scope() == Scope.WORKSPACE) {
      sql.append(
          " AND kind <> ?", io.linkscope.collector.click.ClickEvent.Kind.ORPHAN_VISIT.code());
    }
    switch (q.bots()) {
      case EXCLUDE -> sql.append(" AND NOT bot");
      case ONLY -> sql.append(" AND bot");
      case INCLUDE -> sql.append("");
    }
    RawCells.matching(sql, q.range(), q.filters());
    return sql.append(" ORDER BY clicked_at, id").build();
  }

  /** A CSV field: quoted when needed, and defused when a spreadsheet would run it as a formula. */
  public static String field(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    String text = value;
    char first = text.charAt(0);
    if (first == '=' || first == '+' || first == '-' || first == '@') {
      text = "'" + text;
    }
    if (text.indexOf(',') >= 0
        || text.indexOf('"') >= 0
        || text.indexOf('\n') >= 0
        || text.indexOf('\r') >= 0) {
      return '"' + text.replace("\"", "\"\"") + '"';
    }
    return text;
  }

  /** Writes a CSV body. */
  @FunctionalInterface
  interface Body {
    void write(Writer out) throws Exception;
  }

  private static StreamingEndpoint.Stream stream(String fileName, Body body) {
    return new StreamingEndpoint.Stream() {
      @Override
      public String contentType() {
        return CSV;
      }

      @Override
      public String fileName() {
        return fileName;
      }

      @Override
      public void writeTo(OutputStream out) throws Exception {
        Writer writer =
            new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        body.write(writer);
        writer.flush();
      }
    };
  }
}
