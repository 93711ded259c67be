package io.linkscope.collector.app;

import static io.linkscope.collector.auth.Role.ADMIN;
import static io.linkscope.collector.auth.Role.EDITOR;
import static io.linkscope.collector.auth.Role.VIEWER;
import static io.linkscope.collector.http.Router.Access.PUBLIC;
import static io.linkscope.collector.http.Router.Access.PUBLIC_PER_VISITOR;
import static io.linkscope.collector.http.Router.Access.role;

import io.linkscope.collector.auth.ApiKeys;
import io.linkscope.collector.bio.BioHandlers;
import io.linkscope.collector.cluster.Collectors;
import io.linkscope.collector.conversion.ConversionHandlers;
import io.linkscope.collector.conversion.ConversionReports;
import io.linkscope.collector.costs.LinkCosts;
import io.linkscope.collector.deeplink.WellKnownFiles;
import io.linkscope.collector.export.WorkspaceExport;
import io.linkscope.collector.http.Router;
import io.linkscope.collector.importing.ImportHandlers;
import io.linkscope.collector.link.BulkHandlers;
import io.linkscope.collector.link.LinkHandlers;
import io.linkscope.collector.live.LiveHandlers;
import io.linkscope.collector.openapi.OpenApiHandlers;
import io.linkscope.collector.ops.OpsHandlers;
import io.linkscope.collector.retention.RetentionHandlers;
import io.linkscope.collector.stats.ClickHandlers;
import io.linkscope.collector.stats.CsvExports;
import io.linkscope.collector.stats.StatsHandlers;
import io.linkscope.collector.sync.SyncHandlers;
import io.linkscope.collector.webhook.WebhookHandlers;
import io.linkscope.collector.workspace.WorkspaceHandlers;
import java.time.Duration;
import java.util.Set;
import org.eclipse.jetty.server.Handler;

/**
 * The route table: every path, method and access rule of the collector, in one place. Whatever is
 * not listed here is a short link, answered by the redirect handler.
 */
final class CollectorRoutes {
  /** First path segments used by routes here; no slug may take one. */
  static final Set<String> RESERVED = Set.of("api", "health", "metrics");

  private CollectorRoutes() {}

  /** The handlers of every feature, which the route table maps paths to. */
  record Features(
      OpsHandlers ops,
      Collectors collectors,
      WorkspaceHandlers workspaces,
      LinkHandlers links,
      ClickHandlers clicks,
      BioHandlers bio,
      Handler bioPublic,
      Handler redirects,
      StatsHandlers stats,
      CsvExports exports,
      SyncHandlers sync,
      LinkCosts costs,
      WellKnownFiles wellKnown,
      ConversionHandlers conversions,
      ConversionReports conversionReports,
      BulkHandlers bulk,
      ImportHandlers imports,
      RetentionHandlers retention,
      WorkspaceExport workspaceExport,
      WebhookHandlers webhooks,
      LiveHandlers live,
      OpenApiHandlers openApi) {}

  static Router build(ApiKeys keys, Features features, Duration bodyTimeout, Router.Limits limits) {
    return Router.builder(keys::authenticate, bodyTimeout)
        .limits(limits)
        // Operations
        .get("/health", PUBLIC, features.ops()::health)
        .get("/metrics", PUBLIC, features.ops()::metrics)
        // The collectors serving this database (any workspace sees them all)
        .get("/api/v1/collectors", role(VIEWER), features.collectors()::handle)
        // Workspace and keys
        .get("/api/v1/workspace", role(VIEWER), features.workspaces()::current)
        .get("/api/v1/keys", role(ADMIN), features.workspaces()::listKeys)
        .post("/api/v1/keys", role(ADMIN), features.workspaces()::createKey)
        .delete("/api/v1/keys/{id}", role(ADMIN), features.workspaces()::revokeKey)
        // Links
        .get("/api/v1/links", role(VIEWER), features.links()::list)
        .post("/api/v1/links", role(EDITOR), features.links()::create)
        .get("/api/v1/links/{id}", role(VIEWER), features.links()::get)
        .patch("/api/v1/links/{id}", role(EDITOR), features.links()::update)
        .delete("/api/v1/links/{id}", role(EDITOR), features.links()::delete)
        .get("/api/v1/links/{id}/qr.png", role(VIEWER), features.links()::qrPng)
        .get("/api/v1/links/{id}/qr.svg", role(VIEWER), features.links()::qrSvg)
        // Many links at once (all or nothing) and imports from other shorteners
        .post("/api/v1/bulk/links", role(EDITOR), features.bulk()::create)
        .patch("/api/v1/bulk/links", role(EDITOR), features.bulk()::update)
        .post("/api/v1/bulk/links/delete", role(EDITOR), features.bulk()::delete)
        .post("/api/v1/bulk/links/tag", role(EDITOR), features.bulk()::tag)
        .post("/api/v1/bulk/links/untag", role(EDITOR), features.bulk()::untag)
        .post("/api/v1/imports", role(EDITOR), features.imports()::importLinks)
        // Raw clicks
        .get("/api/v1/links/{id}/clicks", role(VIEWER), features.clicks()::clicks)
        .get("/api/v1/links/{id}/totals", role(VIEWER), features.clicks()::totals)
        // Analytics
        .get("/api/v1/stats/report", role(VIEWER), features.stats()::report)
        .get("/api/v1/stats/summary", role(VIEWER), features.stats()::summary)
        .get("/api/v1/stats/series", role(VIEWER), features.stats()::series)
        .get("/api/v1/stats/breakdowns/{dimension}", role(VIEWER), features.stats()::breakdown)
        .get("/api/v1/stats/heatmap", role(VIEWER), features.stats()::heatmap)
        .get("/api/v1/stats/velocity", role(VIEWER), features.stats()::velocity)
        .get("/api/v1/stats/overview", role(VIEWER), features.stats()::overview)
        .get("/api/v1/stats/campaigns/{tag}", role(VIEWER), features.stats()::campaign)
        .get("/api/v1/stats/pages/{id}", role(VIEWER), features.stats()::page)
        .get("/api/v1/stats/costs", role(VIEWER), features.costs()::report)
        .get("/api/v1/links/{id}/costs", role(VIEWER), features.costs()::list)
        .post("/api/v1/links/{id}/costs", role(EDITOR), features.costs()::create)
        .delete("/api/v1/links/{id}/costs/{costId}", role(EDITOR), features.costs()::delete)
        .get("/api/v1/orphans", role(VIEWER), features.stats()::orphans)
        .stream("/api/v1/export/clicks", role(VIEWER), features.exports()::clicks)
        .stream(
            "/api/v1/export/breakdowns/{dimension}", role(VIEWER), features.exports()::breakdown)
        .stream("/api/v1/export/series", role(VIEWER), features.exports()::series)
        // Conversions (the postback is signed instead of authenticated by a key)
        .post("/api/v1/conversions", role(EDITOR), features.conversions()::report)
        .get("/api/v1/postback/{workspace}", PUBLIC_PER_VISITOR, features.conversions()::postback)
        .get("/api/v1/conversions/postback-secret", role(ADMIN), features.conversions()::secret)
        .post(
            "/api/v1/conversions/postback-secret",
            role(ADMIN),
            features.conversions()::rotateSecret)
        .get("/api/v1/stats/conversions", role(VIEWER), features.conversionReports()::report)
        .get(
            "/api/v1/links/{id}/cost-per-conversion",
            role(VIEWER),
            features.conversionReports()::costPerConversion)
        .get(
            "/api/v1/links/{id}/experiment", role(VIEWER), features.conversionReports()::experiment)
        .post("/api/v1/links/{id}/experiment/promote", role(EDITOR), features.links()::promote)
        // Webhooks
        .get("/api/v1/webhooks", role(ADMIN), features.webhooks()::list)
        .post("/api/v1/webhooks", role(ADMIN), features.webhooks()::create)
        .get("/api/v1/webhooks/{id}", role(ADMIN), features.webhooks()::get)
        .patch("/api/v1/webhooks/{id}", role(ADMIN), features.webhooks()::update)
        .delete("/api/v1/webhooks/{id}", role(ADMIN), features.webhooks()::delete)
        .post("/api/v1/webhooks/{id}/rotate-secret", role(ADMIN), features.webhooks()::rotateSecret)
        .post("/api/v1/webhooks/{id}/test", role(ADMIN), features.webhooks()::test)
        .get("/api/v1/webhooks/{id}/attempts", role(ADMIN), features.webhooks()::attempts)
        .post(
            "/api/v1/webhooks/{id}/events/{eventId}/redeliver",
            role(ADMIN),
            features.webhooks()::redeliver)
        .post("/api/v1/webhooks/{id}/replay", role(ADMIN), features.webhooks()::replay)
        // Live view: the workspace's events as Server-Sent Events
        .events("/api/v1/live", role(VIEWER), features.live()::stream)
        // Offline copy of the desktop app
        .get("/api/v1/sync/links", role(VIEWER), features.sync()::links)
        .get("/api/v1/sync/rollups", role(VIEWER), features.sync()::rollups)
        // Bio pages (the public page and taps are under /@handle, below)
        .get("/api/v1/pages", role(VIEWER), features.bio()::list)
        .post("/api/v1/pages", role(EDITOR), features.bio()::create)
        .get("/api/v1/pages/{id}", role(VIEWER), features.bio()::get)
        .patch("/api/v1/pages/{id}", role(EDITOR), features.bio()::update)
        .delete("/api/v1/pages/{id}", role(EDITOR), features.bio()::delete)
        .post("/api/v1/pages/{id}/publish", role(EDITOR), features.bio()::publish)
        .post("/api/v1/pages/{id}/unpublish", role(EDITOR), features.bio()::unpublish)
        .get("/api/v1/pages/{id}/preview", role(VIEWER), features.bio()::preview)
        .post("/api/v1/pages/{id}/widgets", role(EDITOR), features.bio()::addWidget)
        .patch("/api/v1/pages/{id}/widgets/{widgetId}", role(EDITOR), features.bio()::updateWidget)
        .delete("/api/v1/pages/{id}/widgets/{widgetId}", role(EDITOR), features.bio()::deleteWidget)
        .put("/api/v1/pages/{id}/widget-order", role(EDITOR), features.bio()::reorder)
        // App association files of each domain (deep links)
        .get("/api/v1/well-known", role(VIEWER), features.wellKnown()::list)
        .get("/api/v1/well-known/{file}", role(VIEWER), features.wellKnown()::get)
        .put("/api/v1/well-known/{file}", role(ADMIN), features.wellKnown()::put)
        .delete("/api/v1/well-known/{file}", role(ADMIN), features.wellKnown()::delete)
        // The API's OpenAPI description and its reference page
        .get("/api/v1/openapi.json", PUBLIC, features.openApi()::description)
        .get("/api/docs", PUBLIC, features.openApi()::page)
        .get("/api/docs/{file}", PUBLIC, features.openApi()::file)
        .prefix(".well-known", features.wellKnown().publicHandler())
        // Retention, deletion and the full export of a workspace
        .get("/api/v1/retention", role(VIEWER), features.retention()::get)
        .put("/api/v1/retention", role(ADMIN), features.retention()::put)
        .post("/api/v1/retention/purge", role(ADMIN), features.retention()::purge)
        .delete("/api/v1/links/{id}/clicks", role(EDITOR), features.retention()::deleteLinkClicks)
        .delete("/api/v1/workspace", role(ADMIN), features.retention()::deleteWorkspace)
        .stream("/api/v1/export/workspace", role(ADMIN), features.workspaceExport()::export)
        // Public bio pages: /@handle and the tap redirects /@handle/w/<widget>; slugs have no '@'
        .prefix("@", features.bioPublic())
        // Everything else: /<slug>
        .fallback(features.redirects());
  }
}
