package io.linkscope.collector.live;

import io.linkscope.collector.db.Sql;
import io.linkscope.collector.http.ApiRequest;
import io.linkscope.collector.http.HttpError;
import java.nio.ByteBuffer;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /api/v1/live}: the workspace's events as Server-Sent Events, optionally only those of
 * some links ({@code link=1,2}) or of the links with a tag ({@code tag=}, resolved when the stream
 * opens); a {@code Last-Event-ID} header resumes after that event. The client must accept {@code
 * text/event-stream}.
 */
public final class LiveHandlers {
  private static final int MAX_LINKS = 100;

  private final LiveHub hub;
  private final DataSource dataSource;

  public LiveHandlers(LiveHub hub, DataSource dataSource) {
    this.hub = hub;
    this.dataSource = dataSource;
  }

  /**
   * Opens a stream; what is wrong with the request is answered as JSON before the stream starts.
   */
  public void stream(ApiRequest request, Response response, Callback callback) throws SQLException {
    requireEventStreamAccepted(request.header("Accept"));
    long workspaceId = request.workspaceId();
    LiveFilter filter = new LiveFilter(workspaceId, links(request, workspaceId));
    @Nullable Long lastEventId = lastEventId(request.header("Last-Event-ID"));
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    // Proxies such as nginx would otherwise buffer the stream.
    response.getHeaders().put("X-Accel-Buffering", "no");
    hub.open(filter, request.principal().keyId(), lastEventId, response, callback);
  }

  /**
   * The stream never ends, so a client must say that it reads one: an Accept header that allows
   * {@code text/event-stream} (EventSource sends it, curl's {@code *}{@code /*} allows it). A
   * client that sends none expects an answer that ends, and would wait forever: it gets a 406.
   */
  private static void requireEventStreamAccepted(@Nullable String accept) {
    String value = accept == null ? "" : accept.toLowerCase(Locale.ROOT);
    if (!value.contains("text/event-stream")
        && !value.contains("text/*")
        && !value.contains("*/*")) {
      throw new HttpError(
          406,
          "not_acceptable",
          "This endpoint answers with an endless text/event-stream; send 'Accept:"
              + " text/event-stream'.");
    }
  }

  private @Nullable Set<Long> links(ApiRequest request, long workspaceId) throws SQLException {
    Optional<String> ids = request.query("link");
    Optional<String> tag = request.query("tag");
    if (ids.isEmpty() && tag.isEmpty()) {
      return null;
    }
    Set<Long> links = new HashSet<>();
    if (ids.isPresent()) {
      for (String id : ids.get().split(",", -1)) {
        links.add(linkId(id.strip()));
      }
      if (links.size() > MAX_LINKS) {
        throw HttpError.invalidParameter("link", "At most " + MAX_LINKS + " link ids.");
      }
    }
    if (tag.isPresent()) {
      String name = tag.get().strip();
      if (name.isEmpty() || name.length() > 64) {
        throw HttpError.invalidParameter("tag", "A tag has 1 to 64 characters.");
      }
      links.addAll(
          Sql.of(
                  """
                  SELECT t.link_id FROM link_tag t JOIN link l ON l.id = t.link_id
                  WHERE l.workspace_id = ? AND t.tag = ?
                  """,
                  workspaceId,
                  name)
              .list(dataSource, row -> row.getLong(1)));
    }
    return links;
  }

  private static long linkId(String text) {
    try {
      long id = Long.parseLong(text);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // Answered below.
    }
    throw HttpError.invalidParameter(
        "link", "Give link ids as positive whole numbers separated by commas.");
  }

  private static @Nullable Long lastEventId(@Nullable String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(header.strip());
    } catch (NumberFormatException e) {
      throw HttpError.badRequest(
          "invalid_last_event_id", "Last-Event-ID must be the id of an event of this stream.");
    }
  }

  /**
   * The link of a stored click of the workspace, 0 when there is no such click (yet) or MariaDB
   * does not answer: the live view then shows the conversion without its link.
   */
  public static long linkOfClick(DataSource dataSource, long workspaceId, UUID clickId) {
    byte[] id =
        ByteBuffer.allocate(16)
            .putLong(clickId.getMostSignificantBits())
            .putLong(clickId.getLeastSignificantBits())
            .array();
    try {
      return Sql.of(
              "SELECT link_id FROM click WHERE click_id = ? AND workspace_id = ?", id, workspaceId)
          .one(dataSource, row -> row.getLong(1))
          .orElse(0L);
    } catch (SQLException e) {
      return 0;
    }
  }
}
