package io.linkscope.collector.click;

/** What a captured visit was to: a link, an unknown path, a bio page or one of its widgets. */
public record ClickTarget(
    ClickEvent.Kind kind,
    long workspaceId,
    long linkId,
    long pageId,
    long widgetId,
    String widgetType,
    String widgetTitle,
    String path) {

  public static ClickTarget link(long workspaceId, long linkId) {
    return new ClickTarget(ClickEvent.Kind.LINK_CLICK, workspaceId, linkId, 0, 0, "", "", "");
  }

  /** A visit to a path no link answers; owned by the workspace of the domain (0 if none). */
  public static ClickTarget orphan(long workspaceId, String path) {
    return new ClickTarget(
        ClickEvent.Kind.ORPHAN_VISIT, workspaceId, 0, 0, 0, "", "", Visitor.crop(path, 255));
  }

  public static ClickTarget pageView(long workspaceId, long pageId) {
    return new ClickTarget(ClickEvent.Kind.PAGE_VIEW, workspaceId, 0, pageId, 0, "", "", "");
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
        "");
  }
}
