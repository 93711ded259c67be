package io.linkscope.collector.stats;

import io.linkscope.collector.click.ClickEvent;
import io.linkscope.collector.click.EnrichedClick;
import java.nio.ByteBuffer;
import java.util.List;

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

  /** The visit of a click, or null for an orphan visit (rolled up nowhere). */
  static Visit of(EnrichedClick click) {
    ClickEvent e = click.event();
    if (e.kind() == ClickEvent.Kind.ORPHAN_VISIT) {
      return null;
    }
    return new Visit(
        ByteBuffer.allocate(16)
            .putLong(e.id().getMostSignificantBits())
            .putLong(e.id().getLeastSignificantBits())
            .array(),
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
        Dim.values(click));
  }

  /**
   * What a tap is counted under: the widget, or for an icon of a social row the widget and the
   * icon's platform, {@code "<widget id>/<platform name>"}, so that each icon is a row of its own.
   */
  String tapped() {
    return tapped(widgetId, widgetType, widgetTitle);
  }

  static String tapped(long widgetId, String widgetType, String widgetTitle) {
    return SOCIAL.equals(widgetType) ? widgetId + "/" + widgetTitle : Long.toString(widgetId);
  }

  /** The click table's expression for {@link #tapped()}. */
  static final String TAPPED_COLUMN =
      "CONCAT(widget_id, IF(widget_type = 'social', CONCAT('/', widget_title), ''))";

  /** The widget type whose taps name their icon's platform in the title. */
  static final String SOCIAL = "social";

  /** The link or page this visit is counted for. */
  Scope scope() {
    return kind == VisitKind.CLICK ? Scope.LINK : Scope.PAGE;
  }

  long scopeId() {
    return kind == VisitKind.CLICK ? linkId : pageId;
  }
}
