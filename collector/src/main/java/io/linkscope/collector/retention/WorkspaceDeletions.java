package io.linkscope.collector.retention;

import io.linkscope.api.bio.BioPageView;
import io.linkscope.api.retention.WorkspaceDeletion;
import io.linkscope.api.workspace.ApiKeyView;
import io.linkscope.collector.auth.ApiKeys;
import io.linkscope.collector.bio.BioPages;
import io.linkscope.collector.db.ChangeLog;
import io.linkscope.collector.db.Sql;
import io.linkscope.collector.link.Links;
import io.linkscope.collector.stats.Scope;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes a workspace with all its data. At once, on the request: the workspace is marked, its keys
 * are revoked (this collector refuses them from the next request; other collectors within their
 * 30-second key cache), and its links and pages are deleted, so nothing of it answers any more.
 * Then, in the background and in chunks: its rollups, raw clicks, conversions, links, pages,
 * domains, files, secrets, keys, and the workspace row last. A deletion stopped half-way (a
 * restart) is taken up again by the next background run.
 */
public final class WorkspaceDeletions {
  private static final Logger log = LoggerFactory.getLogger(WorkspaceDeletions.class);
  private static final Instant END_OF_TIME = Instant.parse("9999-12-31T00:00:00Z");

  /**
   * Tables with a {@code workspace_id} whose rows go after the raw clicks, in an order their
   * foreign keys allow (rows of {@code link_tag}, {@code link_cost} and {@code bio_widget} go with
   * their link or page). A new table that holds a workspace's data is added here; tables keyed by
   * one of these rows rather than by the workspace are in {@link #ENDPOINT_TABLES}.
   */
  private static final List<String> OWNED_TABLES =
      List.of(
          "conversion_fold",
          "conversion",
          "postback_secret",
          "webhook_event",
          "webhook_endpoint",
          "link",
          "bio_page",
          "well_known_file",
          "domain",
          "ip_hash_key",
          "retention_policy",
          "click_purge",
          "api_key");

  /**
   * Tables keyed by a webhook endpoint of the workspace: they go before the endpoints, the outbox
   * before the log (a sender recording an answer logs it only while the outbox rows are there).
   */
  private static final List<String> ENDPOINT_TABLES =
      List.of("webhook_delivery", "webhook_attempt");

  private final DataSource dataSource;
  private final Clock clock;
  private final ApiKeys keys;
  private final Links links;
  private final BioPages pages;
  private final Retention retention;

  public WorkspaceDeletions(
      DataSource dataSource,
      Clock clock,
      ApiKeys keys,
      Links links,
      BioPages pages,
      Retention retention) {
    this.dataSource = dataSource;
    this.clock = clock;
    this.keys = keys;
    this.links = links;
    this.pages = pages;
    this.retention = retention;
  }

  /** A workspace's slug, if it exists. */
  public Optional<String> slug(long workspaceId) throws SQLException {
    return Sql.of("SELECT slug FROM workspace WHERE id = ?", workspaceId)
        .one(dataSource, row -> row.getString(1));
  }

  /**
   * Stops everything of the workspace from answering and deletes its data in the background.
   *
   * @throws IllegalArgumentException when there is no such workspace
   */
  public WorkspaceDeletion request(long workspaceId) throws SQLException {
    String slug =
        slug(workspaceId).orElseThrow(() -> new IllegalArgumentException("no such workspace"));
    Instant now = clock.instant();
    Sql.inTransaction(
        dataSource,
        c -> {
          Sql.of(
                  "UPDATE workspace SET deleting_since = ? WHERE id = ? AND deleting_since IS NULL",
                  now,
                  workspaceId)
              .update(c);
          // Every collector forgets the workspace's keys and webhook endpoints within a second.
          ChangeLog.append(c, ChangeLog.Kind.WORKSPACE, workspaceId, workspaceId);
        });
    for (ApiKeyView key : keys.list(workspaceId)) {
      if (key.revokedAt() == null) {
        keys.revoke(workspaceId, key.id());
      }
    }
    List<Long> live =
        Sql.of(
                "SELECT id FROM link WHERE workspace_id = ? AND deleted_at IS NULL ORDER BY id",
                workspaceId)
            .list(dataSource, row -> row.getLong(1));
    for (long linkId : live) {
      links.delete(workspaceId, linkId);
    }
    for (BioPageView page : pages.list(workspaceId)) {
      pages.delete(workspaceId, page.id());
    }
    log.info("Deleting workspace {} ({}): keys revoked, links and pages gone", workspaceId, slug);
    retention.submit(this::finishPending);
    return new WorkspaceDeletion(workspaceId, slug, now);
  }

  /** Finishes every deletion that was asked for, one workspace after the other. */
  public void finishPending() {
    try {
      List<Long> pending =
          Sql.of("SELECT id FROM workspace WHERE deleting_since IS NOT NULL ORDER BY id")
              .list(dataSource, row -> row.getLong(1));
      for (long workspaceId : pending) {
        synchronized (retention.lock()) {
          finish(workspaceId);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (SQLException | RuntimeException e) {
      log.warn("Deleting a workspace failed; the next run goes on: {}", e.toString());
    }
  }

  private void finish(long workspaceId) throws SQLException, InterruptedException {
    long rollups = deleteRollups(workspaceId);
    long clicks =
        retention.clickPurge().delete(ClickPurge.Selection.workspace(workspaceId, END_OF_TIME), 0);
    Sql.withConnection(
        dataSource,
        c -> {
          for (String table : ENDPOINT_TABLES) {
            ClickPurge.deleteInChunks(
                c,
                table,
                Sql.of(
                    "endpoint_id IN (SELECT id FROM webhook_endpoint WHERE workspace_id = ?)",
                    workspaceId));
          }
          for (String table : OWNED_TABLES) {
            ClickPurge.deleteInChunks(c, table, Sql.of("workspace_id = ?", workspaceId));
          }
          return Boolean.TRUE;
        });
    // Clicks of the workspace the pipeline stored in the meantime (in flight when its links went).
    clicks +=
        retention.clickPurge().delete(ClickPurge.Selection.workspace(workspaceId, END_OF_TIME), 0);
    rollups += deleteRollups(workspaceId);
    Sql.of("DELETE FROM workspace WHERE id = ?", workspaceId).update(dataSource);
    log.info(
        "Deleted workspace {}: {} raw clicks, {} rollup cells and everything else of it",
        workspaceId,
        clicks,
        rollups);
  }

  /**
   * Deletes the rollup cells of the workspace, of its links and of its pages. Which links and pages
   * had cells is read from the hourly and daily cells' index on the workspace; monthly cells have
   * daily ones of the same scope.
   */
  private long deleteRollups(long workspaceId) throws SQLException {
    return Sql.withConnection(
        dataSource,
        c -> {
          Set<List<Long>> scopes = new LinkedHashSet<>();
          for (String table : List.of("rollup_hour", "rollup_day")) {
            Sql.of(
                    "SELECT DISTINCT scope, scope_id FROM " + table + " WHERE workspace_id = ?",
                    workspaceId)
                .forEachRow(c, row -> scopes.add(List.of(row.getLong(1), row.getLong(2))));
          }
          long deleted = 0;
          for (List<Long> scope : scopes) {
            deleted += deleteScope(c, scope.get(0), scope.get(1));
          }
          return deleted;
        });
  }

  private static long deleteScope(Connection c, long scope, long scopeId) throws SQLException {
    long deleted = 0;
    for (String table : List.of("rollup_month", "rollup_day", "rollup_hour")) {
      deleted +=
          ClickPurge.deleteInChunks(c, table, Sql.of("scope = ? AND scope_id = ?", scope, scopeId));
    }
    if (scope == Scope.PAGE.code) {
      ClickPurge.deleteInChunks(c, "page_widget", Sql.of("page_id = ?", scopeId));
    }
    return deleted;
  }
}
