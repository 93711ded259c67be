package io.linkscope.collector.workspace;

import io.linkscope.api.workspace.WorkspaceView;
import io.linkscope.collector.db.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/** Workspaces: one per agency client. Stored in MariaDB; created from the command line. */
public final class Workspaces {
  private static final String SELECT = "SELECT id, slug, name, created_at FROM workspace";
  private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

  private final DataSource dataSource;
  private final Clock clock;

  /** Workspaces in {@code dataSource}, their creation timed by {@code clock}. */
  public Workspaces(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  /**
   * Creates a workspace.
   *
   * @throws IllegalArgumentException when the slug is malformed or taken
   */
  public WorkspaceView create(String slug, String name) throws SQLException {
    if (slug == null || !SLUG.matcher(slug).matches()) {
      throw new IllegalArgumentException(
          "A workspace slug is 1-64 lower-case letters, digits and dashes, starting with a letter"
              + " or digit.");
    }
    if (name == null || name.isBlank() || name.length() > 200) {
      throw new IllegalArgumentException("A workspace name is 1-200 characters.");
    }
    if (findBySlug(slug).isPresent()) {
      throw new IllegalArgumentException("A workspace '" + slug + "' already exists.");
    }
    Instant now = clock.instant();
    long id =
        Sql.of(
                "INSERT INTO workspace (slug, name, created_at) VALUES (?, ?, ?)",
                slug,
                name.strip(),
                now)
            .insert(dataSource);
    return new WorkspaceView(id, slug, name.strip(), now);
  }

  public Optional<WorkspaceView> find(long id) throws SQLException {
    return Sql.of(SELECT + " WHERE id = ?", id).one(dataSource, Workspaces::map);
  }

  public Optional<WorkspaceView> findBySlug(String slug) throws SQLException {
    return Sql.of(SELECT + " WHERE slug = ?", slug).one(dataSource, Workspaces::map);
  }

  public List<WorkspaceView> list() throws SQLException {
    return Sql.of(SELECT + " ORDER BY id").list(dataSource, Workspaces::map);
  }

  private static WorkspaceView map(ResultSet row) throws SQLException {
    return new WorkspaceView(
        row.getLong("id"),
        row.getString("slug"),
        row.getString("name"),
        Sql.instant(row, "created_at"));
  }
}
