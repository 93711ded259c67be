package io.linkscope.collector.click;

import io.linkscope.collector.enrich.AcceptLanguage;
import io.linkscope.collector.enrich.DeviceInfo;
import io.linkscope.collector.enrich.Referrer;
import io.linkscope.collector.enrich.UserAgentEnricher;
import io.linkscope.collector.enrich.Utm;

/** A journaled visit with everything derived from it: device, referrer source, UTM, language. */
public record EnrichedClick(
    ClickEvent event, DeviceInfo device, Referrer referrer, Utm utm, String language) {

  /** Derives the enrichment of an event; never throws (each enricher degrades to empty values). */
  public static EnrichedClick of(ClickEvent event, UserAgentEnricher userAgents) {
    DeviceInfo device = userAgents.parse(event.userAgent());
    return new EnrichedClick(
        event,
        device,
        Referrer.classify(event.referrer(), device.inAppApp()),
        Utm.fromQuery(event.query()),
        AcceptLanguage.primary(event.acceptLanguage()));
  }

  /** Whether this visit counts in statistics by default: a human on a link, page or widget. */
  public boolean countsAsHuman() {
    return !device.bot();
  }
}
