package io.linkscope.api.click;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One recorded, enriched click. There is no IP address: only its keyed hash.
 *
 * @param visitorHash hex of the HMAC-SHA-256 of the visitor's IP under the server secret
 * @param country ISO 3166 alpha-2 code, or {@code "unknown"}
 * @param referrerSource a named channel (Instagram, Google, Email, Direct, Other ...)
 * @param destinationKey the routing rule or variant that sent the click ({@code rule:<id>}, {@code
 *     variant:<id>}), null for the link's own target
 * @param destinationUrl where that rule or variant sent it, null for the link's own target
 */
public record ClickView(
    String id,
    Instant clickedAt,
    long linkId,
    String visitorHash,
    String country,
    String region,
    String city,
    @Nullable Double latitude,
    @Nullable Double longitude,
    String deviceType,
    String browser,
    String browserVersion,
    String os,
    String osVersion,
    String inAppApp,
    boolean bot,
    String referrerUrl,
    String referrerHost,
    String referrerSource,
    String utmSource,
    String utmMedium,
    String utmCampaign,
    String utmTerm,
    String utmContent,
    String language,
    @Nullable String destinationKey,
    @Nullable String destinationUrl) {}
