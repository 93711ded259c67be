package io.linkscope.collector.ingest;

import io.linkscope.api.stats.Dimension;
import io.linkscope.collector.click.ClickEvent;
import io.linkscope.collector.click.EnrichedClick;
import io.linkscope.collector.stats.Dim;
import io.linkscope.collector.stats.Scope;
import io.linkscope.collector.stats.VisitKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the rollups need of one stored visit: its target, time, visitor and dimension values. Built
 * from a fresh batch or read back from the click table for a rebuild, so both take one code path.
 *
 * @param values the dimension values in the order of {@link Dim#ALL}
 */
record Visit(
    byte[] clickId,
    long epochMillis,
    VisitKind kind,
    long workspaceId,
    long linkId,
    long pageId,
    long widgetId,
    String widgetType,
    String widgetTitle,
    byte[] ipHash,
    String userAgent,
    boolean bot,
    List<String> values) {

  /** The visit of a click; none for an orphan visit (rolled up nowhere). */
  static Optional<Visit> of(EnrichedClick click) {
    ClickEvent e = click.event();
    if (e.kind() == ClickEvent.Kind.ORPHAN_VISIT) {
      return Optional.empty();
    }
    return Optional.of(
        new Visit(
            ClickTable.uuidBytes(e.id()),
            e.epochMillis(),
            VisitKind.of(e.kind().code()),
            e.workspaceId(),
            e.linkId(),
            e.pageId(),
            e.widgetId(),
            e.widgetType(),
            e.widgetTitle(),
            e.ipHash(),
            e.userAgent(),
            click.device().bot(),
            values(click)));
  }

  /** The dimension values of a click, in the order of {@link Dim#ALL}; "" when unknown. */
  private static List<String> values(EnrichedClick click) {
    List<String> values = new ArrayList<>(Dim.ALL.size());
    for (Dimension dimension : Dim.ALL) {
      values.add(Dim.crop(value(dimension, click)));
    }
    return values;
  }

  private static String value(Dimension dimension, EnrichedClick c) {
    return switch (dimension) {
      case COUNTRY -> c.event().geo().countryCode();
      case REGION -> c.event().geo().regionName();
      case CITY -> c.event().geo().city();
      case DEVICE -> c.device().deviceType();
      case BROWSER -> c.device().browser();
      case OS -> c.device().os();
      case IN_APP -> c.device().inAppApp();
      case SOURCE -> c.referrer().source();
      case REFERRER_HOST -> c.referrer().host();
      case UTM_SOURCE -> c.utm().source();
      case UTM_MEDIUM -> c.utm().medium();
      case UTM_CAMPAIGN -> c.utm().campaign();
      case UTM_TERM -> c.utm().term();
      case UTM_CONTENT -> c.utm().content();
      case LANGUAGE -> c.language();
      case DESTINATION -> Dim.destination(c.event().kind().code(), c.event().destinationKey());
    };
  }

  /** What this tap is counted under (see {@link Dim#tapped}). */
  String tapped() {
    return Dim.tapped(widgetId, widgetType, widgetTitle);
  }

  /** The link or page this visit is counted for. */
  Scope scope() {
    return kind == VisitKind.CLICK ? Scope.LINK : Scope.PAGE;
  }

  long scopeId() {
    return kind == VisitKind.CLICK ? linkId : pageId;
  }
}
