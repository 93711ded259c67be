package io.linkscope.api.routing;

import org.jspecify.annotations.Nullable;

/**
 * One destination of a link's weighted split (A/B test). A link has none, or 2 to 10 whose weights
 * add up to 100; a visitor keeps the variant they got for the rest of the (UTC) day.
 *
 * @param id the variant's id on its link, assigned by the collector; give it back to keep its
 *     statistics, leave it out for a new variant
 * @param targetUrl where the variant sends visits
 * @param weight its share of visits in percent, 1-99
 * @param name an optional label shown in reports next to the variant's key
 */
public record Variant(
    @Nullable Long id,
    @Nullable String targetUrl,
    @Nullable Integer weight,
    @Nullable String name) {

  /** A new variant. */
  public static Variant of(String targetUrl, int weight) {
    return new Variant(null, targetUrl, weight, null);
  }
}
