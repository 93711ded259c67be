package io.linkscope.api.link;

import io.linkscope.api.gate.DeepLinks;
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
 * @param password write-only: a password visitors must type before they are sent on; on update JSON
 *     null removes it and an absent field keeps it. Never read back ({@link LinkView} only says
 *     whether one is set)
 * @param deepLinks app destinations for iOS and Android visitors; JSON null removes them
 * @param clickIdParam the query parameter the click's id is appended to the target under, for
 *     conversion tracking; absent, null or empty: none (the default)
 * @param rules routing rules in order, the first that matches wins (see {@link RoutingRule}); the
 *     whole list is replaced on update, null or empty removes them
 * @param variants weighted destinations of an A/B split (see {@link Variant}); replaced whole
 * @param experimentEndsAt when the split ends, in the future when set; after it every visit goes to
 *     the winner of the experiment, or to the first variant (the control) without one, and that
 *     variant becomes the link's target. JSON null removes it; a new end date restarts an ended
 *     split
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
    @Nullable String password,
    @Nullable DeepLinks deepLinks,
    @Nullable String clickIdParam,
    @Nullable List<RoutingRule> rules,
    @Nullable List<Variant> variants,
    @Nullable Instant experimentEndsAt) {

  /** An input of the fields before experiments had an end date. */
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
      @Nullable Boolean forwardQuery,
      @Nullable String password,
      @Nullable DeepLinks deepLinks,
      @Nullable String clickIdParam,
      @Nullable List<RoutingRule> rules,
      @Nullable List<Variant> variants) {
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
        password,
        deepLinks,
        clickIdParam,
        rules,
        variants,
        null);
  }

  /** An input of the basic fields only: no password, deep links, click id or routing. */
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
        null,
        null,
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
        password,
        deepLinks,
        clickIdParam,
        rules,
        variants,
        experimentEndsAt);
  }

  public LinkInput withDomain(@Nullable String newDomain) {
    return new LinkInput(
        slug,
        newDomain,
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
        password,
        deepLinks,
        clickIdParam,
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
        password,
        deepLinks,
        clickIdParam,
        rules,
        variants,
        experimentEndsAt);
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
        password,
        deepLinks,
        clickIdParam,
        rules,
        variants,
        experimentEndsAt);
  }

  public LinkInput withPassword(@Nullable String newPassword) {
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
        newPassword,
        deepLinks,
        clickIdParam,
        rules,
        variants,
        experimentEndsAt);
  }

  public LinkInput withDeepLinks(@Nullable DeepLinks newDeepLinks) {
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
        password,
        newDeepLinks,
        clickIdParam,
        rules,
        variants,
        experimentEndsAt);
  }

  public LinkInput withClickIdParam(@Nullable String name) {
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
        password,
        deepLinks,
        name,
        rules,
        variants,
        experimentEndsAt);
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
        password,
        deepLinks,
        clickIdParam,
        newRules,
        newVariants,
        experimentEndsAt);
  }

  public LinkInput withExperimentEndsAt(@Nullable Instant endsAt) {
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
        password,
        deepLinks,
        clickIdParam,
        rules,
        variants,
        endsAt);
  }
}
