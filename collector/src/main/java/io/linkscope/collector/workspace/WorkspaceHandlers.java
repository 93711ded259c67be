package io.linkscope.collector.workspace;

import io.linkscope.api.Json;
import io.linkscope.api.workspace.ApiKeyCreated;
import io.linkscope.api.workspace.ApiKeyInput;
import io.linkscope.collector.auth.ApiKeys;
import io.linkscope.collector.auth.Role;
import io.linkscope.collector.http.ApiRequest;
import io.linkscope.collector.http.HttpError;
import io.linkscope.collector.http.Reply;
import java.time.Clock;

/** The API endpoints of a caller's own workspace and its keys. */
public final class WorkspaceHandlers {
  private final Workspaces workspaces;
  private final ApiKeys keys;
  private final Clock clock;

  public WorkspaceHandlers(Workspaces workspaces, ApiKeys keys, Clock clock) {
    this.workspaces = workspaces;
    this.keys = keys;
    this.clock = clock;
  }

  public Reply current(ApiRequest request) throws Exception {
    return Reply.ok(
        workspaces
            .find(request.workspaceId())
            .orElseThrow(() -> HttpError.notFound("The workspace")));
  }

  public Reply listKeys(ApiRequest request) throws Exception {
    return Reply.ok(keys.list(request.workspaceId()));
  }

  public Reply createKey(ApiRequest request) throws Exception {
    ApiKeyInput input = Json.readStrict(request.body(), ApiKeyInput.class);
    if (input.name() == null || input.name().isBlank() || input.name().length() > 200) {
      throw HttpError.invalidField("name", "is required, at most 200 characters.");
    }
    Role role =
        Role.parse(input.role())
            .orElseThrow(
                () -> HttpError.invalidField("role", "must be one of admin, editor, viewer."));
    if (input.expiresAt() != null && !input.expiresAt().isAfter(clock.instant())) {
      throw HttpError.invalidField("expiresAt", "must be in the future.");
    }
    ApiKeys.Created created =
        keys.create(request.workspaceId(), input.name().strip(), role, input.expiresAt());
    return Reply.created(new ApiKeyCreated(created.view(), created.secret()));
  }

  public Reply revokeKey(ApiRequest request) throws Exception {
    long id = request.pathId("id", "The API key");
    if (id == request.principal().keyId()) {
      throw HttpError.conflict("cannot_revoke_self", "A key cannot revoke itself.");
    }
    if (!keys.revoke(request.workspaceId(), id)) {
      throw HttpError.notFound("The API key");
    }
    return Reply.noContent();
  }
}
