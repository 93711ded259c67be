package io.linkscope.collector.bio;

import io.linkscope.api.bio.BioWidgetView;
import java.time.Instant;
import java.util.List;

/** A stored bio page with its widgets in page order; the theme is fully resolved. */
record BioPage(
    long id,
    long workspaceId,
    String domain,
    String handle,
    String title,
    String description,
    String avatarUrl,
    PageTheme theme,
    String seoTitle,
    String seoDescription,
    String ogImageUrl,
    boolean published,
    List<BioWidgetView> widgets,
    Instant createdAt,
    Instant updatedAt) {

  BioPage withWidgets(List<BioWidgetView> newWidgets) {
    return new BioPage(
        id,
        workspaceId,
        domain,
        handle,
        title,
        description,
        avatarUrl,
        theme,
        seoTitle,
        seoDescription,
        ogImageUrl,
        published,
        List.copyOf(newWidgets),
        createdAt,
        updatedAt);
  }
}
