package io.linkscope.collector.webhook;

import io.linkscope.collector.db.ChangeLog;
import io.linkscope.collector.db.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/** The webhook endpoint table. */
final class Endpoints {
  private static final String COLUMNS =
      """
      id, workspace_id, url, description, events, link_ids, tags, enabled, batch, secret,
      previous_secret, previous_valid_until, secret_rotated_at, disabled_reason, failing_since,
      last_delivery_at, created_at, updated_at""";

  private final DataSource dataSource;

  Endpoints(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  DataSource dataSource() {
    return dataSource;
  }

  List<Endpoint> list(long workspaceId) throws SQLException {
    return Sql.of(
            "SELECT " + COLUMNS + " FROM webhook_endpoint WHERE workspace_id = ? ORDER BY id",
            workspaceId)
        .list(dataSource, Endpoints::read);
  }

  Optional<Endpoint> find(long workspaceId, long id) throws SQLException {
    return Sql.of(
            "SELECT " + COLUMNS + " FROM webhook_endpoint WHERE workspace_id = ? AND id = ?",
            workspaceId,
            id)
        .one(dataSource, Endpoints::read);
  }

  /** Every endpoint events are kept for (enabled, or paused by a person), of all workspaces. */
  List<Endpoint> receiving() throws SQLException {
    return Sql.of(
            "SELECT "
                + COLUMNS
                + " FROM webhook_endpoint WHERE enabled OR disabled_reason IS NULL ORDER BY id")
        .list(dataSource, Endpoints::read);
  }

  /** The endpoints the collector disabled after a day of failures. */
  List<Endpoint> disabledByFailures() throws SQLException {
    return Sql.of(
            "SELECT "
                + COLUMNS
                + " FROM webhook_endpoint WHERE disabled_reason IS NOT NULL ORDER BY id")
        .list(dataSource, Endpoints::read);
  }

  long insert(Endpoint e) throws SQLException {
    return Sql.transaction(
        dataSource,
        c -> {
          long id =
              Sql.named(
                      """
                      INSERT INTO webhook_endpoint (workspace_id, url, description, events,
                        link_ids, tags, enabled, batch, secret, created_at, updated_at)
                      VALUES (:workspace, :url, :description, :events, :linkIds, :tags, :enabled,
                        :batch, :secret, :now, :now)
                      """,
                      fields(e))
                  .insert(c);
          ChangeLog.append(c, ChangeLog.Kind.WEBHOOK, e.workspaceId(), id);
          return id;
        });
  }

  /** Saves what a patch may change; re-enabling clears the failure state. */
  void update(Endpoint e) throws SQLException {
    Sql.inTransaction(
        dataSource,
        c -> {
          Sql.named(
                  """
                  UPDATE webhook_endpoint SET url = :url, description = :description,
                    events = :events, link_ids = :linkIds, tags = :tags, enabled = :enabled,
                    batch = :batch, disabled_reason = :disabledReason,
                    failing_since = :failingSince, updated_at = :now
                  WHERE id = :id AND workspace_id = :workspace
                  """,
                  fields(e))
              .update(c);
          ChangeLog.append(c, ChangeLog.Kind.WEBHOOK, e.workspaceId(), e.id());
        });
  }

  void rotate(long id, String secret, String previous, Instant validUntil, Instant now)
      throws SQLException {
    Sql.of(
            """
            UPDATE webhook_endpoint SET secret = ?, previous_secret = ?, previous_valid_until = ?,
              secret_rotated_at = ?, updated_at = ?
            WHERE id = ?
            """,
            secret,
            previous,
            validUntil,
            now,
            now,
            id)
        .update(dataSource);
  }

  /** Deletes an endpoint with its outbox rows and log; false when it was not there. */
  boolean delete(long workspaceId, long id) throws SQLException {
    return Sql.transaction(
        dataSource,
        c -> {
          // The outbox rows first, then the endpoint: the order the sender locks them in.
          if (!Sql.of(
                  "SELECT 1 FROM webhook_endpoint WHERE workspace_id = ? AND id = ?",
                  workspaceId,
                  id)
              .exists(c)) {
            return false;
          }
          Sql.of("DELETE FROM webhook_delivery WHERE endpoint_id = ?", id).update(c);
          Sql.of("DELETE FROM webhook_attempt WHERE endpoint_id = ?", id).update(c);
          Sql.of("DELETE FROM webhook_endpoint WHERE workspace_id = ? AND id = ?", workspaceId, id)
              .update(c);
          ChangeLog.append(c, ChangeLog.Kind.WEBHOOK, workspaceId, id);
          return true;
        });
  }

  /** Events waiting for each of {@code ids}. */
  Map<Long, Long> pending(List<Long> ids) throws SQLException {
    Map<Long, Long> counts = new HashMap<>();
    if (ids.isEmpty()) {
      return counts;
    }
    Sql count =
        new Sql.Builder()
            .append(
                "SELECT endpoint_id, COUNT(*) FROM webhook_delivery WHERE state = 0 AND endpoint_id")
            .in(ids)
            .append(" GROUP BY endpoint_id")
            .build();
    return Sql.withConnection(
        dataSource,
        c -> {
          count.forEachRow(c, row -> counts.put(row.getLong(1), row.getLong(2)));
          return counts;
        });
  }

  /** Makes an endpoint's waiting events due now (it was enabled again). */
  void dueNow(long id, Instant now) throws SQLException {
    Sql.of(
            "UPDATE webhook_delivery SET next_attempt_at = ? WHERE endpoint_id = ? AND state = 0",
            now,
            id)
        .update(dataSource);
  }

  private static Map<String, @Nullable Object> fields(Endpoint e) {
    Map<String, @Nullable Object> fields = new LinkedHashMap<>();
    fields.put("id", e.id());
    fields.put("workspace", e.workspaceId());
    fields.put("url", e.url());
    fields.put("description", e.description());
    fields.put("events", String.join(",", e.events()));
    fields.put("linkIds", String.join(",", e.linkIds().stream().map(String::valueOf).toList()));
    fields.put("tags", String.join("\n", e.tags()));
    fields.put("enabled", e.enabled());
    fields.put("batch", e.batch());
    fields.put("secret", e.secret());
    fields.put("disabledReason", e.disabledReason());
    fields.put("failingSince", e.failingSince());
    fields.put("now", e.updatedAt());
    return fields;
  }

  static Endpoint read(ResultSet row) throws SQLException {
    return new Endpoint(
        row.getLong("id"),
        row.getLong("workspace_id"),
        row.getString("url"),
        row.getString("description"),
        split(row.getString("events"), ","),
        split(row.getString("link_ids"), ",").stream().map(Long::valueOf).toList(),
        split(row.getString("tags"), "\n"),
        row.getBoolean("enabled"),
        row.getBoolean("batch"),
        row.getString("secret"),
        row.getString("previous_secret"),
        Sql.nullableInstant(row, "previous_valid_until"),
        Sql.nullableInstant(row, "secret_rotated_at"),
        row.getString("disabled_reason"),
        Sql.nullableInstant(row, "failing_since"),
        Sql.nullableInstant(row, "last_delivery_at"),
        Sql.instant(row, "created_at"),
        Sql.instant(row, "updated_at"));
  }

  private static List<String> split(String value, String separator) {
    return value.isEmpty() ? List.of() : new ArrayList<>(Arrays.asList(value.split(separator, -1)));
  }
}
