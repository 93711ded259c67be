package io.linkscope.collector.webhook;

import io.linkscope.api.Json;
import io.linkscope.collector.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Writes events and their deliveries, on the connection of the transaction that stores what they
 * tell, so an event exists exactly when its cause was committed. An event no endpoint subscribes to
 * is not written at all. Written again after a crash (the same batch replayed), an event keeps its
 * id and is ignored.
 */
final class Outbox {
  /**
   * An event to write.
   *
   * @param linkId the link it is about (0 when none), for endpoints filtered by links or tags
   * @param data the event's {@code data} object
   */
  record Event(
      String id,
      long workspaceId,
      String type,
      long linkId,
      Instant occurredAt,
      Map<String, Object> data) {

    /** The JSON body a receiver gets for this event alone (and, in an array, in a batch). */
    String body() {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("id", id);
      body.put("type", type);
      body.put("timestamp", occurredAt.toString());
      body.put("data", data);
      return Json.write(body);
    }
  }

  private final Supplier<Subscriptions> subscriptions;
  private final Runnable written;

  /**
   * @param written told after events were written (the sender then looks for due rows sooner)
   */
  Outbox(Supplier<Subscriptions> subscriptions, Runnable written) {
    this.subscriptions = subscriptions;
    this.written = written;
  }

  /** Whether any endpoint of the workspace takes {@code type}: building the event is skipped. */
  boolean wanted(long workspaceId, String type) {
    return subscriptions.get().any(workspaceId, type);
  }

  /** Writes {@code events} for the endpoints that want them; returns how many deliveries. */
  int write(Connection c, List<Event> events, Instant now) throws SQLException {
    if (events.isEmpty()) {
      return 0;
    }
    Subscriptions subs = subscriptions.get();
    Map<Long, List<String>> tags = tags(c, events, subs);
    List<List<Object>> eventRows = new ArrayList<>();
    List<List<Object>> deliveryRows = new ArrayList<>();
    for (Event event : events) {
      List<Endpoint> endpoints =
          subs.matching(
              event.workspaceId(),
              event.type(),
              event.linkId(),
              tags.getOrDefault(event.linkId(), List.of()));
      if (endpoints.isEmpty()) {
        continue;
      }
      eventRows.add(
          List.of(
              event.id(),
              event.workspaceId(),
              event.type(),
              event.linkId(),
              event.occurredAt(),
              event.body()));
      for (Endpoint endpoint : endpoints) {
        deliveryRows.add(List.of(endpoint.id(), event.id(), now, now));
      }
    }
    Sql.batch(
        c,
        """
        INSERT IGNORE INTO webhook_event (id, workspace_id, type, link_id, occurred_at, body)
        VALUES (?, ?, ?, ?, ?, ?)
        """,
        eventRows);
    Sql.batch(
        c,
        """
        INSERT IGNORE INTO webhook_delivery (endpoint_id, event_id, next_attempt_at, created_at)
        VALUES (?, ?, ?, ?)
        """,
        deliveryRows);
    if (!deliveryRows.isEmpty()) {
      written.run();
    }
    return deliveryRows.size();
  }

  /** The tags of the events' links, read only when some endpoint filters by tags. */
  private static Map<Long, List<String>> tags(Connection c, List<Event> events, Subscriptions subs)
      throws SQLException {
    Set<Long> linkIds = new HashSet<>();
    for (Event event : events) {
      if (event.linkId() != 0 && subs.anyByTag(event.workspaceId(), event.type())) {
        linkIds.add(event.linkId());
      }
    }
    Map<Long, List<String>> tags = new HashMap<>();
    if (linkIds.isEmpty()) {
      return tags;
    }
    new Sql.Builder()
        .append("SELECT link_id, tag FROM link_tag WHERE link_id")
        .in(List.copyOf(linkIds))
        .build()
        .forEachRow(
            c,
            row ->
                tags.computeIfAbsent(row.getLong(1), _ -> new ArrayList<>()).add(row.getString(2)));
    return tags;
  }
}
