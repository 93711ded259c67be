package io.linkscope.collector.webhook;

import io.linkscope.api.webhook.WebhookEvents;
import io.linkscope.collector.click.ClickEvent;
import io.linkscope.collector.click.EnrichedClick;
import io.linkscope.collector.db.Sql;
import io.linkscope.collector.enrich.DeviceInfo;
import io.linkscope.collector.enrich.GeoLocation;
import io.linkscope.collector.enrich.Utm;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

  private static void put(Map<String, String> map, String key, String value) {
    if (!value.isEmpty()) {
      map.put(key, value);
    }
  }
}
