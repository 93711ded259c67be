package io.linkscope.collector.app;

import static io.linkscope.collector.auth.Role.ADMIN;
import static io.linkscope.collector.auth.Role.EDITOR;
import static io.linkscope.collector.auth.Role.VIEWER;
import static io.linkscope.collector.http.Router.Access.PUBLIC;
import static io.linkscope.collector.http.Router.Access.role;

import io.linkscope.collector.auth.ApiKeys;
import io.linkscope.collector.bio.BioHandlers;
import io.linkscope.collector.costs.LinkCosts;
import io.linkscope.collector.http.Router;
import io.linkscope.collector.link.LinkHandlers;
import io.linkscope.collector.ops.OpsHandlers;
import io.linkscope.collector.stats.ClickHandlers;
import io.linkscope.collector.stats.CsvExports;
import io.linkscope.collector.stats.StatsHandlers;
import io.linkscope.collector.sync.SyncHandlers;
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

  static Router build(
      ApiKeys keys,
      OpsHandlers ops,
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
      Duration bodyTimeout) {
    return Router.builder(keys::authenticate, bodyTimeout)
        // Operations
        .get("/health", PUBLIC, ops::health)
        .get("/metrics", PUBLIC, ops::metrics)
        // Workspace and keys
        .get("/api/v1/workspace", role(VIEWER), workspaces::current)
        .get("/api/v1/keys", role(ADMIN), workspaces::listKeys)
        .post("/api/v1/keys", role(ADMIN), workspaces::createKey)
        .delete("/api/v1/keys/{id}", role(ADMIN), workspaces::revokeKey)
        // Links
        .get("/api/v1/links", role(VIEWER), links::list)
        .post("/api/v1/links", role(EDITOR), links::create)
        .get("/api/v1/links/{id}", role(VIEWER), links::get)
        .patch("/api/v1/links/{id}", role(EDITOR), links::update)
        .delete("/api/v1/links/{id}", role(EDITOR), links::delete)
        .get("/api/v1/links/{id}/qr.png", role(VIEWER), links::qrPng)
        .get("/api/v1/links/{id}/qr.svg", role(VIEWER), links::qrSvg)
        // Raw clicks
        .get("/api/v1/links/{id}/clicks", role(VIEWER), clicks::clicks)
        .get("/api/v1/links/{id}/totals", role(VIEWER), clicks::totals)
        // Analytics
        .get("/api/v1/stats/report", role(VIEWER), stats::report)
        .get("/api/v1/stats/summary", role(VIEWER), stats::summary)
        .get("/api/v1/stats/series", role(VIEWER), stats::series)
        .get("/api/v1/stats/breakdowns/{dimension}", role(VIEWER), stats::breakdown)
        .get("/api/v1/stats/heatmap", role(VIEWER), stats::heatmap)
        .get("/api/v1/stats/velocity", role(VIEWER), stats::velocity)
        .get("/api/v1/stats/overview", role(VIEWER), stats::overview)
        .get("/api/v1/stats/campaigns/{tag}", role(VIEWER), stats::campaign)
        .get("/api/v1/stats/pages/{id}", role(VIEWER), stats::page)
        .get("/api/v1/stats/costs", role(VIEWER), costs::report)
        .get("/api/v1/links/{id}/costs", role(VIEWER), costs::list)
        .post("/api/v1/links/{id}/costs", role(EDITOR), costs::create)
        .delete("/api/v1/links/{id}/costs/{costId}", role(EDITOR), costs::delete)
        .get("/api/v1/orphans", role(VIEWER), stats::orphans)
        .stream("/api/v1/export/clicks", role(VIEWER), exports::clicks)
        .stream("/api/v1/export/breakdowns/{dimension}", role(VIEWER), exports::breakdown)
        .stream("/api/v1/export/series", role(VIEWER), exports::series)
        // Offline copy of the desktop app
        .get("/api/v1/sync/links", role(VIEWER), sync::links)
        .get("/api/v1/sync/rollups", role(VIEWER), sync::rollups)
        // Bio pages (the public page and taps are under /@handle, below)
        .get("/api/v1/pages", role(VIEWER), bio::list)
        .post("/api/v1/pages", role(EDITOR), bio::create)
        .get("/api/v1/pages/{id}", role(VIEWER), bio::get)
        .patch("/api/v1/pages/{id}", role(EDITOR), bio::update)
        .delete("/api/v1/pages/{id}", role(EDITOR), bio::delete)
        .post("/api/v1/pages/{id}/publish", role(EDITOR), bio::publish)
        .post("/api/v1/pages/{id}/unpublish", role(EDITOR), bio::unpublish)
        .get("/api/v1/pages/{id}/preview", role(VIEWER), bio::preview)
        .post("/api/v1/pages/{id}/widgets", role(EDITOR), bio::addWidget)
        .patch("/api/v1/pages/{id}/widgets/{widgetId}", role(EDITOR), bio::updateWidget)
        .delete("/api/v1/pages/{id}/widgets/{widgetId}", role(EDITOR), bio::deleteWidget)
        .put("/api/v1/pages/{id}/widget-order", role(EDITOR), bio::reorder)
        // Public bio pages: /@handle and the tap redirects /@handle/w/<widget>; slugs have no '@'
        .prefix("@", bioPublic)
        // Everything else: /<slug>
        .fallback(redirects);
  }
}
