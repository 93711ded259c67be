package io.linkscope.api.link;

import io.linkscope.api.routing.RoutingRule;
import io.linkscope.api.routing.Variant;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a client sends to create or change a link. Absent fields take defaults on create and keep
 * their value on update.
 *
 * @param slug the short code; generated when absent on create
 * @param domain the host the slug lives on; absent or empty for the collector's default domain
 * @param targetUrl the absolute http(s) URL visitors are sent to
 * @param redirectType 301, 302 (default) or 307
 * @param validFrom before this instant the link answers with its fallback (or 404)
 * @param validUntil after this instant the link answers with its fallback (or 404)
 * @param maxClicks after this many human clicks the link answers with its fallback (or 404)
 * @param fallbackUrl where visitors go when the link is not (or no longer) valid
 * @param forwardQuery whether the visitor's query string is merged into the target's (default true)
 * @param rules routing rules in order, the first that matches wins (see {@link RoutingRule}); the
 *     whole list is replaced on update, null or empty removes them
 * @param variants weighted destinations of an A/B split (see {@link Variant}); replaced whole
 */
public record LinkInput(
    @Nullable String slug,
    @Nullable String domain,
    @Nullable String targetUrl,
    @Nullable String title,
    @Nullable String notes,
    @Nullable List<String> tags,
    @Nullable Integer redirectType,
    @Nullable Instant validFrom,
    @Nullable Instant validUntil,
    @Nullable Long maxClicks,
    @Nullable String fallbackUrl,
    @Nullable Boolean forwardQuery,
    @Nullable List<RoutingRule> rules,
    @Nullable List<Variant> variants) {

  /** An input without routing fields (they keep their value on update). */
  public LinkInput(
      @Nullable String slug,
      @Nullable String domain,
      @Nullable String targetUrl,
      @Nullable String title,
      @Nullable String notes,
      @Nullable List<String> tags,
      @Nullable Integer redirectType,
      @Nullable Instant validFrom,
      @Nullable Instant validUntil,
      @Nullable Long maxClicks,
      @Nullable String fallbackUrl,
      @Nullable Boolean forwardQuery) {
    this(
        slug,
        domain,
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
        null,
        null);
  }

  /** A minimal input: just the target, everything else defaulted. */
  public static LinkInput to(String targetUrl) {
    return new LinkInput(
        null, null, targetUrl, null, null, null, null, null, null, null, null, null);
  }

  public LinkInput withSlug(String newSlug) {
    return new LinkInput(
        newSlug,
        domain,
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
        rules,
        variants);
  }

  public LinkInput withTags(List<String> newTags) {
    return new LinkInput(
        slug,
        domain,
        targetUrl,
        title,
        notes,
        newTags,
        redirectType,
        validFrom,
        validUntil,
        maxClicks,
        fallbackUrl,
        forwardQuery,
        rules,
        variants);
  }

  public LinkInput withRouting(
      @Nullable List<RoutingRule> newRules, @Nullable List<Variant> newVariants) {
    return new LinkInput(
        slug,
        domain,
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
        newRules,
        newVariants);
  }

  public LinkInput withTitle(String newTitle) {
    return new LinkInput(
        slug,
        domain,
        targetUrl,
        newTitle,
        notes,
        tags,
        redirectType,
        validFrom,
        validUntil,
        maxClicks,
        fallbackUrl,
        forwardQuery,
        rules,
        variants);
  }
}
