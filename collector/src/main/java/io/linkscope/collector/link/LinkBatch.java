package io.linkscope.collector.link;

import io.linkscope.collector.db.ChangeLog;
import io.linkscope.collector.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Many links read and written in a few statements each: a multi-row INSERT, a batched UPDATE, one
 * IN list for reads, deletes and tags. The writes run on the caller's connection, inside its
 * transaction.
 */
final class LinkBatch {
  /** Keys per IN list: far below MariaDB's 65,535 placeholders with two per key. */
  private static final int CHUNK = 1_000;

  private static final String INSERT_COLUMNS =
      """
      INSERT INTO link (workspace_id, domain, slug, target_url, title, notes, redirect_type,
        valid_from, valid_until, max_clicks, fallback_url, forward_query, created_at, updated_at,
        password_hash, deep_links, click_id_param, routing, imported_clicks)
      VALUES\s""";

  private final DataSource dataSource;

  LinkBatch(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The live links, of any workspace, at the given addresses. */
  Map<LinkAddress, Link> findLive(Collection<LinkAddress> keys) throws SQLException {
    Map<String, List<String>> slugsByDomain = new LinkedHashMap<>();
    for (LinkAddress key : keys) {
      slugsByDomain.computeIfAbsent(key.domain(), d -> new ArrayList<>()).add(key.slug());
    }
    Map<LinkAddress, Link> found = new HashMap<>();
    for (Map.Entry<String, List<String>> domain : slugsByDomain.entrySet()) {
      for (Link link : select("l.domain = ? AND l.live_slug", domain.getValue(), domain.getKey())) {
        found.put(LinkAddress.of(link), link);
      }
    }
    return found;
  }

  /** The workspace's live links among {@code ids}, by id. */
  Map<Long, Link> findByIds(long workspaceId, Collection<Long> ids) throws SQLException {
    Map<Long, Link> found = new HashMap<>();
    for (Link link :
        select(
            "l.workspace_id = ? AND l.deleted_at IS NULL AND l.id",
            List.copyOf(ids),
            workspaceId)) {
      found.put(link.id(), link);
    }
    return found;
  }

  /** The workspace's live links on {@code domain} whose target is one of {@code targets}. */
  List<Link> findByTargets(long workspaceId, String domain, Collection<String> targets)
      throws SQLException {
    return select(
        "l.workspace_id = ? AND l.deleted_at IS NULL AND l.domain = ? AND l.target_url",
        List.copyOf(targets),
        workspaceId,
        domain);
  }

  /**
   * The links where {@code condition} (which ends in the column to match) holds for one of {@code
   * values}, an IN list per chunk on one connection.
   */
  private List<Link> select(String condition, List<?> values, Object... params)
      throws SQLException {
    List<Link> found = new ArrayList<>();
    try (Connection c = dataSource.getConnection()) {
      for (List<?> chunk : chunks(values)) {
        Sql sql =
            new Sql.Builder()
                .append(
                    "SELECT " + LinkRepository.COLUMNS + " FROM link l WHERE " + condition, params)
                .in(chunk)
                .build();
        found.addAll(sql.list(c, LinkRepository::map));
      }
    }
    return found;
  }

  /** Live links on {@code domain} whose slug is {@code slug} followed by '-' and more. */
  List<Link> findSuffixed(String domain, String slug) throws SQLException {
    String like = slug.replace("\\", "\\\\").replace("_", "\\_").replace("%", "\\%") + "-%";
    return Sql.of(
            "SELECT "
                + LinkRepository.COLUMNS
                + " FROM link l WHERE l.domain = ? AND l.live_slug LIKE ?",
            domain,
            like)
        .list(dataSource, LinkRepository::map);
  }

  /** The workspace each claimed host belongs to; unclaimed hosts are absent. */
  Map<String, Long> domainOwners(Collection<String> hosts) throws SQLException {
    Map<String, Long> owners = new HashMap<>();
    if (hosts.isEmpty()) {
      return owners;
    }
    try (Connection c = dataSource.getConnection()) {
      for (List<String> chunk : chunks(List.copyOf(hosts))) {
        new Sql.Builder()
            .append("SELECT host, workspace_id FROM domain WHERE host")
            .in(chunk)
            .build()
            .forEachRow(c, row -> owners.put(row.getString(1), row.getLong(2)));
      }
    }
    return owners;
  }

  /**
   * Claims every host nobody has for the workspace; returns the hosts another workspace owns (none
   * when all are the workspace's now).
   */
  static List<String> claimDomains(Connection c, long workspaceId, Set<String> hosts)
      throws SQLException {
    List<String> foreign = new ArrayList<>();
    for (String host : hosts) {
      LinkRepository.claimDomain(c, host, workspaceId);
      boolean ours =
          Sql.of("SELECT workspace_id FROM domain WHERE host = ?", host)
              .one(c, row -> row.getLong(1) == workspaceId)
              .orElse(false);
      if (!ours) {
        foreign.add(host);
      }
    }
    return foreign;
  }

  /**
   * Inserts the links, a multi-row INSERT per chunk, and their tags; returns their ids in the order
   * given. Each link's created_at is its own (an import keeps the source's); its updated_at is
   * {@code now}.
   */
  static List<Long> insert(Connection c, List<Link> links, Instant now) throws SQLException {
    List<Long> ids = new ArrayList<>(links.size());
    for (List<Link> chunk : chunks(links)) {
      StringBuilder text = new StringBuilder(INSERT_COLUMNS);
      // A plain list, not Builder.append's varargs: many of the values may be NULL.
      List<Object> params = new ArrayList<>();
      for (int i = 0; i < chunk.size(); i++) {
        Link link = chunk.get(i);
        Map<String, Object> fields = LinkRepository.fields(link);
        text.append(i == 0 ? "" : ", ")
            .append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        params.add(link.workspaceId());
        for (String column :
            List.of(
                "domain",
                "slug",
                "target_url",
                "title",
                "notes",
                "redirect_type",
                "valid_from",
                "valid_until",
                "max_clicks",
                "fallback_url",
                "forward_query")) {
          params.add(fields.get(column));
        }
        params.add(link.createdAt());
        params.add(now);
        for (String column : List.of("password_hash", "deep_links", "click_id_param", "routing")) {
          params.add(fields.get(column));
        }
        params.add(link.importedClicks());
      }
      new Sql(text.toString(), params).update(c);
      // A multi-row INSERT's keys need not be consecutive; the addresses are unique, so they
      // find the new rows.
      Map<LinkAddress, Long> byKey = idsByKey(c, chunk);
      for (Link link : chunk) {
        ids.add(byKey.get(LinkAddress.of(link)));
      }
      List<Long> chunkIds = ids.subList(ids.size() - chunk.size(), ids.size());
      addTags(c, chunkIds, chunk);
      changed(c, chunk, chunkIds);
    }
    return ids;
  }

  private static Map<LinkAddress, Long> idsByKey(Connection c, List<Link> links)
      throws SQLException {
    Map<String, List<String>> slugsByDomain = new LinkedHashMap<>();
    for (Link link : links) {
      slugsByDomain.computeIfAbsent(link.domain(), d -> new ArrayList<>()).add(link.slug());
    }
    Map<LinkAddress, Long> ids = new HashMap<>();
    for (Map.Entry<String, List<String>> domain : slugsByDomain.entrySet()) {
      new Sql.Builder()
          .append("SELECT id, slug FROM link WHERE domain = ?", domain.getKey())
          .append(" AND live_slug")
          .in(domain.getValue())
          .build()
          .forEachRow(
              c,
              row -> ids.put(new LinkAddress(domain.getKey(), row.getString(2)), row.getLong(1)));
    }
    return ids;
  }

  /**
   * Moves links out of their addresses for the rest of a transaction, to a slug no link can have
   * ('~' and the id: slugs begin with a letter or digit), so that the update that follows can give
   * their addresses to other links of the same request.
   */
  static void vacate(Connection c, long workspaceId, List<Long> ids) throws SQLException {
    for (List<Long> chunk : chunks(ids)) {
      new Sql.Builder()
          .append(
              """
              UPDATE link SET slug = CONCAT('~', id)
              WHERE workspace_id = ? AND deleted_at IS NULL AND id""",
              workspaceId)
          .in(chunk)
          .build()
          .update(c);
    }
  }

  /** Saves every editable field and the imported clicks of each link, in one batch. */
  static void update(Connection c, List<Link> links, Instant now) throws SQLException {
    List<List<Object>> rows = new ArrayList<>(links.size());
    for (Link link : links) {
      Map<String, Object> f = LinkRepository.fields(link);
      List<Object> row = new ArrayList<>();
      row.add(f.get("target_url"));
      row.add(f.get("title"));
      row.add(f.get("notes"));
      row.add(f.get("redirect_type"));
      row.add(f.get("valid_from"));
      row.add(f.get("valid_until"));
      row.add(f.get("max_clicks"));
      row.add(f.get("fallback_url"));
      row.add(f.get("forward_query"));
      row.add(f.get("domain"));
      row.add(f.get("slug"));
      row.add(now);
      row.add(f.get("password_hash"));
      row.add(f.get("deep_links"));
      row.add(f.get("click_id_param"));
      row.add(f.get("routing"));
      row.add(link.importedClicks());
      row.add(link.id());
      row.add(link.workspaceId());
      rows.add(row);
    }
    Sql.batch(
        c,
        """
        UPDATE link SET
          admitted_clicks = IF(max_clicks IS NULL, total_clicks, admitted_clicks),
          target_url = ?, title = ?, notes = ?, redirect_type = ?, valid_from = ?,
          valid_until = ?, max_clicks = ?, fallback_url = ?, forward_query = ?,
          domain = ?, slug = ?, updated_at = ?, password_hash = ?, deep_links = ?,
          click_id_param = ?, routing = ?, imported_clicks = ?
        WHERE id = ? AND workspace_id = ? AND deleted_at IS NULL
        """,
        rows);
    List<Long> ids = links.stream().map(Link::id).toList();
    for (List<Long> chunk : chunks(ids)) {
      new Sql.Builder().append("DELETE FROM link_tag WHERE link_id").in(chunk).build().update(c);
    }
    addTags(c, ids, links);
    changed(c, links, ids);
  }

  /** Puts the links into the change feed, for the redirect caches of every collector. */
  private static void changed(Connection c, List<Link> links, List<Long> ids) throws SQLException {
    Map<Long, List<Long>> byWorkspace = new LinkedHashMap<>();
    for (int i = 0; i < links.size(); i++) {
      byWorkspace
          .computeIfAbsent(links.get(i).workspaceId(), w -> new ArrayList<>())
          .add(ids.get(i));
    }
    for (Map.Entry<Long, List<Long>> workspace : byWorkspace.entrySet()) {
      ChangeLog.appendAll(c, ChangeLog.Kind.LINK, workspace.getKey(), workspace.getValue());
    }
  }

  /** Marks the workspace's links deleted; returns how many were live. */
  static int delete(Connection c, long workspaceId, List<Long> ids, Instant now)
      throws SQLException {
    int deleted = 0;
    for (List<Long> chunk : chunks(ids)) {
      deleted +=
          new Sql.Builder()
              .append(
                  "UPDATE link SET deleted_at = ?, updated_at = ? WHERE workspace_id = ?"
                      + " AND deleted_at IS NULL AND id",
                  now,
                  now,
                  workspaceId)
              .in(chunk)
              .build()
              .update(c);
    }
    ChangeLog.appendAll(c, ChangeLog.Kind.LINK, workspaceId, ids);
    return deleted;
  }

  /** Adds each tag to each link (a tag a link has stays once) and marks the links changed. */
  static void tag(Connection c, List<Long> ids, List<String> tags, Instant now)
      throws SQLException {
    List<Long> linkIds = new ArrayList<>();
    List<String> linkTags = new ArrayList<>();
    for (long id : ids) {
      for (String tag : tags) {
        linkIds.add(id);
        linkTags.add(tag);
      }
    }
    insertTags(c, "INSERT IGNORE INTO link_tag (link_id, tag) VALUES ", linkIds, linkTags);
    touch(c, ids, now);
  }

  /** Takes the tags off the links and marks them changed. */
  static void untag(Connection c, List<Long> ids, List<String> tags, Instant now)
      throws SQLException {
    for (List<Long> chunk : chunks(ids)) {
      new Sql.Builder()
          .append("DELETE FROM link_tag WHERE link_id")
          .in(chunk)
          .append(" AND tag")
          .in(tags)
          .build()
          .update(c);
    }
    touch(c, ids, now);
  }

  /** A change of tags is a change of the link, for the desktop's sync. */
  private static void touch(Connection c, List<Long> ids, Instant now) throws SQLException {
    for (List<Long> chunk : chunks(ids)) {
      new Sql.Builder()
          .append("UPDATE link SET updated_at = ? WHERE id", now)
          .in(chunk)
          .build()
          .update(c);
    }
  }

  private static void addTags(Connection c, List<Long> ids, List<Link> links) throws SQLException {
    List<Long> linkIds = new ArrayList<>();
    List<String> tags = new ArrayList<>();
    for (int i = 0; i < links.size(); i++) {
      for (String tag : links.get(i).tags()) {
        linkIds.add(ids.get(i));
        tags.add(tag);
      }
    }
    insertTags(c, "INSERT INTO link_tag (link_id, tag) VALUES ", linkIds, tags);
  }

  private static void insertTags(Connection c, String insert, List<Long> ids, List<String> tags)
      throws SQLException {
    for (int from = 0; from < ids.size(); from += CHUNK) {
      int to = Math.min(ids.size(), from + CHUNK);
      Sql.Builder sql = new Sql.Builder().append(insert);
      for (int i = from; i < to; i++) {
        sql.append(i == from ? "(?, ?)" : ", (?, ?)", ids.get(i), tags.get(i));
      }
      sql.build().update(c);
    }
  }

  private static <T> List<List<T>> chunks(List<T> items) {
    List<List<T>> chunks = new ArrayList<>();
    for (int from = 0; from < items.size(); from += CHUNK) {
      chunks.add(items.subList(from, Math.min(items.size(), from + CHUNK)));
    }
    return chunks;
  }
}
