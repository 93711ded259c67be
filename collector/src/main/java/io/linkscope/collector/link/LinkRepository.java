package io.linkscope.collector.link;

import io.linkscope.api.link.LinkQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** Links and their tags in MariaDB. Every query that takes a workspace id is scoped to it. */
public final class LinkRepository {
  private static final String COLUMNS =
      """
      l.id, l.workspace_id, l.domain, l.slug, l.target_url, l.title, l.notes, l.redirect_type,
      l.valid_from, l.valid_until, l.max_clicks, l.fallback_url, l.forward_query, l.total_clicks,
      l.created_at, l.updated_at,
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

  public LinkRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public static boolean isKnownSort(String sort) {
    return SORTS.containsKey(sort);
  }

  /** Thrown when the (domain, slug) pair is already used by a live link. */
  public static final class SlugTakenException extends Exception {
    private static final long serialVersionUID = 1L;

    SlugTakenException(SQLException cause) {
      super(cause);
    }
  }

  public long insert(Link link) throws SQLException, SlugTakenException {
    Instant now = Instant.now();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement insert =
          c.prepareStatement(
              """
              INSERT INTO link (workspace_id, domain, slug, target_url, title, notes, redirect_type,
                valid_from, valid_until, max_clicks, fallback_url, forward_query, created_at,
                updated_at)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
              """,
              Statement.RETURN_GENERATED_KEYS)) {
        insert.setLong(1, link.workspaceId());
        insert.setString(2, link.domain());
        insert.setString(3, link.slug());
        bindFields(insert, 4, link);
        insert.setTimestamp(13, Timestamp.from(now));
        insert.setTimestamp(14, Timestamp.from(now));
        insert.executeUpdate();
        long id;
        try (ResultSet keys = insert.getGeneratedKeys()) {
          keys.next();
          id = keys.getLong(1);
        }
        replaceTags(c, id, link.tags());
        c.commit();
        return id;
      } catch (SQLIntegrityConstraintViolationException e) {
        c.rollback();
        throw new SlugTakenException(e);
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** Saves every editable field; false when the workspace has no such live link. */
  public boolean update(Link link) throws SQLException, SlugTakenException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement update =
          c.prepareStatement(
              """
              UPDATE link SET
                admitted_clicks = IF(max_clicks IS NULL, total_clicks, admitted_clicks),
                target_url = ?, title = ?, notes = ?, redirect_type = ?,
                valid_from = ?, valid_until = ?, max_clicks = ?, fallback_url = ?,
                forward_query = ?, domain = ?, slug = ?, updated_at = ?
              WHERE id = ? AND workspace_id = ? AND deleted_at IS NULL
              """)) {
        bindFields(update, 1, link);
        update.setString(10, link.domain());
        update.setString(11, link.slug());
        update.setTimestamp(12, Timestamp.from(Instant.now()));
        update.setLong(13, link.id());
        update.setLong(14, link.workspaceId());
        if (update.executeUpdate() != 1) {
          c.rollback();
          return false;
        }
        replaceTags(c, link.id(), link.tags());
        c.commit();
        return true;
      } catch (SQLIntegrityConstraintViolationException e) {
        c.rollback();
        throw new SlugTakenException(e);
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** Marks a link deleted; its clicks stay for the workspace's statistics. */
  public boolean delete(long workspaceId, long id) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement update =
            c.prepareStatement(
                """
                UPDATE link SET deleted_at = ?, updated_at = ?
                WHERE id = ? AND workspace_id = ? AND deleted_at IS NULL
                """)) {
      Timestamp now = Timestamp.from(Instant.now());
      update.setTimestamp(1, now);
      update.setTimestamp(2, now);
      update.setLong(3, id);
      update.setLong(4, workspaceId);
      return update.executeUpdate() == 1;
    }
  }

  /**
   * Counts one human click against the link's click limit if it is not reached, atomically across
   * every collector on the database: false when the limit is reached.
   */
  public boolean admitClick(long id) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement update =
            c.prepareStatement(
                """
                UPDATE link SET admitted_clicks = admitted_clicks + 1
                WHERE id = ? AND (max_clicks IS NULL OR admitted_clicks < max_clicks)
                """)) {
      update.setLong(1, id);
      return update.executeUpdate() == 1;
    }
  }

  public Optional<Link> find(long workspaceId, long id) throws SQLException {
    return one(
        "SELECT "
            + COLUMNS
            + " FROM link l WHERE l.id = ? AND l.workspace_id = ? AND l.deleted_at IS NULL",
        id,
        workspaceId);
  }

  /** The live link answering {@code slug} on {@code domain}, for the redirect cache. */
  public Optional<Link> findLive(String domain, String slug) throws SQLException {
    return one(
        "SELECT " + COLUMNS + " FROM link l WHERE l.domain = ? AND l.live_slug = ?", domain, slug);
  }

  /** Up to {@code limit} live links, most recently updated first, to warm the redirect cache. */
  public List<Link> recentLive(int limit) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement select =
            c.prepareStatement(
                "SELECT "
                    + COLUMNS
                    + " FROM link l WHERE l.deleted_at IS NULL ORDER BY l.updated_at DESC LIMIT ?")) {
      select.setInt(1, limit);
      return all(select);
    }
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
    try (Connection c = dataSource.getConnection();
        PreparedStatement select =
            c.prepareStatement(
                "SELECT "
                    + COLUMNS
                    + """
                    , l.deleted_at IS NOT NULL AS deleted FROM link l
                    WHERE l.workspace_id = ? AND (l.updated_at > ? OR (l.updated_at = ? AND l.id > ?))
                      AND l.updated_at < ?
                    ORDER BY l.updated_at, l.id LIMIT ?
                    """)) {
      bind(
          select,
          List.of(
              workspaceId,
              Timestamp.from(updatedAt),
              Timestamp.from(updatedAt),
              id,
              Timestamp.from(settledBefore),
              limit));
      List<Change> changes = new ArrayList<>();
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          changes.add(new Change(map(row), row.getBoolean("deleted")));
        }
      }
      return changes;
    }
  }

  /** One page of the workspace's live links matching the query, and the total match count. */
  public record Page(List<Link> links, long total) {}

  public Page list(long workspaceId, LinkQuery query) throws SQLException {
    StringBuilder where = new StringBuilder(" WHERE l.workspace_id = ? AND l.deleted_at IS NULL");
    List<Object> parameters = new ArrayList<>();
    parameters.add(workspaceId);
    if (query.search() != null && !query.search().isBlank()) {
      // The slug column is ASCII: converted, it compares with any search text (a non-ASCII term
      // against it is otherwise an "illegal mix of collations") and ignores case like the others.
      where.append(
          " AND (CONVERT(l.slug USING utf8mb4) COLLATE utf8mb4_unicode_ci LIKE ?"
              + " OR l.title LIKE ? OR l.target_url LIKE ?)");
      String like = "%" + escapeLike(query.search().strip()) + "%";
      parameters.add(like);
      parameters.add(like);
      parameters.add(like);
    }
    if (query.tag() != null && !query.tag().isBlank()) {
      where.append(" AND EXISTS (SELECT 1 FROM link_tag t WHERE t.link_id = l.id AND t.tag = ?)");
      parameters.add(query.tag().strip().toLowerCase(java.util.Locale.ROOT));
    }
    String order =
        SORTS.getOrDefault(query.sort() == null ? "-created" : query.sort(), SORTS.get("-created"));
    try (Connection c = dataSource.getConnection()) {
      long total;
      try (PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM link l" + where)) {
        bind(count, parameters);
        try (ResultSet row = count.executeQuery()) {
          row.next();
          total = row.getLong(1);
        }
      }
      try (PreparedStatement select =
          c.prepareStatement(
              "SELECT "
                  + COLUMNS
                  + " FROM link l"
                  + where
                  + " ORDER BY "
                  + order
                  + " LIMIT ? OFFSET ?")) {
        List<Object> paged = new ArrayList<>(parameters);
        paged.add(query.limit());
        paged.add(query.offset());
        bind(select, paged);
        return new Page(all(select), total);
      }
    }
  }

  /**
   * Claims {@code host} for the workspace if nobody has it; true when the workspace owns it (now or
   * before).
   */
  public boolean claimDomain(String host, long workspaceId) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement insert =
          c.prepareStatement("INSERT IGNORE INTO domain (host, workspace_id) VALUES (?, ?)")) {
        insert.setString(1, host);
        insert.setLong(2, workspaceId);
        insert.executeUpdate();
      }
      try (PreparedStatement select =
          c.prepareStatement("SELECT workspace_id FROM domain WHERE host = ?")) {
        select.setString(1, host);
        try (ResultSet row = select.executeQuery()) {
          return row.next() && row.getLong(1) == workspaceId;
        }
      }
    }
  }

  /** Whether a workspace has claimed {@code host} as a custom domain. */
  public boolean isClaimedDomain(String host) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement select =
            c.prepareStatement("SELECT 1 FROM domain WHERE host = ? AND host <> ''")) {
      select.setString(1, host);
      try (ResultSet row = select.executeQuery()) {
        return row.next();
      }
    }
  }

  /** Every claimed custom domain, to tell them from other names of the default domain. */
  public List<String> claimedDomains() throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement select = c.prepareStatement("SELECT host FROM domain WHERE host <> ''");
        ResultSet row = select.executeQuery()) {
      List<String> hosts = new ArrayList<>();
      while (row.next()) {
        hosts.add(row.getString(1));
      }
      return hosts;
    }
  }

  /**
   * The workspace that owns a host's unknown paths (for orphan visits): the domain's owner, and for
   * the default domain (or an unclaimed host) the first workspace.
   */
  public long domainOwner(String host) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement select =
            c.prepareStatement(
                """
                SELECT COALESCE((SELECT workspace_id FROM domain WHERE host = ?),
                  (SELECT MIN(id) FROM workspace), 0)
                """)) {
      select.setString(1, host);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  private static void bindFields(PreparedStatement statement, int first, Link link)
      throws SQLException {
    statement.setString(first, link.targetUrl());
    statement.setString(first + 1, link.title());
    statement.setString(first + 2, link.notes());
    statement.setInt(first + 3, link.redirectType());
    setInstant(statement, first + 4, link.validFrom());
    setInstant(statement, first + 5, link.validUntil());
    if (link.maxClicks() == null) {
      statement.setNull(first + 6, Types.BIGINT);
    } else {
      statement.setLong(first + 6, link.maxClicks());
    }
    statement.setString(first + 7, link.fallbackUrl());
    statement.setBoolean(first + 8, link.forwardQuery());
  }

  private static void replaceTags(Connection c, long linkId, List<String> tags)
      throws SQLException {
    try (PreparedStatement delete = c.prepareStatement("DELETE FROM link_tag WHERE link_id = ?")) {
      delete.setLong(1, linkId);
      delete.executeUpdate();
    }
    if (tags.isEmpty()) {
      return;
    }
    try (PreparedStatement insert =
        c.prepareStatement("INSERT INTO link_tag (link_id, tag) VALUES (?, ?)")) {
      for (String tag : tags) {
        insert.setLong(1, linkId);
        insert.setString(2, tag);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private Optional<Link> one(String sql, Object... parameters) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement select = c.prepareStatement(sql)) {
      bind(select, Arrays.asList(parameters));
      List<Link> links = all(select);
      return links.isEmpty() ? Optional.empty() : Optional.of(links.getFirst());
    }
  }

  private static List<Link> all(PreparedStatement select) throws SQLException {
    List<Link> links = new ArrayList<>();
    try (ResultSet row = select.executeQuery()) {
      while (row.next()) {
        links.add(map(row));
      }
    }
    return links;
  }

  private static Link map(ResultSet row) throws SQLException {
    String tags = row.getString("tags");
    long maxClicks = row.getLong("max_clicks");
    Long max = row.wasNull() ? null : maxClicks;
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
        instant(row, "valid_from"),
        instant(row, "valid_until"),
        max,
        row.getString("fallback_url"),
        row.getBoolean("forward_query"),
        row.getLong("total_clicks"),
        instant(row, "created_at"),
        instant(row, "updated_at"));
  }

  private static Instant instant(ResultSet row, String column) throws SQLException {
    Timestamp timestamp = row.getTimestamp(column);
    return timestamp == null ? null : timestamp.toInstant();
  }

  private static void setInstant(PreparedStatement statement, int index, Instant instant)
      throws SQLException {
    if (instant == null) {
      statement.setNull(index, Types.TIMESTAMP);
    } else {
      statement.setTimestamp(index, Timestamp.from(instant));
    }
  }

  private static void bind(PreparedStatement statement, List<Object> parameters)
      throws SQLException {
    for (int i = 0; i < parameters.size(); i++) {
      statement.setObject(i + 1, parameters.get(i));
    }
  }

  private static String escapeLike(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
