package io.linkscope.collector.link;

import io.linkscope.collector.routing.Routing;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A short link as stored. {@code domain} is empty for the collector's default domain; {@code
 * routing} holds its rules and A/B variants (decision 0014).
 */
public record Link(
    long id,
    long workspaceId,
    String domain,
    String slug,
    String targetUrl,
    String title,
    String notes,
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
    Routing routing) {

  /** A link without routing rules or variants. */
  public Link(
      long id,
      long workspaceId,
      String domain,
      String slug,
      String targetUrl,
      String title,
      String notes,
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
        workspaceId,
        domain,
        slug,
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
        Routing.NONE);
  }

  /** Why a link does not send visitors to its target right now, if it does not. */
  public enum Availability {
    ACTIVE,
    NOT_YET_VALID,
    EXPIRED,
    CLICK_LIMIT_REACHED
  }

  public Availability availability(Instant now, long clicksSoFar) {
    if (validFrom != null && now.isBefore(validFrom)) {
      return Availability.NOT_YET_VALID;
    }
    if (validUntil != null && !now.isBefore(validUntil)) {
      return Availability.EXPIRED;
    }
    if (maxClicks != null && clicksSoFar >= maxClicks) {
      return Availability.CLICK_LIMIT_REACHED;
    }
    return Availability.ACTIVE;
  }
}
