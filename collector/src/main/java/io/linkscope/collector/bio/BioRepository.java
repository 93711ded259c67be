package io.linkscope.collector.bio;

import com.google.gson.reflect.TypeToken;
import io.linkscope.api.Json;
import io.linkscope.api.bio.BioSocialIcon;
import io.linkscope.api.bio.BioTheme;
import io.linkscope.api.bio.BioWidgetView;
import io.linkscope.api.webhook.WebhookEvents;
import io.linkscope.collector.db.ChangeLog;
import io.linkscope.collector.db.Changes;
import io.linkscope.collector.db.Sql;
import java.lang.reflect.Type;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
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
  private final Clock clock;
  private final Changes changes;

  /** Pages in {@code dataSource}, their creation and changes timed by {@code clock}. */
  public BioRepository(DataSource dataSource, Clock clock) {
    this(dataSource, clock, Changes.NONE);
  }

  /** Pages whose publication is also told to {@code changes} in its transaction. */
  public BioRepository(DataSource dataSource, Clock clock, Changes changes) {
    this.dataSource = dataSource;
    this.clock = clock;
    this.changes = changes;
  }

  /** Thrown when the (domain, handle) pair already belongs to a page. */
  static final class HandleTakenException extends Exception {
    private static final long serialVersionUID = 1L;

    HandleTakenException(SQLException cause) {
      super(cause);
    }
  }

  long insert(BioPage page) throws SQLException, HandleTakenException {
    Map<String, Object> values = fields(page);
    values.put("workspace_id", page.workspaceId());
    values.put("now", clock.instant());
    try {
      return Sql.transaction(
          dataSource,
          c -> {
            long id =
                Sql.named(
                        """
                        INSERT INTO bio_page (domain, handle, title, description, avatar_url, theme,
                          seo_title, seo_description, og_image_url, published, workspace_id,
                          created_at, updated_at)
                        VALUES (:domain, :handle, :title, :description, :avatar_url, :theme,
                          :seo_title, :seo_description, :og_image_url, :published, :workspace_id,
                          :now, :now)
                        """,
                        values)
                    .insert(c);
            ChangeLog.append(c, ChangeLog.Kind.PAGE, page.workspaceId(), id);
            if (page.published()) {
              changes.changed(c, WebhookEvents.PAGE_PUBLISHED, page.workspaceId(), id);
            }
            return id;
          });
    } catch (SQLIntegrityConstraintViolationException e) {
      throw new HandleTakenException(e);
    }
  }

  /** Saves every page field; false when the workspace has no such page. */
  boolean update(BioPage page) throws SQLException, HandleTakenException {
    Map<String, Object> values = fields(page);
    values.put("workspace_id", page.workspaceId());
    values.put("id", page.id());
    values.put("now", clock.instant());
    try {
      return Sql.transaction(
          dataSource,
          c -> {
            boolean wasPublished =
                Sql.of(
                        "SELECT published FROM bio_page WHERE workspace_id = ? AND id = ? FOR UPDATE",
                        page.workspaceId(),
                        page.id())
                    .one(c, row -> row.getBoolean(1))
                    .orElse(false);
            boolean updated =
                Sql.named(
                            """
                            UPDATE bio_page SET domain = :domain, handle = :handle, title = :title,
                              description = :description, avatar_url = :avatar_url, theme = :theme,
                              seo_title = :seo_title, seo_description = :seo_description,
                              og_image_url = :og_image_url, published = :published, updated_at = :now
                            WHERE workspace_id = :workspace_id AND id = :id
                            """,
                            values)
                        .update(c)
                    == 1;
            if (updated) {
              ChangeLog.append(c, ChangeLog.Kind.PAGE, page.workspaceId(), page.id());
            }
            if (updated && page.published() && !wasPublished) {
              changes.changed(c, WebhookEvents.PAGE_PUBLISHED, page.workspaceId(), page.id());
            }
            return updated;
          });
    } catch (SQLIntegrityConstraintViolationException e) {
      throw new HandleTakenException(e);
    }
  }

  boolean delete(long workspaceId, long id) throws SQLException {
    return Sql.transaction(
        dataSource,
        c -> {
          boolean deleted =
              Sql.of("DELETE FROM bio_page WHERE workspace_id = ? AND id = ?", workspaceId, id)
                      .update(c)
                  == 1;
          if (deleted) {
            ChangeLog.append(c, ChangeLog.Kind.PAGE, workspaceId, id);
          }
          return deleted;
        });
  }

  Optional<BioPage> find(long workspaceId, long id) throws SQLException {
    return first(
        Sql.of(
            "SELECT " + PAGE_COLUMNS + " FROM bio_page WHERE workspace_id = ? AND id = ?",
            workspaceId,
            id));
  }

  /** The page answering {@code handle} on {@code domain}, published or not. */
  Optional<BioPage> findByHandle(String domain, String handle) throws SQLException {
    return first(
        Sql.of(
            "SELECT " + PAGE_COLUMNS + " FROM bio_page WHERE domain = ? AND handle = ?",
            domain,
            handle));
  }

  List<BioPage> list(long workspaceId) throws SQLException {
    return Sql.withConnection(
        dataSource,
        c ->
            pages(
                c,
                Sql.of(
                    "SELECT " + PAGE_COLUMNS + " FROM bio_page WHERE workspace_id = ? ORDER BY id",
                    workspaceId)));
  }

  /** Appends a widget after the page's last one; returns its id. */
  long insertWidget(long pageId, BioWidgetView widget) throws SQLException {
    return Sql.transaction(
        dataSource,
        c -> {
          // Locks the page row so that concurrent appends get distinct positions.
          lockPage(c, pageId);
          Map<String, Object> values = fields(widget);
          values.put("page_id", pageId);
          values.put(
              "position",
              Sql.of(
                      "SELECT COALESCE(MAX(position) + 1, 0) FROM bio_widget WHERE page_id = ?",
                      pageId)
                  .one(c, row -> row.getInt(1))
                  .orElseThrow());
          long id =
              Sql.named(
                      """
                      INSERT INTO bio_widget (type, title, url, image_url, body, icons, page_id,
                        position)
                      VALUES (:type, :title, :url, :image_url, :body, :icons, :page_id, :position)
                      """,
                      values)
                  .insert(c);
          touch(c, pageId);
          return id;
        });
  }

  boolean updateWidget(long pageId, BioWidgetView widget) throws SQLException {
    Map<String, Object> values = fields(widget);
    values.put("page_id", pageId);
    values.put("id", widget.id());
    return Sql.withConnection(
        dataSource,
        c -> {
          boolean changed =
              Sql.named(
                          """
                          UPDATE bio_widget SET type = :type, title = :title, url = :url,
                            image_url = :image_url, body = :body, icons = :icons
                          WHERE page_id = :page_id AND id = :id
                          """,
                          values)
                      .update(c)
                  == 1;
          touch(c, pageId);
          return changed;
        });
  }

  boolean deleteWidget(long pageId, long widgetId) throws SQLException {
    return Sql.withConnection(
        dataSource,
        c -> {
          boolean deleted =
              Sql.of("DELETE FROM bio_widget WHERE page_id = ? AND id = ?", pageId, widgetId)
                      .update(c)
                  == 1;
          touch(c, pageId);
          return deleted;
        });
  }

  /** Gives the widgets positions 0, 1, ... in the given order, in one transaction. */
  void reorder(long pageId, List<Long> widgetIds) throws SQLException {
    Sql.inTransaction(
        dataSource,
        c -> {
          lockPage(c, pageId);
          List<List<Object>> positions = new ArrayList<>();
          for (int i = 0; i < widgetIds.size(); i++) {
            positions.add(List.of(i, pageId, widgetIds.get(i)));
          }
          Sql.batch(
              c, "UPDATE bio_widget SET position = ? WHERE page_id = ? AND id = ?", positions);
          touch(c, pageId);
        });
  }

  private static void lockPage(Connection c, long pageId) throws SQLException {
    Sql.of("SELECT id FROM bio_page WHERE id = ? FOR UPDATE", pageId).exists(c);
  }

  /** Marks the page changed by a change of its widgets, for the sync and the change feed. */
  private void touch(Connection c, long pageId) throws SQLException {
    Sql.of("UPDATE bio_page SET updated_at = ? WHERE id = ?", clock.instant(), pageId).update(c);
    Optional<Long> workspaceId =
        Sql.of("SELECT workspace_id FROM bio_page WHERE id = ?", pageId)
            .one(c, row -> row.getLong(1));
    if (workspaceId.isPresent()) {
      ChangeLog.append(c, ChangeLog.Kind.PAGE, workspaceId.get(), pageId);
    }
  }

  /** The addresses (domain, handle) of pages by id, for the page cache. */
  List<BioPageCache.Key> addresses(Collection<Long> ids) throws SQLException {
    if (ids.isEmpty()) {
      return List.of();
    }
    return new Sql.Builder()
        .append("SELECT domain, handle FROM bio_page WHERE id")
        .in(List.copyOf(ids))
        .build()
        .list(dataSource, row -> new BioPageCache.Key(row.getString(1), row.getString(2)));
  }

  /** A page's stored fields by name, for the insert and the update alike. */
  private static Map<String, Object> fields(BioPage page) {
    // HashMap, not Map.of: optional fields such as the description may be null.
    Map<String, Object> fields = new HashMap<>();
    fields.put("domain", page.domain());
    fields.put("handle", page.handle());
    fields.put("title", page.title());
    fields.put("description", page.description());
    fields.put("avatar_url", page.avatarUrl());
    fields.put("theme", Json.write(page.theme().view()));
    fields.put("seo_title", page.seoTitle());
    fields.put("seo_description", page.seoDescription());
    fields.put("og_image_url", page.ogImageUrl());
    fields.put("published", page.published());
    return fields;
  }

  /** A widget's stored fields by name, for the insert and the update alike. */
  private static Map<String, Object> fields(BioWidgetView widget) {
    Map<String, Object> fields = new HashMap<>();
    fields.put("type", widget.type());
    fields.put("title", widget.title());
    fields.put("url", widget.url());
    fields.put("image_url", widget.imageUrl());
    fields.put("body", widget.text());
    fields.put("icons", Json.write(widget.icons()));
    return fields;
  }

  private Optional<BioPage> first(Sql select) throws SQLException {
    List<BioPage> pages = Sql.withConnection(dataSource, c -> pages(c, select));
    return pages.isEmpty() ? Optional.empty() : Optional.of(pages.getFirst());
  }

  /** Reads the selected pages, then all their widgets with one more query. */
  private static List<BioPage> pages(Connection c, Sql select) throws SQLException {
    Map<Long, BioPage> pages = new LinkedHashMap<>();
    select.forEachRow(
        c,
        row -> {
          BioPage page = page(row);
          pages.put(page.id(), page);
        });
    if (pages.isEmpty()) {
      return List.of();
    }
    Map<Long, List<BioWidgetView>> widgets = new LinkedHashMap<>();
    new Sql.Builder()
        .append(
            "SELECT id, page_id, position, type, title, url, image_url, body, icons"
                + " FROM bio_widget WHERE page_id")
        .in(List.copyOf(pages.keySet()))
        .append(" ORDER BY page_id, position, id")
        .build()
        .forEachRow(
            c,
            row -> {
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
            });
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
        Themes.stored(Json.read(row.getString("theme"), BioTheme.class)),
        row.getString("seo_title"),
        row.getString("seo_description"),
        row.getString("og_image_url"),
        row.getBoolean("published"),
        List.of(),
        row.getTimestamp("created_at").toInstant(),
        row.getTimestamp("updated_at").toInstant());
  }
}
