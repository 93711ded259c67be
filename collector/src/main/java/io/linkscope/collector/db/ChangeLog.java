package io.linkscope.collector.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The change feed's writing side (decision 0024): a row in {@code change_log} for each change that
 * the caches of every collector on the database must see, written on the connection of the
 * transaction that makes the change, so that the row exists exactly when the change was committed.
 * Each collector polls the rows and forgets what they name.
 */
public final class ChangeLog {
  private static final int CHUNK = 1_000;

  /**
   * What changed; each kind names its entity by id, a domain claim and a well-known file by the
   * host in the detail, a postback secret by its workspace.
   */
  public enum Kind {
    LINK,
    PAGE,
    DOMAIN,
    KEY,
    WORKSPACE,
    WEBHOOK,
    WELL_KNOWN,
    POSTBACK;

    /** The name stored in {@code change_log.kind}. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The kind of a stored name; empty for one a newer version wrote. */
    public static Optional<Kind> parse(String wireName) {
      for (Kind kind : values()) {
        if (kind.wireName().equals(wireName)) {
          return Optional.of(kind);
        }
      }
      return Optional.empty();
    }
  }

  private ChangeLog() {}

  /** Records a change of one entity of a workspace. */
  public static void append(Connection c, Kind kind, long workspaceId, long entityId)
      throws SQLException {
    append(c, kind, workspaceId, entityId, null);
  }

  /** Records a change with a detail (a claimed domain's host). */
  public static void append(
      Connection c, Kind kind, long workspaceId, long entityId, @Nullable String detail)
      throws SQLException {
    // A plain list, not Sql.of's varargs: the detail may be NULL.
    List<Object> params = new ArrayList<>();
    params.add(kind.wireName());
    params.add(workspaceId);
    params.add(entityId);
    params.add(detail);
    new Sql(
            """
            INSERT INTO change_log (changed_at, kind, workspace_id, entity_id, detail)
            VALUES (UTC_TIMESTAMP(6), ?, ?, ?, ?)
            """,
            params)
        .update(c);
  }

  /** Records a change of many entities of a workspace, a multi-row INSERT per thousand. */
  public static void appendAll(Connection c, Kind kind, long workspaceId, List<Long> entityIds)
      throws SQLException {
    for (int from = 0; from < entityIds.size(); from += CHUNK) {
      int to = Math.min(entityIds.size(), from + CHUNK);
      StringBuilder text =
          new StringBuilder(
              "INSERT INTO change_log (changed_at, kind, workspace_id, entity_id) VALUES ");
      List<Object> params = new ArrayList<>(3 * (to - from));
      for (int i = from; i < to; i++) {
        text.append(i == from ? "" : ", ").append("(UTC_TIMESTAMP(6), ?, ?, ?)");
        params.add(kind.wireName());
        params.add(workspaceId);
        params.add(entityIds.get(i));
      }
      new Sql(text.toString(), params).update(c);
    }
  }
}
