package io.linkscope.collector.link;

import com.google.gson.JsonObject;
import io.linkscope.api.Json;
import io.linkscope.api.link.LinkInput;
import io.linkscope.api.link.LinkQuery;
import io.linkscope.api.routing.Promotion;
import io.linkscope.collector.http.ApiRequest;
import io.linkscope.collector.http.HttpError;
import io.linkscope.collector.http.Reply;
import io.linkscope.collector.qr.QrCodes;
import io.linkscope.collector.qr.QrRequest;
import io.linkscope.collector.routing.RoutingShape;
import java.util.Objects;

/** The JSON endpoints of links: CRUD, listing and QR codes. */
public final class LinkHandlers {
  private final Links links;
  private final QrCodes qrCodes;

  public LinkHandlers(Links links, QrCodes qrCodes) {
    this.links = links;
    this.qrCodes = qrCodes;
  }

  public Reply create(ApiRequest request) throws Exception {
    JsonObject body = Json.parseObject(request.body());
    RoutingShape.check(body);
    LinkInput input = Json.readStrict(body, LinkInput.class);
    return Reply.created(links.create(request.workspaceId(), input));
  }

  public Reply get(ApiRequest request) throws Exception {
    return Reply.ok(links.get(request.workspaceId(), request.pathId("id", "The link")));
  }

  public Reply list(ApiRequest request) throws Exception {
    LinkQuery query =
        new LinkQuery(
            request.query("q").orElse(null),
            request.query("tag").orElse(null),
            request.query("sort").orElse(null),
            request.queryInt("offset", 0, 0, Integer.MAX_VALUE),
            request.queryInt("limit", 50, 1, 500));
    return Reply.ok(links.list(request.workspaceId(), query));
  }

  public Reply update(ApiRequest request) throws Exception {
    long id = request.pathId("id", "The link");
    return Reply.ok(links.update(request.workspaceId(), id, Json.parseObject(request.body())));
  }

  /** {@code POST /api/v1/links/{id}/experiment/promote}: {@code {"variantId": n}}. */
  public Reply promote(ApiRequest request) throws Exception {
    long id = request.pathId("id", "The link");
    Promotion promotion = Json.readStrict(request.body(), Promotion.class);
    return Reply.ok(links.promote(request.workspaceId(), id, promotion.variantId()));
  }

  public Reply delete(ApiRequest request) throws Exception {
    links.delete(request.workspaceId(), request.pathId("id", "The link"));
    return Reply.noContent();
  }

  public Reply qrPng(ApiRequest request) throws Exception {
    Link link = links.find(request.workspaceId(), request.pathId("id", "The link"));
    QrRequest qr = qrRequest(request);
    return Reply.bytes("image/png", qrCodes.png(links.shortUrl(link), qr.size(), qr.margin()));
  }

  public Reply qrSvg(ApiRequest request) throws Exception {
    Link link = links.find(request.workspaceId(), request.pathId("id", "The link"));
    QrRequest qr = qrRequest(request);
    return Reply.text(
        200,
        "image/svg+xml; charset=utf-8",
        qrCodes.svg(links.shortUrl(link), qr.size(), qr.margin()));
  }

  private static QrRequest qrRequest(ApiRequest request) {
    try {
      // A blank parameter takes its default, as a missing one does.
      return QrRequest.parse(request.query("size").orElse(""), request.query("margin").orElse(""));
    } catch (IllegalArgumentException e) {
      throw HttpError.badRequest(
          "invalid_parameter",
          Objects.requireNonNullElse(e.getMessage(), "The QR code's size or margin is invalid."));
    }
  }
}
