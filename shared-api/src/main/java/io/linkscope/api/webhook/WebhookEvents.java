package io.linkscope.api.webhook;

import java.util.List;

/** The event types an endpoint can subscribe to, as they appear in a delivery's {@code type}. */
public final class WebhookEvents {
  public static final String LINK_CLICKED = "link.clicked";
  public static final String PAGE_VIEWED = "page.viewed";
  public static final String WIDGET_TAPPED = "widget.tapped";
  public static final String CONVERSION_CREATED = "conversion.created";
  public static final String LINK_CREATED = "link.created";
  public static final String LINK_UPDATED = "link.updated";
  public static final String LINK_DELETED = "link.deleted";
  public static final String PAGE_PUBLISHED = "page.published";

  /** Every type, in the order the API documents them. */
  public static final List<String> ALL =
      List.of(
          LINK_CLICKED,
          PAGE_VIEWED,
          WIDGET_TAPPED,
          CONVERSION_CREATED,
          LINK_CREATED,
          LINK_UPDATED,
          LINK_DELETED,
          PAGE_PUBLISHED);

  private WebhookEvents() {}
}
