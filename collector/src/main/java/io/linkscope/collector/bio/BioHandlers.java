package io.linkscope.collector.bio;

import io.linkscope.api.Json;
import io.linkscope.api.bio.BioPageInput;
import io.linkscope.api.bio.BioWidgetInput;
import io.linkscope.api.bio.BioWidgetOrder;
import io.linkscope.collector.http.ApiRequest;
import io.linkscope.collector.http.Reply;

/** The JSON endpoints of bio pages and their widgets, and the owner's preview. */
public final class BioHandlers {
  private final BioPages pages;

  public BioHandlers(BioPages pages) {
    this.pages = pages;
  }

  public Reply list(ApiRequest request) throws Exception {
    return Reply.ok(pages.list(request.workspaceId()));
  }

  public Reply create(ApiRequest request) throws Exception {
    BioPageInput input = Json.readStrict(request.body(), BioPageInput.class);
    return Reply.created(pages.create(request.workspaceId(), input));
  }

  public Reply get(ApiRequest request) throws Exception {
    return Reply.ok(pages.get(request.workspaceId(), pageId(request)));
  }

  public Reply update(ApiRequest request) throws Exception {
    return Reply.ok(
        pages.update(request.workspaceId(), pageId(request), Json.parseObject(request.body())));
  }

  public Reply delete(ApiRequest request) throws Exception {
    pages.delete(request.workspaceId(), pageId(request));
    return Reply.noContent();
  }

  public Reply publish(ApiRequest request) throws Exception {
    return Reply.ok(pages.setPublished(request.workspaceId(), pageId(request), true));
  }

  public Reply unpublish(ApiRequest request) throws Exception {
    return Reply.ok(pages.setPublished(request.workspaceId(), pageId(request), false));
  }

  /** The page's HTML for its owner, published or not; not tracked and not indexed. */
  public Reply preview(ApiRequest request) throws Exception {
    return Reply.text(
            200, "text/html; charset=utf-8", pages.preview(request.workspaceId(), pageId(request)))
        .withHeader("Content-Security-Policy", BioPublicHandler.CONTENT_SECURITY_POLICY);
  }

  public Reply addWidget(ApiRequest request) throws Exception {
    BioWidgetInput input = Json.readStrict(request.body(), BioWidgetInput.class);
    return Reply.created(pages.addWidget(request.workspaceId(), pageId(request), input));
  }

  public Reply updateWidget(ApiRequest request) throws Exception {
    return Reply.ok(
        pages.updateWidget(
            request.workspaceId(),
            pageId(request),
            request.pathId("widgetId", "The widget"),
            Json.parseObject(request.body())));
  }

  public Reply deleteWidget(ApiRequest request) throws Exception {
    pages.deleteWidget(
        request.workspaceId(), pageId(request), request.pathId("widgetId", "The widget"));
    return Reply.noContent();
  }

  public Reply reorder(ApiRequest request) throws Exception {
    BioWidgetOrder order = Json.readStrict(request.body(), BioWidgetOrder.class);
    return Reply.ok(pages.reorder(request.workspaceId(), pageId(request), order));
  }

  private static long pageId(ApiRequest request) {
    return request.pathId("id", "The page");
  }
}
