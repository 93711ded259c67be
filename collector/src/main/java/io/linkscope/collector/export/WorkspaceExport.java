package io.linkscope.collector.export;

import com.google.gson.Gson;
import com.google.gson.stream.JsonWriter;
import io.linkscope.api.Json;
import io.linkscope.api.bio.BioPageView;
import io.linkscope.api.link.LinkPage;
import io.linkscope.api.link.LinkQuery;
import io.linkscope.api.link.LinkView;
import io.linkscope.api.stats.Dimension;
import io.linkscope.api.workspace.WorkspaceView;
import io.linkscope.collector.bio.BioPages;
import io.linkscope.collector.click.ClickEvent;
import io.linkscope.collector.db.Sql;
import io.linkscope.collector.http.ApiRequest;
import io.linkscope.collector.http.HttpError;
import io.linkscope.collector.http.StreamingEndpoint;
import io.linkscope.collector.link.Links;
import io.linkscope.collector.stats.CsvExports;
import io.linkscope.collector.stats.Dim;
import io.linkscope.collector.stats.Scope;
import io.linkscope.collector.stats.VisitKind;
import io.linkscope.collector.workspace.Workspaces;
import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;

/**
 * {@code GET /api/v1/export/workspace}: the whole workspace as a zip, written as it is read. Links
 * come a page of 500 at a time, raw clicks and rollups from server-side cursors row by row, so
 * memory stays flat at any size.
 */
public final class WorkspaceExport {
  private static final int LINK_PAGE = 500;

  private static final String CLICKS =
      """
      SELECT id, HEX(click_id) AS click_id, kind, clicked_at, link_id, page_id, widget_id,
        widget_type, widget_title, domain, path, HEX(ip_hash) AS visitor, is_unique, bot, country,
        region, city, latitude, longitude, device_type, browser, browser_version, os, os_version,
        in_app, referrer_url, referrer_host, referrer_source, utm_source, utm_medium, utm_campaign,
        utm_term, utm_content, language, user_agent, destination_key, destination_url
      FROM click WHERE workspace_id = ? ORDER BY workspace_id, clicked_at
      """;

  private final DataSource dataSource;
  private final Workspaces workspaces;
  private final Links links;
  private final BioPages pages;
  private final Clock clock;

  public WorkspaceExport(
      DataSource dataSource, Workspaces workspaces, Links links, BioPages pages, Clock clock) {
    this.dataSource = dataSource;
    this.workspaces = workspaces;
    this.links = links;
    this.pages = pages;
    this.clock = clock;
  }

  /** What {@code workspace.json} holds. */
  record Manifest(
      int format, Instant exportedAt, WorkspaceView workspace, Map<String, String> files) {}

  public StreamingEndpoint.Stream export(ApiRequest request) throws Exception {
    long workspaceId = request.workspaceId();
    WorkspaceView workspace =
        workspaces.find(workspaceId).orElseThrow(() -> HttpError.notFound("The workspace"));
    Instant now = clock.instant();
    return new StreamingEndpoint.Stream() {
      @Override
      public String contentType() {
        return "application/zip";
      }

      @Override
      public String fileName() {
        return "linkscope-" + workspace.slug() + ".zip";
      }

      @Override
      public void writeTo(OutputStream out) throws Exception {
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        Manifest manifest = new Manifest(1, now, workspace, files());
        entry(zip, "workspace.json", w -> w.write(Json.write(manifest)));
        entry(zip, "links.json", w -> writeLinks(w, workspaceId));
        entry(
            zip, "pages.json", w -> writeJsonArray(w, pages.list(workspaceId), BioPageView.class));
        entry(
            zip,
            "clicks.csv",
            w -> writeCsv(w, Sql.of(CLICKS, workspaceId), WorkspaceExport::clickCell));
        for (String level : List.of("hour", "day", "month")) {
          entry(
              zip,
              "rollups-" + level + ".csv",
              w ->
                  writeCsv(
                      w, rollups("rollup_" + level, workspaceId), WorkspaceExport::rollupCell));
        }
        entry(zip, "README.txt", w -> w.write(readme()));
        zip.finish();
        zip.flush();
      }
    };
  }

  /** The cells of one rollup table of the workspace (its name is one of three constants). */
  private static Sql rollups(String table, long workspaceId) {
    return Sql.of(
        "SELECT scope, scope_id, kind, dim, period, value, clicks, uniques, bot_clicks,"
            + " bot_uniques FROM "
            + table
            + " WHERE workspace_id = ?",
        workspaceId);
  }

  private static Map<String, String> files() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("links.json", "the live links, a JSON array of the API's LinkView");
    files.put("pages.json", "the bio pages with their widgets, a JSON array of BioPageView");
    files.put("clicks.csv", "every raw click still kept, oldest first");
    files.put("rollups-hour.csv", "hourly rollup cells");
    files.put("rollups-day.csv", "daily rollup cells");
    files.put("rollups-month.csv", "monthly rollup cells");
    return files;
  }

  /** Writes one file of the zip. */
  @FunctionalInterface
  private interface Body {
    void write(Writer out) throws Exception;
  }

  private static void entry(ZipOutputStream zip, String name, Body body) throws Exception {
    zip.putNextEntry(new ZipEntry(name));
    // Flushed, never closed: closing it would close the zip.
    Writer writer =
        new BufferedWriter(new OutputStreamWriter(zip, StandardCharsets.UTF_8), 64 * 1024);
    body.write(writer);
    writer.flush();
    zip.closeEntry();
  }

  private void writeLinks(Writer out, long workspaceId) throws Exception {
    Gson gson = Json.gson();
    JsonWriter json = gson.newJsonWriter(out);
    json.beginArray();
    for (int offset = 0; ; offset += LINK_PAGE) {
      LinkPage page =
          links.list(workspaceId, new LinkQuery(null, null, "created", offset, LINK_PAGE));
      for (LinkView link : page.items()) {
        gson.toJson(link, LinkView.class, json);
      }
      if (page.items().size() < LINK_PAGE) {
        break;
      }
    }
    json.endArray();
    json.flush();
  }

  private static <T> void writeJsonArray(Writer out, List<T> items, Class<T> type)
      throws Exception {
    Gson gson = Json.gson();
    JsonWriter json = gson.newJsonWriter(out);
    json.beginArray();
    for (T item : items) {
      gson.toJson(item, type, json);
    }
    json.endArray();
    json.flush();
  }

  /** How one column of a row is written to CSV. */
  @FunctionalInterface
  private interface Cell {
    String format(String column, ResultSet row, int index) throws SQLException;
  }

  private void writeCsv(Writer out, Sql sql, Cell cell) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = sql.prepare(c, "")) {
      // A positive fetch size makes MariaDB Connector/J stream rows instead of buffering.
      s.setFetchSize(1000);
      try (ResultSet row = s.executeQuery()) {
        ResultSetMetaData meta = row.getMetaData();
        int columns = meta.getColumnCount();
        String[] names = new String[columns + 1];
        for (int i = 1; i <= columns; i++) {
          names[i] = meta.getColumnLabel(i);
        }
        for (int i = 1; i <= columns; i++) {
          out.write(i == 1 ? "" : ",");
          out.write(names[i]);
        }
        out.write('\n');
        while (row.next()) {
          for (int i = 1; i <= columns; i++) {
            out.write(i == 1 ? "" : ",");
            out.write(cell.format(names[i], row, i));
          }
          out.write('\n');
        }
      }
    }
  }

  private static String clickCell(String column, ResultSet row, int index) throws SQLException {
    return switch (column) {
      case "kind" -> kindName(row.getInt(index));
      case "is_unique", "bot" -> row.getBoolean(index) ? "1" : "0";
      default -> plain(row, index);
    };
  }

  private static String rollupCell(String column, ResultSet row, int index) throws SQLException {
    return switch (column) {
      case "scope" -> scopeName(row.getInt(index));
      case "kind" -> VisitKind.of(row.getInt(index)).name().toLowerCase(Locale.ROOT);
      case "dim" -> Dim.wireName(row.getInt(index));
      default -> plain(row, index);
    };
  }

  private static String plain(ResultSet row, int index) throws SQLException {
    Object value = row.getObject(index);
    if (value == null) {
      return "";
    }
    if (value instanceof Timestamp timestamp) {
      return timestamp.toInstant().toString();
    }
    if (value instanceof java.time.LocalDateTime time) {
      return time.toInstant(java.time.ZoneOffset.UTC).toString();
    }
    if (value instanceof byte[] bytes) {
      return HexFormat.of().formatHex(bytes);
    }
    return CsvExports.field(value.toString());
  }

  private static String kindName(int code) {
    for (ClickEvent.Kind kind : ClickEvent.Kind.values()) {
      if (kind.code() == code) {
        return kind.name().toLowerCase(Locale.ROOT);
      }
    }
    return Integer.toString(code);
  }

  private static String scopeName(int code) {
    for (Scope scope : Scope.values()) {
      if (scope.code == code) {
        return scope.name().toLowerCase(Locale.ROOT);
      }
    }
    return Integer.toString(code);
  }

  private static String readme() {
    StringBuilder dims = new StringBuilder();
    for (Dimension dimension : Dim.ALL) {
      dims.append(' ').append(dimension.wireName());
    }
    return """
        Linkscope workspace export (format 1)

        workspace.json     the workspace, the time of the export and this list of files
        links.json         the live links: a JSON array of the API's LinkView objects
        pages.json         the bio pages with their widgets: a JSON array of BioPageView
        clicks.csv         every raw click kept (see the workspace's retention), oldest first;
                           times are UTC ISO-8601, visitor is the hex of the keyed IP hash
                           (no IP address is ever stored), kind is link_click, orphan_visit,
                           page_view or widget_tap
        rollups-*.csv      the statistics' cells per UTC hour, day and month: scope (link, page,
                           workspace) and its id, kind (click, view, tap), dim, period (UTC start),
                           value (empty: unknown), clicks and uniques of humans, bot_clicks and
                           bot_uniques. Rollups also count clicks whose raw rows were purged.
                           dim is total, widget, link, or one of:%s

        CSV files follow RFC 4180 (UTF-8, a header line); a text value that starts with =, +, -
        or @ is written with a leading ' so that spreadsheets do not run it as a formula.
        """
        .formatted(dims);
  }
}
