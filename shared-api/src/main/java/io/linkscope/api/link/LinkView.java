package io.linkscope.api.link;

import io.linkscope.api.routing.RoutingRule;
import io.linkscope.api.routing.Variant;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A link as the collector reports it.
 *
 * @param shortUrl the full public short URL, e.g. {@code https://go.example.com/spring}
 * @param totalClicks tracked clicks so far, bots excluded
 * @param rules the link's routing rules in order, with their ids
 * @param variants the link's A/B variants, with their ids
 */
public record LinkView(
    long id,
    String slug,
    String domain,
    String shortUrl,
    String targetUrl,
    String title,
    @Nullable String notes,
    List<String> tags,
    int redirectType,
    @Nullable Instant validFrom,
    @Nullable Instant validUntil,
    @Nullable Long maxClicks,
    @Nullable String fallbackUrl,
    boolean forwardQuery,
    long totalClicks,
    Instant createdAt,
    Instant updatedAt,
    List<RoutingRule> rules,
    List<Variant> variants) {

  /** A link without routing rules or variants. */
  public LinkView(
      long id,
      String slug,
      String domain,
      String shortUrl,
      String targetUrl,
      String title,
      @Nullable String notes,
      List<String> tags,
      int redirectType,
      @Nullable Instant validFrom,
      @Nullable Instant validUntil,
      @Nullable Long maxClicks,
      @Nullable String fallbackUrl,
      boolean forwardQuery,
      long totalClicks,
      Instant createdAt,
      Instant updatedAt) {
    this(
        id,
        slug,
        domain,
        shortUrl,
        targetUrl,
        title,
        notes,
        tags,
        redirectType,
        validFrom,
        validUntil,
        maxClicks,
        fallbackUrl,
        forwardQuery,
        totalClicks,
        createdAt,
        updatedAt,
        List.of(),
        List.of());
  }
}
