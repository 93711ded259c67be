package io.linkscope.collector.retention;

import io.linkscope.api.Json;
import io.linkscope.api.retention.RetentionInput;
import io.linkscope.api.retention.WorkspaceDeletion;
import io.linkscope.collector.http.ApiRequest;
import io.linkscope.collector.http.HttpError;
import io.linkscope.collector.http.Reply;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The API of retention, of deleting a link's clicks and of deleting the workspace. */
public final class RetentionHandlers {
  private final Retention retention;
  private final WorkspaceDeletions deletions;

  public RetentionHandlers(Retention retention, WorkspaceDeletions deletions) {
    this.retention = retention;
    this.deletions = deletions;
  }

  /** {@code GET /api/v1/retention}: the retention and the latest purges. */
  public Reply get(ApiRequest request) throws Exception {
    return Reply.ok(retention.view(request.workspaceId()));
  }

  /** {@code PUT /api/v1/retention}: {@code {"rawClickDays": 90}}, or null to keep every click. */
  public Reply put(ApiRequest request) throws Exception {
    RetentionInput input = Json.readStrict(request.body(), RetentionInput.class);
    Integer days = input.rawClickDays();
    if (days != null && (days < 1 || days > Retention.MAX_DAYS)) {
      throw HttpError.invalidField(
          "rawClickDays",
          "must be a whole number of days from 1 to " + Retention.MAX_DAYS + ", or null.");
    }
    retention.setRawClickDays(request.workspaceId(), days);
    return Reply.ok(retention.view(request.workspaceId()));
  }

  /** {@code POST /api/v1/retention/purge}: purges now instead of at the next background run. */
  public Reply purge(ApiRequest request) throws Exception {
    return Reply.ok(
        retention
            .purgeWorkspace(request.workspaceId())
            .orElseThrow(
                () ->
                    HttpError.conflict(
                        "no_retention",
                        "The workspace keeps every raw click: set rawClickDays first.")));
  }

  /** {@code DELETE /api/v1/links/{id}/clicks}: the link's raw clicks and its own statistics. */
  public Reply deleteLinkClicks(ApiRequest request) throws Exception {
    long linkId = request.pathId("id", "The link");
    return Reply.ok(
        retention
            .purgeLink(request.workspaceId(), linkId)
            .orElseThrow(() -> HttpError.notFound("The link")));
  }

  /**
   * {@code DELETE /api/v1/workspace?confirm=<slug>}: the key's workspace with all its data; 202,
   * the data goes in the background.
   */
  public Reply deleteWorkspace(ApiRequest request) throws Exception {
    String slug =
        deletions
            .slug(request.workspaceId())
            .orElseThrow(() -> HttpError.notFound("The workspace"));
    if (!request.query("confirm").orElse("").equals(slug)) {
      throw HttpError.invalidParameter(
          "confirm",
          "must be the workspace's slug, '" + slug + "', to delete it with all its data.");
    }
    WorkspaceDeletion deletion = deletions.request(request.workspaceId());
    return new Reply(
        202,
        "application/json; charset=utf-8",
        Json.write(deletion).getBytes(StandardCharsets.UTF_8),
        Map.of());
  }
}
