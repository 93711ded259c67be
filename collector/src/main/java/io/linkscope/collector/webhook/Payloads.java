package io.linkscope.collector.webhook;

import io.linkscope.api.webhook.WebhookEvents;
import io.linkscope.collector.click.ClickEvent;
import io.linkscope.collector.click.EnrichedClick;
import io.linkscope.collector.conversion.StoredConversion;
import io.linkscope.collector.db.Sql;
import io.linkscope.collector.enrich.DeviceInfo;
import io.linkscope.collector.enrich.GeoLocation;
import io.linkscope.collector.enrich.Utm;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The {@code data} of each event type. A visit's data is the enriched click as analytics stores it,
 * never the visitor's IP address, which the collector does not keep (see the README's "Privacy"): a
 * receiver learns what the statistics show.
 */
final class Payloads {
  private Payloads() {}

  /** The event type of a visit, or null for visits no event tells (unknown slugs). */
  static @Nullable String type(ClickEvent.Kind kind) {
    return switch (kind) {
      case LINK_CLICK -> WebhookEvents.LINK_CLICKED;
      case PAGE_VIEW -> WebhookEvents.PAGE_VIEWED;
      case WIDGET_TAP -> WebhookEvents.WIDGET_TAPPED;
      case ORPHAN_VISIT -> null;
    };
  }

  /** The slug and domain of the clicks' links, by link id, read in the batch's transaction. */
  static Map<Long, String[]> links(Connection c, List<EnrichedClick> clicks) throws SQLException {
    Set<Long> ids = new HashSet<>();
    for (EnrichedClick click : clicks) {
      if (click.event().linkId() != 0) {
        ids.add(click.event().linkId());
      }
    }
    Map<Long, String[]> links = new HashMap<>();
    if (!ids.isEmpty()) {
      new Sql.Builder()
          .append("SELECT id, slug, domain FROM link WHERE id")
          .in(List.copyOf(ids))
          .build()
          .forEachRow(
              c,
              row -> links.put(row.getLong(1), new String[] {row.getString(2), row.getString(3)}));
    }
    return links;
  }

  /**
   * The event of a stored visit; its id is derived from the click's, so a replay keeps it.
   *
   * @param link the slug and domain of the click's link, when it has one
   */
  static Outbox.Event click(String type, EnrichedClick click, String @Nullable [] link) {
    ClickEvent e = click.event();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("clickId", e.id().toString());
    if (e.linkId() != 0) {
      data.put("linkId", e.linkId());
    }
    if (e.pageId() != 0) {
      data.put("pageId", e.pageId());
    }
    if (e.widgetId() != 0) {
      data.put("widgetId", e.widgetId());
      data.put("widgetType", e.widgetType());
      data.put("widgetTitle", e.widgetTitle());
    }
    if (link != null) {
      data.put("slug", link[0]);
      data.put("domain", link[1]);
    }
    data.put("host", e.domain());
    if (!e.path().isEmpty()) {
      data.put("path", e.path());
    }
    GeoLocation geo = e.geo();
    data.put("country", geo.countryCode());
    data.put("region", geo.regionName());
    data.put("city", geo.city());
    DeviceInfo device = click.device();
    data.put("device", device.deviceType());
    data.put("browser", device.browser());
    data.put("os", device.os());
    data.put("inApp", device.inAppApp());
    data.put("bot", device.bot());
    data.put("source", click.referrer().source());
    data.put("referrerHost", click.referrer().host());
    Utm utm = click.utm();
    Map<String, String> utms = new LinkedHashMap<>();
    put(utms, "source", utm.source());
    put(utms, "medium", utm.medium());
    put(utms, "campaign", utm.campaign());
    put(utms, "term", utm.term());
    put(utms, "content", utm.content());
    data.put("utm", utms);
    data.put("language", click.language());
    if (!e.destinationKey().isEmpty()) {
      // rule:<id> or variant:<id>: which rule or A/B variant of the link sent the visit.
      data.put("destination", e.destinationKey());
      if (!e.destinationUrl().isEmpty()) {
        data.put("destinationUrl", e.destinationUrl());
      }
    }
    return new Outbox.Event(
        "msg_" + e.id().toString().replace("-", ""),
        e.workspaceId(),
        type,
        e.linkId(),
        Instant.ofEpochMilli(e.epochMillis()),
        data);
  }

  /** The event of a link change, with the link as it is after it; empty if it is not there. */
  static Optional<Outbox.Event> link(
      Connection c, String type, long workspaceId, long id, Instant now) throws SQLException {
    Optional<Map<String, Object>> link =
        Sql.of(
                """
                SELECT id, domain, slug, target_url, title FROM link
                WHERE id = ? AND workspace_id = ?""",
                id,
                workspaceId)
            .one(
                c,
                row -> {
                  Map<String, Object> data = new LinkedHashMap<>();
                  data.put("linkId", row.getLong("id"));
                  data.put("domain", row.getString("domain"));
                  data.put("slug", row.getString("slug"));
                  data.put("targetUrl", row.getString("target_url"));
                  String title = row.getString("title");
                  if (title != null) {
                    data.put("title", title);
                  }
                  return data;
                });
    if (link.isEmpty()) {
      return Optional.empty();
    }
    link.get()
        .put(
            "tags",
            Sql.of("SELECT tag FROM link_tag WHERE link_id = ? ORDER BY tag", id)
                .list(c, row -> row.getString(1)));
    return Optional.of(new Outbox.Event(newId(), workspaceId, type, id, now, link.get()));
  }

  /** The event of a page's publication. */
  static Optional<Outbox.Event> page(
      Connection c, String type, long workspaceId, long id, Instant now) throws SQLException {
    return Sql.of(
            "SELECT id, domain, handle, title FROM bio_page WHERE id = ? AND workspace_id = ?",
            id,
            workspaceId)
        .one(
            c,
            row -> {
              Map<String, Object> data = new LinkedHashMap<>();
              data.put("pageId", row.getLong("id"));
              data.put("domain", row.getString("domain"));
              data.put("handle", row.getString("handle"));
              data.put("title", row.getString("title"));
              return new Outbox.Event(newId(), workspaceId, type, 0, now, data);
            });
  }

  /**
   * The events of stored conversions, with the link of each one's click when it is stored. Their
   * ids derive from the workspace and event id, so a conversion reported or stored twice is one
   * event.
   */
  static List<Outbox.Event> conversions(Connection c, List<StoredConversion> conversions)
      throws SQLException {
    List<byte[]> clickIds = new ArrayList<>();
    for (StoredConversion conversion : conversions) {
      clickIds.add(bytes(conversion.clickId()));
    }
    Map<UUID, Long> links = new HashMap<>();
    new Sql.Builder()
        .append("SELECT click_id, link_id FROM click WHERE click_id")
        .in(clickIds)
        .build()
        .forEachRow(c, row -> links.put(uuid(row.getBytes(1)), row.getLong(2)));
    List<Outbox.Event> events = new ArrayList<>(conversions.size());
    for (StoredConversion conversion : conversions) {
      Map<String, Object> data = new LinkedHashMap<>();
      long linkId = links.getOrDefault(conversion.clickId(), 0L);
      data.put("eventId", conversion.eventId());
      data.put("event", conversion.event());
      data.put("clickId", conversion.clickId().toString());
      if (linkId != 0) {
        data.put("linkId", linkId);
      }
      if (conversion.value() != null && conversion.currency() != null) {
        data.put("value", conversion.value().toPlainString());
        data.put("currency", conversion.currency());
      }
      data.put("via", conversion.via());
      String id =
          "msg_"
              + UUID.nameUUIDFromBytes(
                      ("conversion:" + conversion.workspaceId() + ":" + conversion.eventId())
                          .getBytes(StandardCharsets.UTF_8))
                  .toString()
                  .replace("-", "");
      events.add(
          new Outbox.Event(
              id,
              conversion.workspaceId(),
              WebhookEvents.CONVERSION_CREATED,
              linkId,
              conversion.occurredAt(),
              data));
    }
    return events;
  }

  private static String newId() {
    return "msg_" + UUID.randomUUID().toString().replace("-", "");
  }

  private static byte[] bytes(UUID id) {
    return ByteBuffer.allocate(16)
        .putLong(id.getMostSignificantBits())
        .putLong(id.getLeastSignificantBits())
        .array();
  }

  private static UUID uuid(byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    return new UUID(buffer.getLong(), buffer.getLong());
  }

  private static void put(Map<String, String> map, String key, String value) {
    if (!value.isEmpty()) {
      map.put(key, value);
    }
  }
}
