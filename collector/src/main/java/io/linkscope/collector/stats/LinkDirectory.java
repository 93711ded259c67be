package io.linkscope.collector.stats;

import io.linkscope.collector.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * What statistics need to know about links, pages and widgets: whether a workspace owns a link or a
 * page (deleted ones keep their statistics), which links carry a tag, and display names.
 */
public final class LinkDirectory {
  private final DataSource dataSource;

  LinkDirectory(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Slug and title of a link, and whether it is deleted. */
  record Names(String slug, String title, boolean deleted) {
    static final Names UNKNOWN = new Names("", "", true);
  }

  public boolean owns(long workspaceId, long linkId) throws SQLException {
    return Sql.withConnection(
        dataSource,
        c ->
            Sql.of("SELECT 1 FROM link WHERE id = ? AND workspace_id = ?", linkId, workspaceId)
                .exists(c));
  }

  /**
   * Whether the page is the workspace's, or was: a deleted page's row is gone, but its views and
   * taps stay in the rollups under its workspace.
   */
  boolean ownsPage(long workspaceId, long pageId) throws SQLException {
    return Sql.withConnection(
        dataSource,
        c ->
            Sql.of(
                    """
                    SELECT 1 FROM bio_page WHERE id = ? AND workspace_id = ?
                    UNION ALL
                    (SELECT 1 FROM rollup_day WHERE scope = ? AND scope_id = ? AND workspace_id = ?
                     LIMIT 1)
                    LIMIT 1
                    """,
                    pageId,
                    workspaceId,
                    Scope.PAGE.code,
                    pageId,
                    workspaceId)
                .exists(c));
  }

  List<Long> tagged(long workspaceId, String tag) throws SQLException {
    return Sql.of(
            """
            SELECT l.id FROM link_tag t JOIN link l ON l.id = t.link_id
            WHERE t.tag = ? AND l.workspace_id = ? ORDER BY l.id
            """,
            tag.strip().toLowerCase(java.util.Locale.ROOT),
            workspaceId)
        .list(dataSource, row -> row.getLong(1));
  }

  Map<Long, Names> names(Connection c, List<Long> ids) throws SQLException {
    Map<Long, Names> names = new HashMap<>();
    if (ids.isEmpty()) {
      return names;
    }
    new Sql.Builder()
        .append("SELECT id, slug, title, deleted_at IS NOT NULL FROM link WHERE id")
        .in(ids)
        .build()
        .forEachRow(
            c,
            row ->
                names.put(
                    row.getLong(1),
                    new Names(row.getString(2), row.getString(3), row.getBoolean(4))));
    return names;
  }

  /** Widget id → {type, title} of a page's widgets as last seen in a tap. */
  Map<Long, String[]> widgets(Connection c, long pageId) throws SQLException {
    Map<Long, String[]> widgets = new HashMap<>();
    new Sql.Builder()
        .append(
            "SELECT widget_id, widget_type, widget_title FROM page_widget WHERE page_id = ?",
            pageId)
        .build()
        .forEachRow(
            c,
            row -> widgets.put(row.getLong(1), new String[] {row.getString(2), row.getString(3)}));
    return widgets;
  }
}
