package io.linkscope.collector.link;

import io.linkscope.api.gate.DeepLinks;
import io.linkscope.collector.routing.Routing;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A short link as stored. {@code domain} is empty for the collector's default domain.
 *
 * @param passwordHash the Argon2id hash (PHC string) of the password visitors must type, or null
 * @param deepLinks the app destinations of iOS and Android visitors, or null
 * @param clickIdParam the query parameter the redirect appends the click's id under, or null for
 *     none (conversion tracking, see the {@code conversion} package)
 * @param routing the link's routing rules and A/B variants (decision 0014)
 * @param importedClicks clicks the link had at the shortener it was imported from, as counted
 *     there; never added to {@code totalClicks}
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
    @Nullable String passwordHash,
    @Nullable DeepLinks deepLinks,
    @Nullable String clickIdParam,
    Routing routing,
    long importedClicks) {

  /** Whether the link answers with something other than a plain redirect: a form or an app. */
  public boolean gated() {
    return passwordHash != null || deepLinks != null;
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
