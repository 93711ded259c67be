package io.linkscope.collector.link;

import io.linkscope.api.Json;
import io.linkscope.api.bulk.BulkCount;
import io.linkscope.api.bulk.BulkCreate;
import io.linkscope.api.bulk.BulkIds;
import io.linkscope.api.bulk.BulkLinks;
import io.linkscope.api.bulk.BulkTags;
import io.linkscope.api.bulk.BulkUpdate;
import io.linkscope.collector.http.ApiRequest;
import io.linkscope.collector.http.HttpError;
import io.linkscope.collector.http.Reply;
import java.util.List;

/**
 * The JSON endpoints of bulk changes: create, patch, delete, tag and untag up to 1,000 links in one
 * request, all or nothing.
 */
public final class BulkHandlers {
  /** A thousand links of full size fit; anything larger is refused before it is parsed. */
  public static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

  private final ManyLinks bulk;

  public BulkHandlers(ManyLinks bulk) {
    this.bulk = bulk;
  }

  public Reply create(ApiRequest request) throws Exception {
    BulkCreate body = Json.readStrict(request.body(MAX_BODY_BYTES), BulkCreate.class);
    return Reply.created(
        new BulkLinks(bulk.create(request.workspaceId(), required("links", body.links()))));
  }

  public Reply update(ApiRequest request) throws Exception {
    BulkUpdate body = Json.readStrict(request.body(MAX_BODY_BYTES), BulkUpdate.class);
    return Reply.ok(
        new BulkLinks(bulk.update(request.workspaceId(), required("items", body.items()))));
  }

  public Reply delete(ApiRequest request) throws Exception {
    BulkIds body = Json.readStrict(request.body(MAX_BODY_BYTES), BulkIds.class);
    return Reply.ok(new BulkCount(bulk.delete(request.workspaceId(), required("ids", body.ids()))));
  }

  public Reply tag(ApiRequest request) throws Exception {
    BulkTags body = Json.readStrict(request.body(MAX_BODY_BYTES), BulkTags.class);
    return Reply.ok(
        new BulkCount(bulk.tag(request.workspaceId(), required("ids", body.ids()), body.tags())));
  }

  public Reply untag(ApiRequest request) throws Exception {
    BulkTags body = Json.readStrict(request.body(MAX_BODY_BYTES), BulkTags.class);
    return Reply.ok(
        new BulkCount(bulk.untag(request.workspaceId(), required("ids", body.ids()), body.tags())));
  }

  /** Gson leaves a missing list null, whatever the record says. */
  @SuppressWarnings("NullAway")
  private static <T> List<T> required(String field, List<T> list) {
    if (list == null) {
      throw HttpError.invalidField(field, "is required: a list of 1 to 1,000 links.");
    }
    return list;
  }
}
