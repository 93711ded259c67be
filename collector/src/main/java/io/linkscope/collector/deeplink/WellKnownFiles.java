package io.linkscope.collector.deeplink;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.linkscope.api.gate.WellKnownFileView;
import io.linkscope.collector.db.ChangeLog;
import io.linkscope.collector.db.DatabaseUnavailableException;
import io.linkscope.collector.db.Sql;
import io.linkscope.collector.http.ApiRequest;
import io.linkscope.collector.http.HttpError;
import io.linkscope.collector.http.MessagePage;
import io.linkscope.collector.http.Offload;
import io.linkscope.collector.http.Reply;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;

/**
 * The {@code /.well-known/apple-app-site-association} and {@code /.well-known/assetlinks.json}
 * files of each domain: set through the API by the workspace that owns the domain (validated on
 * save), served publicly from memory.
 *
 * <p>A custom domain is claimed by the first workspace that uses it (a link or a file here), as
 * links do. The default domain (the API's {@code domain} left out) belongs to the first workspace,
 * which also owns its unknown paths. A request on a claimed domain gets that domain's file; any
 * other host is the default domain and gets the default domain's.
 */
public final class WellKnownFiles {
  private static final Pattern HOST =
      Pattern.compile(
          "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final HttpField JSON =
      new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "application/json");
  private static final HttpField HTML =
      new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
  private static final HttpField CACHE =
      new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, "public, max-age=300");
  private static final ByteBuffer NOT_FOUND =
      MessagePage.of("Not found", "There is no file at this address.");
  private static final ByteBuffer UNAVAILABLE =
      MessagePage.of("Temporarily unavailable", "Try again shortly.");

  private final DataSource dataSource;
  private final Clock clock;

  /** Served files by (host, name): the bytes, or empty when there is none. */
  private final LoadingCache<Key, Optional<ByteBuffer>> served;

  private record Key(String host, String name) {}

  public WellKnownFiles(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
    this.served =
        Caffeine.newBuilder()
            .maximumSize(10_000)
            .refreshAfterWrite(Duration.ofMinutes(1))
            .build(this::load);
  }

  // --- API ---

  /** {@code GET /api/v1/well-known}: every file of the workspace. */
  public Reply list(ApiRequest request) throws SQLException {
    return Reply.ok(
        Sql.of(
                "SELECT host, name, body, updated_at FROM well_known_file WHERE workspace_id = ?"
                    + " ORDER BY host, name",
                request.workspaceId())
            .list(
                dataSource,
                row ->
                    view(
                        row.getString("host"),
                        row.getString("name"),
                        row.getString("body"),
                        Sql.instant(row, "updated_at"))));
  }

  /** {@code GET /api/v1/well-known/{file}?domain=}: one file. */
  public Reply get(ApiRequest request) throws SQLException {
    String file = file(request);
    String host = host(request);
    return Reply.ok(
        Sql.of(
                "SELECT body, updated_at FROM well_known_file"
                    + " WHERE host = ? AND name = ? AND workspace_id = ?",
                host,
                file,
                request.workspaceId())
            .one(
                dataSource,
                row -> view(host, file, row.getString("body"), Sql.instant(row, "updated_at")))
            .orElseThrow(() -> HttpError.notFound("The file")));
  }

  /** {@code PUT /api/v1/well-known/{file}?domain=}: the body is the file's JSON, as served. */
  public Reply put(ApiRequest request) throws SQLException {
    String file = file(request);
    String host = host(request);
    JsonElement json = WellKnownRules.validate(file, request.body());
    String body = json.toString();
    claim(host, request.workspaceId());
    var now = clock.instant();
    Sql.inTransaction(
        dataSource,
        c -> {
          Sql.of(
                  """
                  INSERT INTO well_known_file (host, name, workspace_id, body, updated_at)
                  VALUES (?, ?, ?, ?, ?)
                  ON DUPLICATE KEY UPDATE body = VALUES(body), updated_at = VALUES(updated_at)
                  """,
                  host,
                  file,
                  request.workspaceId(),
                  body,
                  now)
              .update(c);
          ChangeLog.append(c, ChangeLog.Kind.WELL_KNOWN, request.workspaceId(), 0, host);
        });
    served.invalidateAll();
    return Reply.ok(view(host, file, body, now));
  }

  /** {@code DELETE /api/v1/well-known/{file}?domain=}. */
  public Reply delete(ApiRequest request) throws SQLException {
    String file = file(request);
    String host = host(request);
    int deleted =
        Sql.transaction(
            dataSource,
            c -> {
              int rows =
                  Sql.of(
                          "DELETE FROM well_known_file"
                              + " WHERE host = ? AND name = ? AND workspace_id = ?",
                          host,
                          file,
                          request.workspaceId())
                      .update(c);
              if (rows > 0) {
                ChangeLog.append(c, ChangeLog.Kind.WELL_KNOWN, request.workspaceId(), 0, host);
              }
              return rows;
            });
    if (deleted == 0) {
      throw HttpError.notFound("The file");
    }
    served.invalidateAll();
    return Reply.noContent();
  }

  /**
   * Forgets the files served from memory, after a change made through another collector (the change
   * feed). There are a few files per domain, so all are read again.
   */
  public void forgetServed() {
    served.invalidateAll();
  }

  private static String file(ApiRequest request) {
    String file = request.path("file");
    if (!WellKnownRules.isKnown(file)) {
      throw HttpError.badRequest(
          "unknown_file",
          "The file must be '"
              + WellKnownRules.APPLE
              + "' or '"
              + WellKnownRules.ANDROID
              + "', not '"
              + file
              + "'.");
    }
    return file;
  }

  private static String host(ApiRequest request) {
    String domain = request.query("domain").orElse("").strip().toLowerCase(Locale.ROOT);
    if (domain.endsWith(".")) {
      domain = domain.substring(0, domain.length() - 1);
    }
    if (!domain.isEmpty() && !HOST.matcher(domain).matches()) {
      throw HttpError.invalidParameter(
          "domain", "must be a host name such as go.example.com (no scheme, port or path).");
    }
    return domain;
  }

  /**
   * Makes sure the workspace owns {@code host}: a custom domain is claimed if nobody has it; the
   * default domain belongs to the first workspace.
   */
  private void claim(String host, long workspaceId) throws SQLException {
    boolean owns =
        Sql.withConnection(
            dataSource,
            c -> {
              if (host.isEmpty()) {
                return Sql.of("SELECT MIN(id) FROM workspace")
                    .one(c, row -> row.getLong(1) == workspaceId)
                    .orElse(false);
              }
              if (Sql.of(
                          "INSERT IGNORE INTO domain (host, workspace_id) VALUES (?, ?)",
                          host,
                          workspaceId)
                      .update(c)
                  == 1) {
                // Other collectors may know the host as no custom domain yet.
                ChangeLog.append(c, ChangeLog.Kind.DOMAIN, workspaceId, 0, host);
              }
              return Sql.of("SELECT workspace_id FROM domain WHERE host = ?", host)
                  .one(c, row -> row.getLong(1) == workspaceId)
                  .orElse(false);
            });
    if (!owns) {
      throw HttpError.conflict(
          "domain_taken",
          host.isEmpty()
              ? "The default domain's files are set by the collector's first workspace."
              : "The domain '" + host + "' belongs to another workspace.");
    }
  }

  private static WellKnownFileView view(String host, String file, String body, Instant updatedAt) {
    return new WellKnownFileView(host, file, JsonParser.parseString(body), updatedAt);
  }

  // --- Public files ---

  private Optional<ByteBuffer> load(Key key) {
    try {
      return Sql.withConnection(
          dataSource,
          c -> {
            Optional<String> own =
                Sql.of(
                        "SELECT body FROM well_known_file WHERE host = ? AND name = ?",
                        key.host(),
                        key.name())
                    .one(c, row -> row.getString(1));
            if (own.isEmpty()
                && !key.host().isEmpty()
                && !Sql.of("SELECT 1 FROM domain WHERE host = ?", key.host()).exists(c)) {
              // Not a claimed domain: another name of the default domain.
              own =
                  Sql.of(
                          "SELECT body FROM well_known_file WHERE host = '' AND name = ?",
                          key.name())
                      .one(c, row -> row.getString(1));
            }
            return own.map(
                body -> BufferUtil.toBuffer(body, StandardCharsets.UTF_8).asReadOnlyBuffer());
          });
    } catch (SQLException e) {
      throw new DatabaseUnavailableException(e);
    }
  }

  /** The public handler of {@code /.well-known/...}: from memory, else read on a worker thread. */
  public Handler publicHandler() {
    return new Handler.Abstract.NonBlocking() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        String path = Request.getPathInContext(request);
        String name = path.startsWith("/.well-known/") ? path.substring(13) : "";
        if (!WellKnownRules.isKnown(name)) {
          return write(response, callback, 404, null, NOT_FOUND);
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
          response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
          return write(response, callback, 405, null, NOT_FOUND);
        }
        String host = Request.getServerName(request);
        Key key = new Key(host == null ? "" : host.toLowerCase(Locale.ROOT), name);
        Optional<ByteBuffer> inMemory = served.getIfPresent(key);
        if (inMemory != null) {
          return answer(response, callback, inMemory);
        }
        return Offload.toWorker(
            request,
            response,
            callback,
            () -> {
              Optional<ByteBuffer> file;
              try {
                file = served.get(key);
              } catch (DatabaseUnavailableException e) {
                response.getHeaders().put(HttpHeader.RETRY_AFTER, "5");
                return write(response, callback, 503, null, UNAVAILABLE);
              }
              return answer(response, callback, file);
            });
      }
    };
  }

  private static boolean answer(Response response, Callback callback, Optional<ByteBuffer> file) {
    if (file.isEmpty()) {
      return write(response, callback, 404, null, NOT_FOUND);
    }
    response.getHeaders().put(CACHE);
    return write(response, callback, 200, JSON, file.get());
  }

  private static boolean write(
      Response response, Callback callback, int status, @Nullable HttpField type, ByteBuffer body) {
    response.setStatus(status);
    response.getHeaders().put(type != null ? type : HTML);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.remaining());
    response.write(true, body.slice(), callback);
    return true;
  }
}
