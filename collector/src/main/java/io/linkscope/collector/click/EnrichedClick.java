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

  /**
   * The event with nothing derived from it: an unknown device, an unknown ("Other") source, no UTM
   * and no language. For a click whose enrichment failed, so that it is still stored and counted.
   */
  public static EnrichedClick unenriched(ClickEvent event) {
    return new EnrichedClick(
        event, DeviceInfo.UNKNOWN, new Referrer("", "", Referrer.OTHER), Utm.NONE, "");
  }

  /** Whether this visit counts in statistics by default: a human on a link, page or widget. */
  public boolean countsAsHuman() {
    return !device.bot();
  }
}
