package io.linkscope.collector.bio;

import com.google.gson.reflect.TypeToken;
import io.linkscope.api.Json;
import io.linkscope.api.bio.BioSocialIcon;
import io.linkscope.api.bio.BioTheme;
import io.linkscope.api.bio.BioWidgetView;
import java.lang.reflect.Type;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Bio pages and their widgets in MariaDB. Every query that takes a workspace id is scoped to it.
 */
public final class BioRepository {
  private static final Type ICONS =
      TypeToken.getParameterized(List.class, BioSocialIcon.class).getType();
  private static final String PAGE_COLUMNS =
      """
      id, workspace_id, domain, handle, title, description, avatar_url, theme, seo_title,
      seo_description, og_image_url, published, created_at, updated_at
      """;

  private final DataSource dataSource;

  public BioRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Thrown when the (domain, handle) pair already belongs to a page. */
  static final class HandleTakenException extends Exception {
    private static final long serialVersionUID = 1L;

    HandleTakenException(SQLException cause) {
      super(cause);
    }
  }

  long insert(BioPage page) throws SQLException, HandleTakenException {
    Instant now = Instant.now();
    try (Connection c = dataSource.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                """
                INSERT INTO bio_page (domain, handle, title, description, avatar_url, theme,
                  seo_title, seo_description, og_image_url, published, workspace_id, created_at,
                  updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                Statement.RETURN_GENERATED_KEYS)) {
      bindPage(insert, page);
      insert.setLong(11, page.workspaceId());
      insert.setTimestamp(12, Timestamp.from(now));
      insert.setTimestamp(13, Timestamp.from(now));
      insert.executeUpdate();
      try (ResultSet keys = insert.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    } catch (SQLIntegrityConstraintViolationException e) {
      throw new HandleTakenException(e);
    }
  }

  /** Saves every page field; false when the workspace has no such page. */
  boolean update(BioPage page) throws SQLException, HandleTakenException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement update =
            c.prepareStatement(
                """
                UPDATE bio_page SET domain = ?, handle = ?, title = ?, description = ?,
                  avatar_url = ?, theme = ?, seo_title = ?, seo_description = ?, og_image_url = ?,
                  published = ?, updated_at = ?
                WHERE workspace_id = ? AND id = ?
                """)) {
      bindPage(update, page);
      update.setTimestamp(11, Timestamp.from(Instant.now()));
      update.setLong(12, page.workspaceId());
      update.setLong(13, page.id());
      return update.executeUpdate() == 1;
    } catch (SQLIntegrityConstraintViolationException e) {
      throw new HandleTakenException(e);
    }
  }

  boolean delete(long workspaceId, long id) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement delete =
            c.prepareStatement("DELETE FROM bio_page WHERE workspace_id = ? AND id = ?")) {
      delete.setLong(1, workspaceId);
      delete.setLong(2, id);
      return delete.executeUpdate() == 1;
    }
  }

  Optional<BioPage> find(long workspaceId, long id) throws SQLException {
    return one(
        "SELECT " + PAGE_COLUMNS + " FROM bio_page WHERE workspace_id = ? AND id = ?",
        workspaceId,
        id);
  }

  /** The page answering {@code handle} on {@code domain}, published or not. */
  Optional<BioPage> findByHandle(String domain, String handle) throws SQLException {
    return one(
        "SELECT " + PAGE_COLUMNS + " FROM bio_page WHERE domain = ? AND handle = ?",
        domain,
        handle);
  }

  List<BioPage> list(long workspaceId) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement select =
            c.prepareStatement(
                "SELECT " + PAGE_COLUMNS + " FROM bio_page WHERE workspace_id = ? ORDER BY id")) {
      select.setLong(1, workspaceId);
      return pages(c, select);
    }
  }

  /** Appends a widget after the page's last one; returns its id. */
  long insertWidget(long pageId, BioWidgetView widget) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        // Locks the page row so that concurrent appends get distinct positions.
        lockPage(c, pageId);
        int position;
        try (PreparedStatement next =
            c.prepareStatement(
                "SELECT COALESCE(MAX(position) + 1, 0) FROM bio_widget WHERE page_id = ?")) {
          next.setLong(1, pageId);
          try (ResultSet row = next.executeQuery()) {
            row.next();
            position = row.getInt(1);
          }
        }
        long id;
        try (PreparedStatement insert =
            c.prepareStatement(
                """
                INSERT INTO bio_widget (type, title, url, image_url, body, icons, page_id, position)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
                Statement.RETURN_GENERATED_KEYS)) {
          bindWidget(insert, widget);
          insert.setLong(7, pageId);
          insert.setInt(8, position);
          insert.executeUpdate();
          try (ResultSet keys = insert.getGeneratedKeys()) {
            keys.next();
            id = keys.getLong(1);
          }
        }
        touch(c, pageId);
        c.commit();
        return id;
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    }
  }

  boolean updateWidget(long pageId, BioWidgetView widget) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement update =
            c.prepareStatement(
                """
                UPDATE bio_widget SET type = ?, title = ?, url = ?, image_url = ?, body = ?,
                  icons = ?
                WHERE page_id = ? AND id = ?
                """)) {
      bindWidget(update, widget);
      update.setLong(7, pageId);
      update.setLong(8, widget.id());
      boolean changed = update.executeUpdate() == 1;
      touch(c, pageId);
      return changed;
    }
  }

  boolean deleteWidget(long pageId, long widgetId) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement delete =
            c.prepareStatement("DELETE FROM bio_widget WHERE page_id = ? AND id = ?")) {
      delete.setLong(1, pageId);
      delete.setLong(2, widgetId);
      boolean deleted = delete.executeUpdate() == 1;
      touch(c, pageId);
      return deleted;
    }
  }

  /** Gives the widgets positions 0, 1, ... in the given order, in one transaction. */
  void reorder(long pageId, List<Long> widgetIds) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement update =
          c.prepareStatement("UPDATE bio_widget SET position = ? WHERE page_id = ? AND id = ?")) {
        lockPage(c, pageId);
        for (int i = 0; i < widgetIds.size(); i++) {
          update.setInt(1, i);
          update.setLong(2, pageId);
          update.setLong(3, widgetIds.get(i));
          update.addBatch();
        }
        update.executeBatch();
        touch(c, pageId);
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private static void lockPage(Connection c, long pageId) throws SQLException {
    try (PreparedStatement lock =
        c.prepareStatement("SELECT id FROM bio_page WHERE id = ? FOR UPDATE")) {
      lock.setLong(1, pageId);
      lock.executeQuery().close();
    }
  }

  private static void touch(Connection c, long pageId) throws SQLException {
    try (PreparedStatement touch =
        c.prepareStatement("UPDATE bio_page SET updated_at = ? WHERE id = ?")) {
      touch.setTimestamp(1, Timestamp.from(Instant.now()));
      touch.setLong(2, pageId);
      touch.executeUpdate();
    }
  }

  private static void bindPage(PreparedStatement statement, BioPage page) throws SQLException {
    statement.setString(1, page.domain());
    statement.setString(2, page.handle());
    statement.setString(3, page.title());
    statement.setString(4, page.description());
    statement.setString(5, page.avatarUrl());
    statement.setString(6, Json.write(page.theme()));
    statement.setString(7, page.seoTitle());
    statement.setString(8, page.seoDescription());
    statement.setString(9, page.ogImageUrl());
    statement.setBoolean(10, page.published());
  }

  private static void bindWidget(PreparedStatement statement, BioWidgetView widget)
      throws SQLException {
    statement.setString(1, widget.type());
    statement.setString(2, widget.title());
    statement.setString(3, widget.url());
    statement.setString(4, widget.imageUrl());
    statement.setString(5, widget.text());
    statement.setString(6, Json.write(widget.icons()));
  }

  private Optional<BioPage> one(String sql, Object... parameters) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement select = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        select.setObject(i + 1, parameters[i]);
      }
      List<BioPage> pages = pages(c, select);
      return pages.isEmpty() ? Optional.empty() : Optional.of(pages.getFirst());
    }
  }

  /** Reads the selected pages, then all their widgets with one more query. */
  private static List<BioPage> pages(Connection c, PreparedStatement select) throws SQLException {
    Map<Long, BioPage> pages = new LinkedHashMap<>();
    try (ResultSet row = select.executeQuery()) {
      while (row.next()) {
        BioPage page = page(row);
        pages.put(page.id(), page);
      }
    }
    if (pages.isEmpty()) {
      return List.of();
    }
    Map<Long, List<BioWidgetView>> widgets = new LinkedHashMap<>();
    String ids = String.join(",", pages.keySet().stream().map(String::valueOf).toList());
    try (Statement statement = c.createStatement();
        ResultSet row =
            statement.executeQuery(
                """
                SELECT id, page_id, position, type, title, url, image_url, body, icons
                FROM bio_widget WHERE page_id IN (%s) ORDER BY page_id, position, id
                """
                    .formatted(ids))) {
      while (row.next()) {
        List<BioWidgetView> list =
            widgets.computeIfAbsent(row.getLong("page_id"), id -> new ArrayList<>());
        List<BioSocialIcon> icons = Json.gson().fromJson(row.getString("icons"), ICONS);
        list.add(
            new BioWidgetView(
                row.getLong("id"),
                row.getString("type"),
                list.size(),
                row.getString("title"),
                row.getString("url"),
                row.getString("image_url"),
                row.getString("body"),
                icons == null ? List.of() : List.copyOf(icons)));
      }
    }
    List<BioPage> result = new ArrayList<>();
    for (BioPage page : pages.values()) {
      result.add(page.withWidgets(widgets.getOrDefault(page.id(), List.of())));
    }
    return result;
  }

  private static BioPage page(ResultSet row) throws SQLException {
    return new BioPage(
        row.getLong("id"),
        row.getLong("workspace_id"),
        row.getString("domain"),
        row.getString("handle"),
        row.getString("title"),
        row.getString("description"),
        row.getString("avatar_url"),
        Json.read(row.getString("theme"), BioTheme.class),
        row.getString("seo_title"),
        row.getString("seo_description"),
        row.getString("og_image_url"),
        row.getBoolean("published"),
        List.of(),
        row.getTimestamp("created_at").toInstant(),
        row.getTimestamp("updated_at").toInstant());
  }
}
