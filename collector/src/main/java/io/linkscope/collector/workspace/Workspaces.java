package io.linkscope.collector.workspace;

import io.linkscope.api.workspace.WorkspaceView;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/** Workspaces: one per agency client. Stored in MariaDB; created from the command line. */
public final class Workspaces {
  private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

  private final DataSource dataSource;

  public Workspaces(DataSource dataSource) {
    this.dataSource = dataSource;
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
    Instant now = Instant.now();
    try (Connection c = dataSource.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO workspace (slug, name, created_at) VALUES (?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
      insert.setString(1, slug);
      insert.setString(2, name.strip());
      insert.setTimestamp(3, Timestamp.from(now));
      insert.executeUpdate();
      try (ResultSet keys = insert.getGeneratedKeys()) {
        keys.next();
        return new WorkspaceView(keys.getLong(1), slug, name.strip(), now);
      }
    }
  }

  public Optional<WorkspaceView> find(long id) throws SQLException {
    return one("SELECT id, slug, name, created_at FROM workspace WHERE id = ?", id);
  }

  public Optional<WorkspaceView> findBySlug(String slug) throws SQLException {
    return one("SELECT id, slug, name, created_at FROM workspace WHERE slug = ?", slug);
  }

  public List<WorkspaceView> list() throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement select =
            c.prepareStatement("SELECT id, slug, name, created_at FROM workspace ORDER BY id");
        ResultSet rows = select.executeQuery()) {
      List<WorkspaceView> all = new ArrayList<>();
      while (rows.next()) {
        all.add(map(rows));
      }
      return all;
    }
  }

  private Optional<WorkspaceView> one(String sql, Object parameter) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement select = c.prepareStatement(sql)) {
      select.setObject(1, parameter);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(map(rows)) : Optional.empty();
      }
    }
  }

  private static WorkspaceView map(ResultSet row) throws SQLException {
    return new WorkspaceView(
        row.getLong("id"),
        row.getString("slug"),
        row.getString("name"),
        row.getTimestamp("created_at").toInstant());
  }
}
