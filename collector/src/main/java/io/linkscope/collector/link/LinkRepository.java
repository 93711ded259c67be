package io.linkscope.collector.link;

import io.linkscope.api.Json;
import io.linkscope.api.gate.DeepLinks;
import io.linkscope.api.link.LinkQuery;
import io.linkscope.api.webhook.WebhookEvents;
import io.linkscope.collector.db.ChangeLog;
import io.linkscope.collector.db.Changes;
import io.linkscope.collector.db.Database;
import io.linkscope.collector.db.Sql;
import io.linkscope.collector.routing.Routing;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/** Links and their tags in MariaDB. Every query that takes a workspace id is scoped to it. */
public final class LinkRepository {
  private static final int ADMIT_ATTEMPTS = 5;

  static final String COLUMNS =
      """
      l.id, l.workspace_id, l.domain, l.slug, l.target_url, l.title, l.notes, l.redirect_type,
      l.valid_from, l.valid_until, l.max_clicks, l.fallback_url, l.forward_query, l.total_clicks,
      l.created_at, l.updated_at, l.password_hash, l.deep_links,
      l.click_id_param, l.routing, l.imported_clicks,
      (SELECT GROUP_CONCAT(t.tag ORDER BY t.tag SEPARATOR 0x1f) FROM link_tag t
        WHERE t.link_id = l.id) AS tags
      """;

  private static final Map<String, String> SORTS =
      Map.of(
          "created", "l.created_at ASC, l.id ASC",
          "-created", "l.created_at DESC, l.id DESC",
          "slug", "l.slug ASC, l.id ASC",
          "-slug", "l.slug DESC, l.id DESC",
          "title", "l.title ASC, l.id ASC",
          "-title", "l.title DESC, l.id DESC",
          "clicks", "l.total_clicks ASC, l.id ASC",
          "-clicks", "l.total_clicks DESC, l.id DESC");

  private final DataSource dataSource;
  private final Clock clock;
  private final Changes changes;

  /** Links in {@code dataSource}, their creation, changes and deletion timed by {@code clock}. */
  public LinkRepository(DataSource dataSource, Clock clock) {
    this(dataSource, clock, Changes.NONE);
  }

  /**
   * Links whose creation, changes and deletion are also told to {@code changes} in their
   * transaction ({@code link.created}, {@code link.updated}, {@code link.deleted}).
   */
  public LinkRepository(DataSource dataSource, Clock clock, Changes changes) {
    this.dataSource = dataSource;
    this.clock = clock;
    this.changes = changes;
  }

  static boolean isKnownSort(String sort) {
    return SORTS.containsKey(sort);
  }

  /** Thrown when the (domain, slug) pair is already used by a live link. */
  static final class SlugTakenException extends Exception {
    private static final long serialVersionUID = 1L;

    SlugTakenException(SQLException cause) {
      super(cause);
    }
  }

  public long insert(Link link) throws SQLException, SlugTakenException {
    Map<String, Object> values = fields(link);
    values.put("workspace_id", link.workspaceId());
    values.put("now", clock.instant());
    return writeLink(
        c -> {
          long id =
              Sql.named(
                      """
                        INSERT INTO link (workspace_id, domain, slug, target_url, title, notes,
                          redirect_type, valid_from, valid_until, max_clicks, fallback_url,
                          forward_query, created_at, updated_at, password_hash, deep_links,
                          click_id_param, routing, experiment_ends_at)
                        VALUES (:workspace_id, :domain, :slug, :target_url, :title, :notes,
                          :redirect_type, :valid_from, :valid_until, :max_clicks, :fallback_url,
                          :forward_query, :now, :now, :password_hash, :deep_links, :click_id_param,
                          :routing, :experiment_ends_at)
                        """,
                      values)
                  .insert(c);
          replaceTags(c, id, link.tags());
          ChangeLog.append(c, ChangeLog.Kind.LINK, link.workspaceId(), id);
          changes.changed(c, WebhookEvents.LINK_CREATED, link.workspaceId(), id);
          return id;
        });
  }

  /** Saves every editable field; false when the workspace has no such live link. */
  public boolean update(Link link) throws SQLException, SlugTakenException {
    Map<String, Object> values = fields(link);
    values.put("id", link.id());
    values.put("workspace_id", link.workspaceId());
    values.put("now", clock.instant());
    return writeLink(
        c -> {
          int updated =
              Sql.named(
                      """
                        UPDATE link SET
                          admitted_clicks = IF(max_clicks IS NULL, total_clicks, admitted_clicks),
                          target_url = :target_url, title = :title, notes = :notes,
                          redirect_type = :redirect_type, valid_from = :valid_from,
                          valid_until = :valid_until, max_clicks = :max_clicks,
                          fallback_url = :fallback_url, forward_query = :forward_query,
                          domain = :domain, slug = :slug, updated_at = :now,
                          password_hash = :password_hash, deep_links = :deep_links,
                          click_id_param = :click_id_param, routing = :routing,
                          experiment_ends_at = :experiment_ends_at
                        WHERE id = :id AND workspace_id = :workspace_id AND deleted_at IS NULL
                        """,
                      values)
                  .update(c);
          if (updated != 1) {
            return false;
          }
          replaceTags(c, link.id(), link.tags());
          ChangeLog.append(c, ChangeLog.Kind.LINK, link.workspaceId(), link.id());
          changes.changed(c, WebhookEvents.LINK_UPDATED, link.workspaceId(), link.id());
          return true;
        });
  }

  /** Writes a link in one transaction; a (domain, slug) pair another live link has is refused. */
  private <T> T writeLink(Sql.Work<T, RuntimeException> work)
      throws SQLException, SlugTakenException {
    try {
      return Sql.transaction(dataSource, work);
    } catch (SQLIntegrityConstraintViolationException e) {
      throw new SlugTakenException(e);
    }
  }

  /** Marks a link deleted; its clicks stay for the workspace's statistics. */
  public boolean delete(long workspaceId, long id) throws SQLException {
    Instant now = clock.instant();
    return Sql.transaction(
        dataSource,
        c -> {
          boolean deleted =
              Sql.of(
                          """
                          UPDATE link SET deleted_at = ?, updated_at = ?
                          WHERE id = ? AND workspace_id = ? AND deleted_at IS NULL
                          """,
                          now,
                          now,
                          id,
                          workspaceId)
                      .update(c)
                  == 1;
          if (deleted) {
            ChangeLog.append(c, ChangeLog.Kind.LINK, workspaceId, id);
            changes.changed(c, WebhookEvents.LINK_DELETED, workspaceId, id);
          }
          return deleted;
        });
  }

  /**
   * Counts one human click against the link's click limit if it is not reached, atomically across
   * every collector on the database: false when the limit is reached.
   */
  public boolean admitClick(long id) throws SQLException {
    // Two collectors counting the same link through different Galera nodes: the loser of the
    // certification is rolled back and told "deadlock"; counting again is safe (nothing was
    // counted) and keeps the visitor from a 503.
    for (int attempt = 1; ; attempt++) {
      try {
        return Sql.of(
                    """
                    UPDATE link SET admitted_clicks = admitted_clicks + 1
                    WHERE id = ? AND (max_clicks IS NULL OR admitted_clicks < max_clicks)
                    """,
                    id)
                .update(dataSource)
            == 1;
      } catch (SQLException e) {
        if (attempt >= ADMIT_ATTEMPTS || !Database.isConflict(e)) {
          throw e;
        }
      }
    }
  }

  public Optional<Link> find(long workspaceId, long id) throws SQLException {
    return Sql.of(
            "SELECT "
                + COLUMNS
                + " FROM link l WHERE l.id = ? AND l.workspace_id = ? AND l.deleted_at IS NULL",
            id,
            workspaceId)
        .one(dataSource, LinkRepository::map);
  }

  /** The live link answering {@code slug} on {@code domain}, for the redirect cache. */
  Optional<Link> findLive(String domain, String slug) throws SQLException {
    return Sql.of(
            "SELECT " + COLUMNS + " FROM link l WHERE l.domain = ? AND l.live_slug = ?",
            domain,
            slug)
        .one(dataSource, LinkRepository::map);
  }

  /** The addresses of links by id, deleted ones included (their cached entries go too). */
  List<LinkAddress> addresses(Collection<Long> ids) throws SQLException {
    if (ids.isEmpty()) {
      return List.of();
    }
    List<LinkAddress> addresses = new ArrayList<>();
    for (List<Long> chunk : chunks(List.copyOf(ids))) {
      addresses.addAll(
          new Sql.Builder()
              .append("SELECT domain, slug FROM link WHERE id")
              .in(chunk)
              .build()
              .list(dataSource, row -> new LinkAddress(row.getString(1), row.getString(2))));
    }
    return addresses;
  }

  private static List<List<Long>> chunks(List<Long> ids) {
    List<List<Long>> chunks = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += 1_000) {
      chunks.add(ids.subList(from, Math.min(ids.size(), from + 1_000)));
    }
    return chunks;
  }

  /** Up to {@code limit} live links, most recently updated first, to warm the redirect cache. */
  List<Link> recentLive(int limit) throws SQLException {
    return Sql.of(
            "SELECT "
                + COLUMNS
                + " FROM link l WHERE l.deleted_at IS NULL ORDER BY l.updated_at DESC LIMIT ?",
            limit)
        .list(dataSource, LinkRepository::map);
  }

  /** A link whose split is due to end. */
  record DueExperiment(long workspaceId, long id) {}

  /** Up to {@code limit} live links whose split's end date is {@code now} or before. */
  List<DueExperiment> experimentsDue(Instant now, int limit) throws SQLException {
    return Sql.of(
            """
            SELECT workspace_id, id FROM link
            WHERE experiment_ends_at <= ? AND deleted_at IS NULL
            ORDER BY experiment_ends_at LIMIT ?
            """,
            now,
            limit)
        .list(dataSource, row -> new DueExperiment(row.getLong(1), row.getLong(2)));
  }

  /** A link changed after a sync cursor; {@code deleted} when the change was its deletion. */
  public record Change(Link link, boolean deleted) {}

  /**
   * Up to {@code limit} links of a workspace changed after ({@code updatedAt}, {@code id}) and
   * before {@code settledBefore}, oldest change first, deleted ones included.
   */
  public List<Change> changedSince(
      long workspaceId, Instant updatedAt, long id, Instant settledBefore, int limit)
      throws SQLException {
    return Sql.of(
            "SELECT "
                + COLUMNS
                + """
                , l.deleted_at IS NOT NULL AS deleted FROM link l
                WHERE l.workspace_id = ? AND (l.updated_at > ? OR (l.updated_at = ? AND l.id > ?))
                  AND l.updated_at < ?
                ORDER BY l.updated_at, l.id LIMIT ?
                """,
            workspaceId,
            updatedAt,
            updatedAt,
            id,
            settledBefore,
            limit)
        .list(dataSource, row -> new Change(map(row), row.getBoolean("deleted")));
  }

  /** One page of the workspace's live links matching the query, and the total match count. */
  public record Page(List<Link> links, long total) {}

  public Page list(long workspaceId, LinkQuery query) throws SQLException {
    Sql.Builder from =
        new Sql.Builder()
            .append("FROM link l WHERE l.workspace_id = ? AND l.deleted_at IS NULL", workspaceId);
    if (query.search() != null && !query.search().isBlank()) {
      String like = "%" + escapeLike(query.search().strip()) + "%";
      // The slug column is ASCII: converted, it compares with any search text (a non-ASCII term
      // against it is otherwise an "illegal mix of collations") and ignores case like the others.
      from.append(
          " AND (CONVERT(l.slug USING utf8mb4) COLLATE utf8mb4_unicode_ci LIKE ?"
              + " OR l.title LIKE ? OR l.target_url LIKE ?)",
          like,
          like,
          like);
    }
    if (query.tag() != null && !query.tag().isBlank()) {
      from.append(
          " AND EXISTS (SELECT 1 FROM link_tag t WHERE t.link_id = l.id AND t.tag = ?)",
          query.tag().strip().toLowerCase(java.util.Locale.ROOT));
    }
    String newestFirst = "l.created_at DESC, l.id DESC";
    String sort = query.sort();
    String order = sort == null ? newestFirst : SORTS.getOrDefault(sort, newestFirst);
    try (Connection c = dataSource.getConnection()) {
      Sql.Page<Link> page =
          Sql.page(
              c, COLUMNS, from.build(), order, query.offset(), query.limit(), LinkRepository::map);
      return new Page(page.items(), page.total());
    }
  }

  /**
   * Claims {@code host} for the workspace if nobody has it; true when the workspace owns it (now or
   * before).
   */
  public boolean claimDomain(String host, long workspaceId) throws SQLException {
    return Sql.withConnection(
        dataSource,
        c -> {
          claimDomain(c, host, workspaceId);
          return Sql.of("SELECT workspace_id FROM domain WHERE host = ?", host)
              .one(c, row -> row.getLong(1) == workspaceId)
              .orElse(false);
        });
  }

  /**
   * Claims {@code host} for the workspace if nobody has it, in the caller's transaction; a new
   * claim goes into the change feed, since other collectors may know the host as no custom domain.
   */
  static void claimDomain(Connection c, String host, long workspaceId) throws SQLException {
    if (Sql.of("INSERT IGNORE INTO domain (host, workspace_id) VALUES (?, ?)", host, workspaceId)
            .update(c)
        == 1) {
      ChangeLog.append(c, ChangeLog.Kind.DOMAIN, workspaceId, 0, host);
    }
  }

  /** Whether a workspace has claimed {@code host} as a custom domain. */
  boolean isClaimedDomain(String host) throws SQLException {
    return Sql.withConnection(
        dataSource,
        c -> Sql.of("SELECT 1 FROM domain WHERE host = ? AND host <> ''", host).exists(c));
  }

  /** Every claimed custom domain, to tell them from other names of the default domain. */
  List<String> claimedDomains() throws SQLException {
    return Sql.of("SELECT host FROM domain WHERE host <> ''")
        .list(dataSource, row -> row.getString(1));
  }

  /**
   * The workspace that owns a host's unknown paths (for orphan visits): the domain's owner, and for
   * the default domain (or an unclaimed host) the first workspace.
   */
  public long domainOwner(String host) throws SQLException {
    return Sql.of(
            """
            SELECT COALESCE((SELECT workspace_id FROM domain WHERE host = ?),
              (SELECT MIN(id) FROM workspace), 0)
            """,
            host)
        .one(dataSource, row -> row.getLong(1))
        .orElseThrow();
  }

  /** The editable fields by name, for the insert and the update alike. */
  static Map<String, Object> fields(Link link) {
    // HashMap, not Map.of: fields such as the title or the click limit may be null.
    Map<String, Object> fields = new HashMap<>();
    fields.put("domain", link.domain());
    fields.put("slug", link.slug());
    fields.put("target_url", link.targetUrl());
    fields.put("title", link.title());
    fields.put("notes", link.notes());
    fields.put("redirect_type", link.redirectType());
    fields.put("valid_from", link.validFrom());
    fields.put("valid_until", link.validUntil());
    fields.put("max_clicks", link.maxClicks());
    fields.put("fallback_url", link.fallbackUrl());
    fields.put("forward_query", link.forwardQuery());
    fields.put("password_hash", link.passwordHash());
    fields.put(
        "deep_links", link.deepLinks() == null ? null : Json.gson().toJson(link.deepLinks()));
    fields.put("click_id_param", link.clickIdParam());
    fields.put("routing", link.routing().toJson());
    fields.put("experiment_ends_at", link.routing().pendingEnd());
    return fields;
  }

  private static void replaceTags(Connection c, long linkId, List<String> tags)
      throws SQLException {
    Sql.of("DELETE FROM link_tag WHERE link_id = ?", linkId).update(c);
    Sql.batch(
        c,
        "INSERT INTO link_tag (link_id, tag) VALUES (?, ?)",
        tags.stream().map(tag -> List.<Object>of(linkId, tag)).toList());
  }

  static Link map(ResultSet row) throws SQLException {
    String tags = row.getString("tags");
    return new Link(
        row.getLong("id"),
        row.getLong("workspace_id"),
        row.getString("domain"),
        row.getString("slug"),
        row.getString("target_url"),
        row.getString("title"),
        row.getString("notes"),
        tags == null ? List.of() : List.of(tags.split("\u001f")),
        row.getInt("redirect_type"),
        Sql.nullableInstant(row, "valid_from"),
        Sql.nullableInstant(row, "valid_until"),
        Sql.nullableLong(row, "max_clicks"),
        row.getString("fallback_url"),
        row.getBoolean("forward_query"),
        row.getLong("total_clicks"),
        Sql.instant(row, "created_at"),
        Sql.instant(row, "updated_at"),
        row.getString("password_hash"),
        deepLinks(row.getString("deep_links")),
        row.getString("click_id_param"),
        Routing.fromJson(row.getString("routing")),
        row.getLong("imported_clicks"));
  }

  private static @Nullable DeepLinks deepLinks(@Nullable String json) {
    return json == null ? null : Json.gson().fromJson(json, DeepLinks.class);
  }

  private static String escapeLike(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
