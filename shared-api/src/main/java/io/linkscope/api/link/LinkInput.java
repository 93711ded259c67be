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

  /** A minimal input: just the target, everything else defaulted. */
  public static LinkInput to(String targetUrl) {
    return builder().targetUrl(targetUrl).build();
  }

  /** An input built field by field; the fields not set are absent. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this input's fields, to change some of them. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.slug = slug;
    b.domain = domain;
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
    b.password = password;
    b.deepLinks = deepLinks;
    b.clickIdParam = clickIdParam;
    b.rules = rules;
    b.variants = variants;
    b.experimentEndsAt = experimentEndsAt;
    return b;
  }

  public LinkInput withSlug(String newSlug) {
    return toBuilder().slug(newSlug).build();
  }

  public LinkInput withDomain(@Nullable String newDomain) {
    return toBuilder().domain(newDomain).build();
  }

  public LinkInput withTags(List<String> newTags) {
    return toBuilder().tags(newTags).build();
  }

  public LinkInput withTitle(String newTitle) {
    return toBuilder().title(newTitle).build();
  }

  public LinkInput withPassword(@Nullable String newPassword) {
    return toBuilder().password(newPassword).build();
  }

  public LinkInput withDeepLinks(@Nullable DeepLinks newDeepLinks) {
    return toBuilder().deepLinks(newDeepLinks).build();
  }

  public LinkInput withClickIdParam(@Nullable String name) {
    return toBuilder().clickIdParam(name).build();
  }

  public LinkInput withRouting(
      @Nullable List<RoutingRule> newRules, @Nullable List<Variant> newVariants) {
    return toBuilder().rules(newRules).variants(newVariants).build();
  }

  public LinkInput withExperimentEndsAt(@Nullable Instant endsAt) {
    return toBuilder().experimentEndsAt(endsAt).build();
  }

  /** The fields of a {@link LinkInput}, set one by one; each is absent until set. */
  public static final class Builder {
    private @Nullable String slug;
    private @Nullable String domain;
    private @Nullable String targetUrl;
    private @Nullable String title;
    private @Nullable String notes;
    private @Nullable List<String> tags;
    private @Nullable Integer redirectType;
    private @Nullable Instant validFrom;
    private @Nullable Instant validUntil;
    private @Nullable Long maxClicks;
    private @Nullable String fallbackUrl;
    private @Nullable Boolean forwardQuery;
    private @Nullable String password;
    private @Nullable DeepLinks deepLinks;
    private @Nullable String clickIdParam;
    private @Nullable List<RoutingRule> rules;
    private @Nullable List<Variant> variants;
    private @Nullable Instant experimentEndsAt;

    private Builder() {}

    public Builder slug(@Nullable String value) {
      this.slug = value;
      return this;
    }

    public Builder domain(@Nullable String value) {
      this.domain = value;
      return this;
    }

    public Builder targetUrl(@Nullable String value) {
      this.targetUrl = value;
      return this;
    }

    public Builder title(@Nullable String value) {
      this.title = value;
      return this;
    }

    public Builder notes(@Nullable String value) {
      this.notes = value;
      return this;
    }

    public Builder tags(@Nullable List<String> value) {
      this.tags = value;
      return this;
    }

    public Builder redirectType(@Nullable Integer value) {
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

    public Builder forwardQuery(@Nullable Boolean value) {
      this.forwardQuery = value;
      return this;
    }

    public Builder password(@Nullable String value) {
      this.password = value;
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

    public Builder rules(@Nullable List<RoutingRule> value) {
      this.rules = value;
      return this;
    }

    public Builder variants(@Nullable List<Variant> value) {
      this.variants = value;
      return this;
    }

    public Builder experimentEndsAt(@Nullable Instant value) {
      this.experimentEndsAt = value;
      return this;
    }

    public LinkInput build() {
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
          experimentEndsAt);
    }
  }
}
