package io.linkscope.api;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.reflect.TypeToken;
import io.linkscope.api.bio.BioPageInput;
import io.linkscope.api.bio.BioPageView;
import io.linkscope.api.bio.BioWidgetInput;
import io.linkscope.api.bio.BioWidgetOrder;
import io.linkscope.api.bio.BioWidgetView;
import io.linkscope.api.bulk.BulkCount;
import io.linkscope.api.bulk.BulkCreate;
import io.linkscope.api.bulk.BulkIds;
import io.linkscope.api.bulk.BulkLinks;
import io.linkscope.api.bulk.BulkTags;
import io.linkscope.api.bulk.BulkUpdate;
import io.linkscope.api.click.ClickPage;
import io.linkscope.api.click.ClickTotals;
import io.linkscope.api.cluster.CollectorView;
import io.linkscope.api.conversion.ConversionInput;
import io.linkscope.api.conversion.ConversionReceipt;
import io.linkscope.api.conversion.ConversionReport;
import io.linkscope.api.conversion.CostPerConversion;
import io.linkscope.api.conversion.Experiment;
import io.linkscope.api.conversion.PostbackSecret;
import io.linkscope.api.gate.WellKnownFileView;
import io.linkscope.api.importing.ImportReport;
import io.linkscope.api.link.LinkInput;
import io.linkscope.api.link.LinkPage;
import io.linkscope.api.link.LinkQuery;
import io.linkscope.api.link.LinkView;
import io.linkscope.api.live.LiveFeed;
import io.linkscope.api.live.LiveQuery;
import io.linkscope.api.retention.PurgeReport;
import io.linkscope.api.retention.RetentionInput;
import io.linkscope.api.retention.RetentionView;
import io.linkscope.api.retention.WorkspaceDeletion;
import io.linkscope.api.routing.Promotion;
import io.linkscope.api.stats.Breakdown;
import io.linkscope.api.stats.CampaignReport;
import io.linkscope.api.stats.CostReport;
import io.linkscope.api.stats.Dimension;
import io.linkscope.api.stats.Heatmap;
import io.linkscope.api.stats.LinkCost;
import io.linkscope.api.stats.LinkReport;
import io.linkscope.api.stats.Orphans;
import io.linkscope.api.stats.Overview;
import io.linkscope.api.stats.PageReport;
import io.linkscope.api.stats.Series;
import io.linkscope.api.stats.StatsQuery;
import io.linkscope.api.stats.Summary;
import io.linkscope.api.stats.Velocity;
import io.linkscope.api.sync.SyncLinks;
import io.linkscope.api.sync.SyncRollups;
import io.linkscope.api.webhook.WebhookAttempt;
import io.linkscope.api.webhook.WebhookAttemptPage;
import io.linkscope.api.webhook.WebhookEndpointCreated;
import io.linkscope.api.webhook.WebhookEndpointInput;
import io.linkscope.api.webhook.WebhookEndpointView;
import io.linkscope.api.webhook.WebhookQueued;
import io.linkscope.api.webhook.WebhookReplay;
import io.linkscope.api.webhook.WebhookSecret;
import io.linkscope.api.workspace.ApiKeyCreated;
import io.linkscope.api.workspace.ApiKeyInput;
import io.linkscope.api.workspace.ApiKeyView;
import io.linkscope.api.workspace.WorkspaceView;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP client of the collector's JSON API, used by the desktop app and the tests. One instance
 * talks to one collector with one API key; it is thread-safe.
 */
public final class LinkscopeClient {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final HttpUrl baseUrl;
  private final @Nullable String apiKey;
  private final OkHttpClient http;

  public LinkscopeClient(String baseUrl, @Nullable String apiKey) {
    this(baseUrl, apiKey, defaultHttp());
  }

  public LinkscopeClient(String baseUrl, @Nullable String apiKey, OkHttpClient http) {
    this.baseUrl = Objects.requireNonNull(HttpUrl.parse(baseUrl), "not an http(s) URL: " + baseUrl);
    this.apiKey = apiKey;
    this.http = http;
  }

  /** An OkHttp client with timeouts suited to an interactive app; redirects are not followed. */
  public static OkHttpClient defaultHttp() {
    return new OkHttpClient.Builder()
        .connectTimeout(Duration.ofSeconds(5))
        .readTimeout(Duration.ofSeconds(60))
        .followRedirects(false)
        .build();
  }

  public HttpUrl baseUrl() {
    return baseUrl;
  }

  // --- workspace and keys

  public WorkspaceView workspace() {
    return get("api/v1/workspace", Map.of(), WorkspaceView.class);
  }

  public ApiKeyCreated createKey(ApiKeyInput input) {
    return send("POST", "api/v1/keys", input, ApiKeyCreated.class);
  }

  public List<ApiKeyView> keys() {
    return get(
        "api/v1/keys",
        Map.of(),
        TypeToken.getParameterized(List.class, ApiKeyView.class).getType());
  }

  public void revokeKey(long id) {
    send("DELETE", "api/v1/keys/" + id, null, Void.class);
  }

  // --- links

  public LinkView createLink(LinkInput input) {
    return send("POST", "api/v1/links", input, LinkView.class);
  }

  public LinkView link(long id) {
    return get("api/v1/links/" + id, Map.of(), LinkView.class);
  }

  public LinkPage links(LinkQuery query) {
    Map<String, String> params = new LinkedHashMap<>();
    putIfPresent(params, "q", query.search());
    putIfPresent(params, "tag", query.tag());
    putIfPresent(params, "sort", query.sort());
    params.put("offset", Integer.toString(query.offset()));
    params.put("limit", Integer.toString(query.limit()));
    return get("api/v1/links", params, LinkPage.class);
  }

  /** Changes only the fields present in {@code patch}; a JSON null clears an optional field. */
  public LinkView updateLink(long id, JsonObject patch) {
    return send("PATCH", "api/v1/links/" + id, patch, LinkView.class);
  }

  public void deleteLink(long id) {
    send("DELETE", "api/v1/links/" + id, null, Void.class);
  }

  /**
   * Makes the variant the link's target and ends its split (editor); the variants and their
   * statistics stay, and {@link #experiment} keeps showing the finished test.
   */
  public LinkView promoteVariant(long linkId, long variantId) {
    return send(
        "POST",
        "api/v1/links/" + linkId + "/experiment/promote",
        new Promotion(variantId),
        LinkView.class);
  }

  public byte[] linkQrPng(long id, int size, int margin) {
    return bytes(
        "api/v1/links/" + id + "/qr.png", Map.of("size", "" + size, "margin", "" + margin));
  }

  public String linkQrSvg(long id, int size, int margin) {
    return new String(
        bytes("api/v1/links/" + id + "/qr.svg", Map.of("size", "" + size, "margin", "" + margin)),
        StandardCharsets.UTF_8);
  }

  // --- clicks

  public ClickPage clicks(
      long linkId, @Nullable Instant from, @Nullable Instant to, int offset, int limit) {
    Map<String, String> params = new LinkedHashMap<>();
    putIfPresent(params, "from", from == null ? null : from.toString());
    putIfPresent(params, "to", to == null ? null : to.toString());
    params.put("offset", Integer.toString(offset));
    params.put("limit", Integer.toString(limit));
    return get("api/v1/links/" + linkId + "/clicks", params, ClickPage.class);
  }

  public ClickTotals clickTotals(long linkId, @Nullable Instant from, @Nullable Instant to) {
    Map<String, String> params = new LinkedHashMap<>();
    putIfPresent(params, "from", from == null ? null : from.toString());
    putIfPresent(params, "to", to == null ? null : to.toString());
    return get("api/v1/links/" + linkId + "/totals", params, ClickTotals.class);
  }

  // --- statistics (scope, range, time zone, filters and bot switch from a StatsQuery)

  /** Summary, series, every breakdown and the heatmap of a link, tag, page or workspace. */
  public LinkReport statsReport(StatsQuery query, String granularity, int top) {
    Map<String, String> params = statsParams(query);
    params.put("granularity", granularity);
    params.put("top", Integer.toString(top));
    return get("api/v1/stats/report", params, LinkReport.class);
  }

  public Summary statsSummary(StatsQuery query) {
    return get("api/v1/stats/summary", statsParams(query), Summary.class);
  }

  /** A series at hour, day, week or month granularity with the previous period. */
  public Series statsSeries(StatsQuery query, String granularity) {
    Map<String, String> params = statsParams(query);
    params.put("granularity", granularity);
    return get("api/v1/stats/series", params, Series.class);
  }

  public Breakdown statsBreakdown(StatsQuery query, Dimension dimension, int top) {
    Map<String, String> params = statsParams(query);
    params.put("top", Integer.toString(top));
    return get("api/v1/stats/breakdowns/" + dimension.wireName(), params, Breakdown.class);
  }

  public Heatmap statsHeatmap(StatsQuery query) {
    return get("api/v1/stats/heatmap", statsParams(query), Heatmap.class);
  }

  public Velocity statsVelocity(StatsQuery query) {
    return get("api/v1/stats/velocity", statsParams(query), Velocity.class);
  }

  /** The workspace dashboard; the query's scope must be empty (the whole workspace). */
  public Overview statsOverview(StatsQuery query, String granularity, int top) {
    Map<String, String> params = statsParams(query);
    params.put("granularity", granularity);
    params.put("top", Integer.toString(top));
    return get("api/v1/stats/overview", params, Overview.class);
  }

  /** The links of a tag side by side; the query's scope must be empty. */
  public CampaignReport statsCampaign(String tag, StatsQuery query) {
    return get("api/v1/stats/campaigns/" + tag, statsParams(query), CampaignReport.class);
  }

  /** Views, breakdowns and taps per widget of a bio page; the query's scope must be empty. */
  public PageReport statsPage(long pageId, StatsQuery query) {
    return get("api/v1/stats/pages/" + pageId, statsParams(query), PageReport.class);
  }

  /** Enters impressions and spend of a link for one channel and period. */
  public LinkCost addLinkCost(long linkId, LinkCost cost) {
    return send("POST", "api/v1/links/" + linkId + "/costs", cost, LinkCost.class);
  }

  public List<LinkCost> linkCosts(long linkId) {
    return get(
        "api/v1/links/" + linkId + "/costs",
        Map.of(),
        TypeToken.getParameterized(List.class, LinkCost.class).getType());
  }

  public void deleteLinkCost(long linkId, long costId) {
    send("DELETE", "api/v1/links/" + linkId + "/costs/" + costId, null, Void.class);
  }

  // --- webhooks

  public List<WebhookEndpointView> webhookEndpoints() {
    return get(
        "api/v1/webhooks",
        Map.of(),
        TypeToken.getParameterized(List.class, WebhookEndpointView.class).getType());
  }

  /** Creates an endpoint; the answer holds its signing secret, shown only this once. */
  public WebhookEndpointCreated createWebhookEndpoint(WebhookEndpointInput input) {
    return send("POST", "api/v1/webhooks", input, WebhookEndpointCreated.class);
  }

  public WebhookEndpointView webhookEndpoint(long id) {
    return get("api/v1/webhooks/" + id, Map.of(), WebhookEndpointView.class);
  }

  /** Changes only the fields present in {@code patch} (a JSON merge patch). */
  public WebhookEndpointView updateWebhookEndpoint(long id, JsonObject patch) {
    return send("PATCH", "api/v1/webhooks/" + id, patch, WebhookEndpointView.class);
  }

  public void deleteWebhookEndpoint(long id) {
    send("DELETE", "api/v1/webhooks/" + id, null, Void.class);
  }

  /** A new signing secret; the previous one stays valid for a grace period. */
  public WebhookSecret rotateWebhookSecret(long id) {
    return send("POST", "api/v1/webhooks/" + id + "/rotate-secret", null, WebhookSecret.class);
  }

  /** Sends the endpoint a signed test event now and answers with the attempt. */
  public WebhookAttempt testWebhookEndpoint(long id) {
    return send("POST", "api/v1/webhooks/" + id + "/test", null, WebhookAttempt.class);
  }

  /** The endpoint's delivery attempts, newest first; {@code cursor} from the previous page. */
  public WebhookAttemptPage webhookAttempts(long id, @Nullable String cursor, int limit) {
    Map<String, String> params = new LinkedHashMap<>();
    putIfPresent(params, "cursor", cursor);
    params.put("limit", Integer.toString(limit));
    return get("api/v1/webhooks/" + id + "/attempts", params, WebhookAttemptPage.class);
  }

  /** Queues one event for the endpoint again, with its original id. */
  public WebhookQueued redeliverWebhookEvent(long id, String eventId) {
    return send(
        "POST",
        "api/v1/webhooks/" + id + "/events/" + eventId + "/redeliver",
        null,
        WebhookQueued.class);
  }

  /** Queues again every event of the endpoint's subscription in {@code [from, to)}. */
  public WebhookQueued replayWebhookEvents(long id, Instant from, Instant to) {
    return send(
        "POST",
        "api/v1/webhooks/" + id + "/replay",
        new WebhookReplay(from, to),
        WebhookQueued.class);
  }

  // --- conversions

  /** Reports a conversion; stored once per event id, however often it is sent. */
  public ConversionReceipt reportConversion(ConversionInput input) {
    return send("POST", "api/v1/conversions", input, ConversionReceipt.class);
  }

  /**
   * Clicks and conversions grouped {@code by} link, source, campaign or variant over the last 30
   * days, of one link when {@code linkId} is given.
   */
  public ConversionReport conversions(String by, @Nullable Long linkId) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("by", by);
    if (linkId != null) {
      params.put("link", Long.toString(linkId));
    }
    return get("api/v1/stats/conversions", params, ConversionReport.class);
  }

  public CostPerConversion costPerConversion(long linkId) {
    return get(
        "api/v1/links/" + linkId + "/cost-per-conversion", Map.of(), CostPerConversion.class);
  }

  /** The link's A/B test; a 409 {@code no_variants} while clicks record no variant. */
  public Experiment experiment(long linkId) {
    return get("api/v1/links/" + linkId + "/experiment", Map.of(), Experiment.class);
  }

  /** The workspace's postback secret (admin), created on first use. */
  public PostbackSecret postbackSecret() {
    return get("api/v1/conversions/postback-secret", Map.of(), PostbackSecret.class);
  }

  /** CTR and cost per click of the query's link, per channel. */
  public CostReport statsCosts(StatsQuery query) {
    return get("api/v1/stats/costs", statsParams(query), CostReport.class);
  }

  public Orphans orphans(@Nullable Instant from, @Nullable Instant to, int limit) {
    Map<String, String> params = new LinkedHashMap<>();
    putIfPresent(params, "from", from == null ? null : from.toString());
    putIfPresent(params, "to", to == null ? null : to.toString());
    params.put("limit", Integer.toString(limit));
    return get("api/v1/orphans", params, Orphans.class);
  }

  /**
   * Streams a CSV export into {@code out}: {@code "clicks"} (raw clicks), {@code "series"} or
   * {@code "breakdowns/<dimension>"}; memory stays flat at any size.
   */
  public void exportCsv(String what, StatsQuery query, OutputStream out) {
    HttpUrl.Builder url = baseUrl.newBuilder().addPathSegments("api/v1/export/" + what);
    statsParams(query).forEach(url::addQueryParameter);
    download(url.build(), out);
  }

  private void download(HttpUrl url, OutputStream out) {
    Request request = authorized(new Request.Builder().url(url).get());
    try (Response response = http.newCall(request).execute()) {
      ResponseBody body = response.body();
      if (!response.isSuccessful()) {
        throw toApiException(response.code(), body == null ? "" : body.string());
      }
      if (body != null) {
        body.byteStream().transferTo(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot reach the collector at " + baseUrl, e);
    }
  }

  private static Map<String, String> statsParams(StatsQuery query) {
    Map<String, String> params = new LinkedHashMap<>();
    putIfPresent(params, "link", query.linkId() == null ? null : query.linkId().toString());
    putIfPresent(params, "tag", query.tag());
    putIfPresent(params, "page", query.pageId() == null ? null : query.pageId().toString());
    putIfPresent(params, "from", query.from() == null ? null : query.from().toString());
    putIfPresent(params, "to", query.to() == null ? null : query.to().toString());
    putIfPresent(params, "tz", query.timeZone());
    putIfPresent(params, "bots", query.bots());
    if (query.filters() != null) {
      query.filters().forEach((name, value) -> putIfPresent(params, name, value));
    }
    return params;
  }

  // --- bio pages

  public BioPageView createPage(BioPageInput input) {
    return send("POST", "api/v1/pages", input, BioPageView.class);
  }

  public BioPageView page(long id) {
    return get("api/v1/pages/" + id, Map.of(), BioPageView.class);
  }

  public List<BioPageView> pages() {
    return get(
        "api/v1/pages",
        Map.of(),
        TypeToken.getParameterized(List.class, BioPageView.class).getType());
  }

  /** Changes only the fields present in {@code patch}; a JSON null clears an optional field. */
  public BioPageView updatePage(long id, JsonObject patch) {
    return send("PATCH", "api/v1/pages/" + id, patch, BioPageView.class);
  }

  public void deletePage(long id) {
    send("DELETE", "api/v1/pages/" + id, null, Void.class);
  }

  public BioPageView publishPage(long id) {
    return send("POST", "api/v1/pages/" + id + "/publish", null, BioPageView.class);
  }

  public BioPageView unpublishPage(long id) {
    return send("POST", "api/v1/pages/" + id + "/unpublish", null, BioPageView.class);
  }

  /** The page as HTML, published or not; viewing it is not tracked. */
  public String previewPage(long id) {
    return new String(bytes("api/v1/pages/" + id + "/preview", Map.of()), StandardCharsets.UTF_8);
  }

  public BioWidgetView addWidget(long pageId, BioWidgetInput input) {
    return send("POST", "api/v1/pages/" + pageId + "/widgets", input, BioWidgetView.class);
  }

  public BioWidgetView updateWidget(long pageId, long widgetId, JsonObject patch) {
    return send(
        "PATCH", "api/v1/pages/" + pageId + "/widgets/" + widgetId, patch, BioWidgetView.class);
  }

  public void deleteWidget(long pageId, long widgetId) {
    send("DELETE", "api/v1/pages/" + pageId + "/widgets/" + widgetId, null, Void.class);
  }

  /** Puts the page's widgets in the given order (every widget id exactly once). */
  public BioPageView reorderWidgets(long pageId, List<Long> widgetIds) {
    return send(
        "PUT",
        "api/v1/pages/" + pageId + "/widget-order",
        new BioWidgetOrder(widgetIds),
        BioPageView.class);
  }

  // --- sync (offline copy of the desktop app)

  /** Links changed since {@code cursor} (null for everything), oldest change first. */
  public SyncLinks syncLinks(@Nullable String cursor, int limit) {
    Map<String, String> params = new LinkedHashMap<>();
    putIfPresent(params, "cursor", cursor);
    params.put("limit", Integer.toString(limit));
    return get("api/v1/sync/links", params, SyncLinks.class);
  }

  /** Rollup cells changed since {@code cursor} (null for everything), oldest change first. */
  public SyncRollups syncRollups(@Nullable String cursor, int limit) {
    Map<String, String> params = new LinkedHashMap<>();
    putIfPresent(params, "cursor", cursor);
    params.put("limit", Integer.toString(limit));
    return get("api/v1/sync/rollups", params, SyncRollups.class);
  }

  // --- app association files (/.well-known/) of each domain, for deep links

  /** Every {@code .well-known} file of the workspace, by domain and name. */
  public List<WellKnownFileView> wellKnownFiles() {
    return get(
        "api/v1/well-known",
        Map.of(),
        TypeToken.getParameterized(List.class, WellKnownFileView.class).getType());
  }

  /**
   * One file: {@code file} is {@code apple-app-site-association} or {@code assetlinks.json}, {@code
   * domain} the host it is served on (null or empty: the collector's default domain).
   */
  public WellKnownFileView wellKnownFile(String file, @Nullable String domain) {
    return execute(
        authorized(new Request.Builder().url(wellKnownUrl(file, domain)).get()),
        WellKnownFileView.class);
  }

  /** Sets a file (admin); the collector checks it has the shape the platform expects. */
  public WellKnownFileView putWellKnownFile(
      String file, @Nullable String domain, JsonElement content) {
    return execute(
        authorized(
            new Request.Builder()
                .url(wellKnownUrl(file, domain))
                .put(RequestBody.create(Json.write(content), JSON))),
        WellKnownFileView.class);
  }

  /** Removes a file (admin); its domain then answers 404 for it. */
  public void deleteWellKnownFile(String file, @Nullable String domain) {
    execute(authorized(new Request.Builder().url(wellKnownUrl(file, domain)).delete()), Void.class);
  }

  private HttpUrl wellKnownUrl(String file, @Nullable String domain) {
    HttpUrl.Builder url =
        baseUrl.newBuilder().addPathSegments("api/v1/well-known").addPathSegment(file);
    if (domain != null && !domain.isEmpty()) {
      url.addQueryParameter("domain", domain);
    }
    return url.build();
  }

  // --- bulk changes and imports

  /** Creates up to 1,000 links at once: all of them, or none and an error naming the first bad. */
  public BulkLinks bulkCreateLinks(BulkCreate links) {
    return send("POST", "api/v1/bulk/links", links, BulkLinks.class);
  }

  /** Applies a merge patch to each of up to 1,000 links: all of them, or none. */
  public BulkLinks bulkUpdateLinks(BulkUpdate changes) {
    return send("PATCH", "api/v1/bulk/links", changes, BulkLinks.class);
  }

  /** Deletes up to 1,000 links: all of them, or none when one is not there. */
  public BulkCount bulkDeleteLinks(BulkIds ids) {
    return send("POST", "api/v1/bulk/links/delete", ids, BulkCount.class);
  }

  /** Adds the tags to every one of the links. */
  public BulkCount tagLinks(BulkTags tags) {
    return send("POST", "api/v1/bulk/links/tag", tags, BulkCount.class);
  }

  /** Takes the tags off every one of the links. */
  public BulkCount untagLinks(BulkTags tags) {
    return send("POST", "api/v1/bulk/links/untag", tags, BulkCount.class);
  }

  /**
   * Imports the links of another shortener's export (or of any CSV file with a header).
   *
   * @param contentType {@code text/csv} or {@code application/json}
   * @param params {@code format}, {@code policy}, {@code dryRun}, {@code domain} and {@code
   *     map.<field>} as the README describes; absent ones take their defaults
   */
  public ImportReport importLinks(byte[] file, String contentType, Map<String, String> params) {
    return importLinks(RequestBody.create(file, MediaType.get(contentType)), params);
  }

  /** Imports a file from disk, streamed to the collector rather than read into memory first. */
  public ImportReport importLinks(
      java.nio.file.Path file, String contentType, Map<String, String> params) {
    return importLinks(RequestBody.create(file.toFile(), MediaType.get(contentType)), params);
  }

  private ImportReport importLinks(RequestBody body, Map<String, String> params) {
    HttpUrl.Builder url = baseUrl.newBuilder().addPathSegments("api/v1/imports");
    params.forEach(url::addQueryParameter);
    return execute(
        authorized(new Request.Builder().url(url.build()).post(body)), ImportReport.class);
  }

  // --- collectors serving the database

  /**
   * The collectors that serve this database (every workspace sees the same list), the one that
   * answered marked {@code self}, most recently seen first.
   */
  public List<CollectorView> collectors() {
    return get(
        "api/v1/collectors",
        Map.of(),
        TypeToken.getParameterized(List.class, CollectorView.class).getType());
  }

  // --- retention, deletion and the workspace export

  /** The workspace's retention of raw clicks and its latest purges. */
  public RetentionView retention() {
    return get("api/v1/retention", Map.of(), RetentionView.class);
  }

  /** Sets how many whole UTC days of raw clicks the workspace keeps (null: every click). */
  public RetentionView setRetention(RetentionInput input) {
    return send("PUT", "api/v1/retention", input, RetentionView.class);
  }

  /** Purges the raw clicks older than the workspace's retention now, and says what went. */
  public PurgeReport purgeNow() {
    return send("POST", "api/v1/retention/purge", null, PurgeReport.class);
  }

  /** Deletes every raw click of a link (live or deleted) and its own statistics. */
  public PurgeReport deleteLinkClicks(long linkId) {
    return send("DELETE", "api/v1/links/" + linkId + "/clicks", null, PurgeReport.class);
  }

  /**
   * Deletes a link; with {@code withClicks} also its raw clicks and its own statistics (the
   * workspace's statistics keep counting them), else they stay.
   */
  public void deleteLink(long id, boolean withClicks) {
    deleteLink(id);
    if (withClicks) {
      deleteLinkClicks(id);
    }
  }

  /**
   * Deletes the key's workspace with all its data; {@code slug} must be the workspace's, as a
   * confirmation. Its keys stop working at once.
   */
  public WorkspaceDeletion deleteWorkspace(String slug) {
    HttpUrl url =
        baseUrl
            .newBuilder()
            .addPathSegments("api/v1/workspace")
            .addQueryParameter("confirm", slug)
            .build();
    return execute(authorized(new Request.Builder().url(url).delete()), WorkspaceDeletion.class);
  }

  /**
   * Streams the whole workspace as a zip (links, pages and widgets as JSON, raw clicks and rollups
   * as CSV) into {@code out}; memory stays flat at any size.
   */
  public void exportWorkspace(OutputStream out) {
    download(baseUrl.newBuilder().addPathSegments("api/v1/export/workspace").build(), out);
  }

  // --- live stream

  /**
   * Opens the workspace's live stream on a thread of its own and returns it started; it reconnects
   * by itself until closed. The read timeout is three heartbeats, so a silent dead connection is
   * noticed too.
   */
  public LiveFeed live(LiveQuery query, LiveFeed.Listener listener) {
    HttpUrl.Builder url = baseUrl.newBuilder().addPathSegments("api/v1/live");
    for (String[] parameter : query.parameters()) {
      url.addQueryParameter(parameter[0], parameter[1]);
    }
    OkHttpClient streaming = http.newBuilder().readTimeout(Duration.ofSeconds(45)).build();
    return new LiveFeed(streaming, url.build(), apiKey, listener, Duration.ofSeconds(15)).start();
  }

  // --- plumbing, public so that newer endpoints can be called before they get a typed method

  public <T> T get(String path, Map<String, String> params, Type type) {
    HttpUrl.Builder url = baseUrl.newBuilder().addPathSegments(path);
    params.forEach(url::addQueryParameter);
    return execute(authorized(new Request.Builder().url(url.build()).get()), type);
  }

  public <T> T send(String method, String path, @Nullable Object body, Type type) {
    HttpUrl url = baseUrl.newBuilder().addPathSegments(path).build();
    RequestBody requestBody = body == null ? null : RequestBody.create(Json.write(body), JSON);
    if (requestBody == null && !method.equals("DELETE") && !method.equals("GET")) {
      requestBody = RequestBody.create(new byte[0], JSON);
    }
    return execute(authorized(new Request.Builder().url(url).method(method, requestBody)), type);
  }

  public byte[] bytes(String path, Map<String, String> params) {
    HttpUrl.Builder url = baseUrl.newBuilder().addPathSegments(path);
    params.forEach(url::addQueryParameter);
    Request request = authorized(new Request.Builder().url(url.build()).get());
    try (Response response = http.newCall(request).execute()) {
      ResponseBody body = response.body();
      byte[] bytes = body == null ? new byte[0] : body.bytes();
      if (!response.isSuccessful()) {
        throw toApiException(response.code(), new String(bytes, StandardCharsets.UTF_8));
      }
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot reach the collector at " + baseUrl, e);
    }
  }

  private Request authorized(Request.Builder builder) {
    if (apiKey != null) {
      builder.header("Authorization", "Bearer " + apiKey);
    }
    return builder.header("Accept", "application/json").build();
  }

  // The one null answer is for Void and for an empty body, which the collector sends only where a
  // typed method declares Void; every other type is a JSON object or array, so T is not null.
  @SuppressWarnings({"unchecked", "NullAway"})
  private <T> T execute(Request request, Type type) {
    try (Response response = http.newCall(request).execute()) {
      ResponseBody body = response.body();
      String text = body == null ? "" : body.string();
      if (!response.isSuccessful()) {
        throw toApiException(response.code(), text);
      }
      if (type == Void.class || text.isEmpty()) {
        return null;
      }
      return (T) Json.gson().fromJson(text, type);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot reach the collector at " + baseUrl, e);
    }
  }

  private static ApiException toApiException(int status, String text) {
    return ApiException.of(status, text);
  }

  private static void putIfPresent(Map<String, String> params, String key, @Nullable String value) {
    if (value != null && !value.isEmpty()) {
      params.put(key, value);
    }
  }
}
