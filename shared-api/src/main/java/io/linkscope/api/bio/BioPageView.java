package io.linkscope.api.bio;

import java.time.Instant;
import java.util.List;

/**
 * A bio page as the collector reports it, with its widgets in page order.
 *
 * @param publicUrl where visitors open the page, e.g. {@code https://go.example.com/@anna}
 * @param theme the preset with every value filled in
 */
public record BioPageView(
    long id,
    String handle,
    String domain,
    String publicUrl,
    String title,
    String description,
    String avatarUrl,
    BioTheme theme,
    String seoTitle,
    String seoDescription,
    String ogImageUrl,
    boolean published,
    List<BioWidgetView> widgets,
    Instant createdAt,
    Instant updatedAt) {}
