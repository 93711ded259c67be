package io.linkscope.api.link;

import io.linkscope.api.gate.DeepLinks;
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
 * @param passwordProtected whether visitors must type a password (the password is never shown)
 * @param deepLinks the app destinations for iOS and Android, or null
 * @param clickIdParam the query parameter the click's id is appended to the target under, null when
 *     none is
 * @param rules the link's routing rules in order, with their ids
 * @param variants the link's A/B variants, with their ids
 * @param experimentEndsAt when the split ends (or ended), null for none
 * @param promotedVariantId the variant the split ended with, whose URL became the link's target;
 *     null while the split runs. The variants stay listed, so their statistics keep their names
 * @param importedClicks clicks the link had at the shortener it was imported from, as that
 *     shortener counted them (0 when none were imported); never part of {@code totalClicks} or any
 *     statistic
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
    boolean passwordProtected,
    @Nullable DeepLinks deepLinks,
    @Nullable String clickIdParam,
    List<RoutingRule> rules,
    List<Variant> variants,
    @Nullable Instant experimentEndsAt,
    @Nullable Long promotedVariantId,
    long importedClicks) {

  /** A view of a link that was not imported. */
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
      Instant updatedAt,
      boolean passwordProtected,
      @Nullable DeepLinks deepLinks,
      @Nullable String clickIdParam,
      List<RoutingRule> rules,
      List<Variant> variants) {
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
        passwordProtected,
        deepLinks,
        clickIdParam,
        rules,
        variants,
        null,
        null,
        0);
  }

  /** A view of a link's basic fields: no password, deep links, click id or routing. */
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
        false,
        null,
        null,
        List.of(),
        List.of(),
        null,
        null,
        0);
  }
}
