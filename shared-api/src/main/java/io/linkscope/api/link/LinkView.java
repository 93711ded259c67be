package io.linkscope.api.link;

import io.linkscope.api.gate.DeepLinks;
import io.linkscope.api.routing.RoutingRule;
import io.linkscope.api.routing.Variant;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
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

  /**
   * A view built field by field. Slug, short URL, target and creation time must be set; the others
   * default to a plain link: no domain, title or tags, a 302 that forwards the query, no clicks, no
   * password, deep links or routing; the update time defaults to the creation time.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this view's fields, to change some of them. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.id = id;
    b.slug = slug;
    b.domain = domain;
    b.shortUrl = shortUrl;
    b.targetUrl = targetUrl;
    b.title = title;
    b.notes = notes;
    b.tags = tags;
    b.redirectType = redirectType;
    b.validFrom = validFrom;
    b.validUntil = validUntil;
    b.maxClicks = maxClicks;
    b.fallbackUrl = fallbackUrl;
    b.forwardQuery = forwardQuery;
    b.totalClicks = totalClicks;
    b.createdAt = createdAt;
    b.updatedAt = updatedAt;
    b.passwordProtected = passwordProtected;
    b.deepLinks = deepLinks;
    b.clickIdParam = clickIdParam;
    b.rules = rules;
    b.variants = variants;
    b.experimentEndsAt = experimentEndsAt;
    b.promotedVariantId = promotedVariantId;
    b.importedClicks = importedClicks;
    return b;
  }

  /** Builds a {@link LinkView}; see {@link LinkView#builder()}. */
  public static final class Builder {
    private long id = 0;
    private @Nullable String slug;
    private String domain = "";
    private @Nullable String shortUrl;
    private @Nullable String targetUrl;
    private String title = "";
    private @Nullable String notes = null;
    private List<String> tags = List.of();
    private int redirectType = 302;
    private @Nullable Instant validFrom = null;
    private @Nullable Instant validUntil = null;
    private @Nullable Long maxClicks = null;
    private @Nullable String fallbackUrl = null;
    private boolean forwardQuery = true;
    private long totalClicks = 0;
    private @Nullable Instant createdAt;
    private @Nullable Instant updatedAt;
    private boolean passwordProtected = false;
    private @Nullable DeepLinks deepLinks = null;
    private @Nullable String clickIdParam = null;
    private List<RoutingRule> rules = List.of();
    private List<Variant> variants = List.of();
    private @Nullable Instant experimentEndsAt = null;
    private @Nullable Long promotedVariantId = null;
    private long importedClicks = 0;

    private Builder() {}

    public Builder id(long value) {
      this.id = value;
      return this;
    }

    public Builder slug(String value) {
      this.slug = value;
      return this;
    }

    public Builder domain(String value) {
      this.domain = value;
      return this;
    }

    public Builder shortUrl(String value) {
      this.shortUrl = value;
      return this;
    }

    public Builder targetUrl(String value) {
      this.targetUrl = value;
      return this;
    }

    public Builder title(String value) {
      this.title = value;
      return this;
    }

    public Builder notes(@Nullable String value) {
      this.notes = value;
      return this;
    }

    public Builder tags(List<String> value) {
      this.tags = value;
      return this;
    }

    public Builder redirectType(int value) {
      this.redirectType = value;
      return this;
    }

    public Builder validFrom(@Nullable Instant value) {
      this.validFrom = value;
      return this;
    }

    public Builder validUntil(@Nullable Instant value) {
      this.validUntil = value;
      return this;
    }

    public Builder maxClicks(@Nullable Long value) {
      this.maxClicks = value;
      return this;
    }

    public Builder fallbackUrl(@Nullable String value) {
      this.fallbackUrl = value;
      return this;
    }

    public Builder forwardQuery(boolean value) {
      this.forwardQuery = value;
      return this;
    }

    public Builder totalClicks(long value) {
      this.totalClicks = value;
      return this;
    }

    public Builder createdAt(Instant value) {
      this.createdAt = value;
      return this;
    }

    public Builder updatedAt(Instant value) {
      this.updatedAt = value;
      return this;
    }

    public Builder passwordProtected(boolean value) {
      this.passwordProtected = value;
      return this;
    }

    public Builder deepLinks(@Nullable DeepLinks value) {
      this.deepLinks = value;
      return this;
    }

    public Builder clickIdParam(@Nullable String value) {
      this.clickIdParam = value;
      return this;
    }

    public Builder rules(List<RoutingRule> value) {
      this.rules = value;
      return this;
    }

    public Builder variants(List<Variant> value) {
      this.variants = value;
      return this;
    }

    public Builder experimentEndsAt(@Nullable Instant value) {
      this.experimentEndsAt = value;
      return this;
    }

    public Builder promotedVariantId(@Nullable Long value) {
      this.promotedVariantId = value;
      return this;
    }

    public Builder importedClicks(long value) {
      this.importedClicks = value;
      return this;
    }

    /**
     * The view of the fields set.
     *
     * @throws NullPointerException when the slug, short URL, target or creation time is missing
     */
    public LinkView build() {
      Instant created = Objects.requireNonNull(createdAt, "createdAt");
      return new LinkView(
          id,
          Objects.requireNonNull(slug, "slug"),
          domain,
          Objects.requireNonNull(shortUrl, "shortUrl"),
          Objects.requireNonNull(targetUrl, "targetUrl"),
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
          created,
          updatedAt == null ? created : updatedAt,
          passwordProtected,
          deepLinks,
          clickIdParam,
          rules,
          variants,
          experimentEndsAt,
          promotedVariantId,
          importedClicks);
    }
  }
}
