package io.linkscope.collector.click;

/**
 * What a captured visit was to: a link, an unknown path, a bio page or one of its widgets.
 *
 * @param utmQuery the UTM tags of a link's target as a query string ({@code ""} when none): they
 *     are recorded for the tags the visitor's query does not bring
 * @param destinationKey the rule or variant that sent the click, {@code ""} for the link's target
 * @param destinationUrl where the rule or variant sent it, {@code ""} when it was no redirect
 */
public record ClickTarget(
    ClickEvent.Kind kind,
    long workspaceId,
    long linkId,
    long pageId,
    long widgetId,
    String widgetType,
    String widgetTitle,
    String path,
    String utmQuery,
    String destinationKey,
    String destinationUrl) {

  public ClickTarget(
      ClickEvent.Kind kind,
      long workspaceId,
      long linkId,
      long pageId,
      long widgetId,
      String widgetType,
      String widgetTitle,
      String path,
      String utmQuery) {
    this(
        kind,
        workspaceId,
        linkId,
        pageId,
        widgetId,
        widgetType,
        widgetTitle,
        path,
        utmQuery,
        "",
        "");
  }

  /**
   * A click on a link that a routing rule or variant sent elsewhere: {@code key} names it ({@code
   * rule:<id>}, {@code variant:<id>}), {@code url} is where it went ({@code ""} for a page).
   */
  public static ClickTarget routed(
      long workspaceId, long linkId, String utmQuery, String key, String url) {
    return new ClickTarget(
        ClickEvent.Kind.LINK_CLICK, workspaceId, linkId, 0, 0, "", "", "", utmQuery, key, url);
  }

  public static ClickTarget link(long workspaceId, long linkId) {
    return link(workspaceId, linkId, "");
  }

  public static ClickTarget link(long workspaceId, long linkId, String utmQuery) {
    return new ClickTarget(
        ClickEvent.Kind.LINK_CLICK, workspaceId, linkId, 0, 0, "", "", "", utmQuery);
  }

  /**
   * The query the click's UTM tags are read from: the visitor's, then the target's tags, so that
   * the visitor's win where both give one ({@link io.linkscope.collector.enrich.Utm} takes the
   * first of a repeated parameter).
   */
  String utmSource(String visitorQuery) {
    if (utmQuery.isEmpty()) {
      return visitorQuery;
    }
    return visitorQuery.isEmpty() ? utmQuery : visitorQuery + "&" + utmQuery;
  }

  /** A visit to a path no link answers; owned by the workspace of the domain (0 if none). */
  public static ClickTarget orphan(long workspaceId, String path) {
    return new ClickTarget(
        ClickEvent.Kind.ORPHAN_VISIT, workspaceId, 0, 0, 0, "", "", Visitor.crop(path, 255), "");
  }

  public static ClickTarget pageView(long workspaceId, long pageId) {
    return new ClickTarget(ClickEvent.Kind.PAGE_VIEW, workspaceId, 0, pageId, 0, "", "", "", "");
  }

  public static ClickTarget widgetTap(
      long workspaceId, long pageId, long widgetId, String widgetType, String widgetTitle) {
    return new ClickTarget(
        ClickEvent.Kind.WIDGET_TAP,
        workspaceId,
        0,
        pageId,
        widgetId,
        Visitor.crop(widgetType, 32),
        Visitor.crop(widgetTitle, 200),
        "",
        "");
  }
}
