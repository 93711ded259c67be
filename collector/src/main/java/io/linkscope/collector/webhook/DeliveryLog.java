package io.linkscope.collector.webhook;

import io.linkscope.api.webhook.WebhookAttempt;
import io.linkscope.api.webhook.WebhookAttemptPage;
import io.linkscope.collector.db.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The delivery log of each endpoint, redelivery and replays from the kept events, and the purge of
 * what is older than the retention window, in small chunks so that no statement holds many locks.
 */
final class DeliveryLog {
  private static final int PURGE_CHUNK = 1000;

  private final DataSource dataSource;

  DeliveryLog(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Logs attempts, each row its ten columns in order, in multi-row statements. */
  static void insertAttempts(Connection c, List<List<Object>> rows) throws SQLException {
    for (int from = 0; from < rows.size(); from += 500) {
      List<List<Object>> chunk = rows.subList(from, Math.min(rows.size(), from + 500));
      StringBuilder text =
          new StringBuilder(
              """
              INSERT INTO webhook_attempt (endpoint_id, event_id, event_type, attempted_at, attempt,
                status, latency_ms, error, response_excerpt, next_attempt_at)
              VALUES""");
      List<Object> values = new ArrayList<>(chunk.size() * 10);
      for (int i = 0; i < chunk.size(); i++) {
        text.append(i == 0 ? " " : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        values.addAll(chunk.get(i));
      }
      new Sql(text.toString(), values).update(c);
    }
  }

  /** Logs an attempt made outside the outbox (a test event) and returns it as the API shows it. */
  WebhookAttempt logTest(long endpointId, String eventId, String type, Instant at, Sender.Outcome o)
      throws SQLException {
    List<Object> values = new ArrayList<>(List.of(endpointId, eventId, type, at));
    values.add(o.status());
    values.add(o.latencyMillis());
    values.add(o.error());
    values.add(o.excerpt());
    long id =
        new Sql(
                """
                INSERT INTO webhook_attempt (endpoint_id, event_id, event_type, attempted_at,
                  attempt, status, latency_ms, error, response_excerpt, next_attempt_at)
                VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, NULL)""",
                values)
            .insert(dataSource);
    return new WebhookAttempt(
        id, eventId, type, at, 1, o.status(), o.latencyMillis(), o.error(), o.excerpt(), null);
  }

  /** Attempts of an endpoint, newest first, older than {@code before} (an attempt id) if given. */
  WebhookAttemptPage attempts(long endpointId, @Nullable Long before, int limit)
      throws SQLException {
    Sql.Builder sql =
        new Sql.Builder()
            .append(
                """
                SELECT id, event_id, event_type, attempted_at, attempt, status, latency_ms, error,
                  response_excerpt, next_attempt_at
                FROM webhook_attempt WHERE endpoint_id = ?""",
                endpointId);
    if (before != null) {
      sql.append(" AND id < ?", before);
    }
    List<WebhookAttempt> rows =
        sql.append(" ORDER BY id DESC LIMIT ?", limit + 1)
            .build()
            .list(dataSource, DeliveryLog::attempt);
    if (rows.size() <= limit) {
      return new WebhookAttemptPage(rows, null);
    }
    List<WebhookAttempt> page = rows.subList(0, limit);
    return new WebhookAttemptPage(List.copyOf(page), Long.toString(page.getLast().id()));
  }

  private static WebhookAttempt attempt(ResultSet row) throws SQLException {
    int status = row.getInt("status");
    Integer maybeStatus = row.wasNull() ? null : status;
    return new WebhookAttempt(
        row.getLong("id"),
        row.getString("event_id"),
        row.getString("event_type"),
        Sql.instant(row, "attempted_at"),
        row.getInt("attempt"),
        maybeStatus,
        row.getLong("latency_ms"),
        row.getString("error"),
        row.getString("response_excerpt"),
        Sql.nullableInstant(row, "next_attempt_at"));
  }

  /**
   * Queues a kept event of the workspace for the endpoint again, with a fresh retry window; 0 when
   * no such event is kept.
   */
  long redeliver(Endpoint endpoint, String eventId, Instant now) throws SQLException {
    return Sql.of(
                    """
            INSERT INTO webhook_delivery (endpoint_id, event_id, state, attempts, next_attempt_at,
              created_at)
            SELECT ?, id, 0, 0, ?, ? FROM webhook_event WHERE id = ? AND workspace_id = ?
            ON DUPLICATE KEY UPDATE state = 0, attempts = 0, next_attempt_at = VALUES(next_attempt_at),
              created_at = VALUES(created_at), finished_at = NULL""",
                    endpoint.id(),
                    now,
                    now,
                    eventId,
                    endpoint.workspaceId())
                .update(dataSource)
            > 0
        ? 1
        : 0;
  }

  /**
   * Queues again every kept event of the workspace in {@code [from, to)} that the endpoint
   * subscribes to (its types, links and tags as they are now).
   */
  long replay(Endpoint endpoint, Instant from, Instant to, Instant now) throws SQLException {
    Sql.Builder sql =
        new Sql.Builder()
            .append(
                """
                INSERT INTO webhook_delivery (endpoint_id, event_id, state, attempts,
                  next_attempt_at, created_at)
                SELECT ?, e.id, 0, 0, ?, ? FROM webhook_event e
                WHERE e.workspace_id = ? AND e.occurred_at >= ? AND e.occurred_at < ? AND e.type""",
                endpoint.id(),
                now,
                now,
                endpoint.workspaceId(),
                from,
                to)
            .in(endpoint.events());
    if (!endpoint.linkIds().isEmpty()) {
      sql.append(" AND e.link_id").in(endpoint.linkIds());
    }
    if (!endpoint.tags().isEmpty()) {
      sql.append(" AND e.link_id IN (SELECT link_id FROM link_tag WHERE tag")
          .in(endpoint.tags())
          .append(")");
    }
    sql.append(
        """
         ON DUPLICATE KEY UPDATE state = 0, attempts = 0, next_attempt_at = VALUES(next_attempt_at),
          created_at = VALUES(created_at), finished_at = NULL""");
    return Sql.transaction(
        dataSource,
        c -> {
          long before =
              Sql.of(
                      "SELECT COUNT(*) FROM webhook_delivery WHERE endpoint_id = ? AND state = 0",
                      endpoint.id())
                  .one(c, row -> row.getLong(1))
                  .orElse(0L);
          sql.build().update(c);
          long after =
              Sql.of(
                      "SELECT COUNT(*) FROM webhook_delivery WHERE endpoint_id = ? AND state = 0",
                      endpoint.id())
                  .one(c, row -> row.getLong(1))
                  .orElse(0L);
          return after - before;
        });
  }

  /**
   * Deletes one chunk of each kind of row older than {@code before}; returns how many rows went, so
   * the caller repeats while there is more.
   */
  int purge(Instant before) throws SQLException {
    int deleted =
        Sql.of(
                "DELETE FROM webhook_delivery WHERE created_at < ? AND state <> 0 LIMIT ?",
                before,
                PURGE_CHUNK)
            .update(dataSource);
    deleted +=
        Sql.of(
                """
                DELETE FROM webhook_event WHERE occurred_at < ? AND NOT EXISTS (
                  SELECT 1 FROM webhook_delivery d WHERE d.event_id = webhook_event.id AND d.state = 0)
                LIMIT ?""",
                before,
                PURGE_CHUNK)
            .update(dataSource);
    deleted +=
        Sql.of("DELETE FROM webhook_attempt WHERE attempted_at < ? LIMIT ?", before, PURGE_CHUNK)
            .update(dataSource);
    return deleted;
  }
}
