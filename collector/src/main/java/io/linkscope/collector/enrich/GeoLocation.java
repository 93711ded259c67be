package io.linkscope.collector.enrich;

import org.jspecify.annotations.Nullable;

/**
 * Where a click came from, as far as the GeoIP database knows.
 *
 * <p>Text fields are never null: an unknown part is the empty string, so callers can store and
 * group by them without null checks. Coordinates are null when unknown because 0,0 is a real place.
 *
 * @param countryCode ISO 3166-1 alpha-2 code such as {@code GB}, or empty
 * @param countryName English country name, or empty
 * @param regionCode ISO 3166-2 subdivision code without the country prefix, such as {@code ENG}, or
 *     empty
 * @param regionName English name of the largest subdivision, or empty
 * @param city English city name, or empty
 * @param latitude approximate latitude, or null
 * @param longitude approximate longitude, or null
 */
public record GeoLocation(
    String countryCode,
    String countryName,
    String regionCode,
    String regionName,
    String city,
    @Nullable Double latitude,
    @Nullable Double longitude) {

  private static final GeoLocation UNKNOWN = new GeoLocation("", "", "", "", "", null, null);

  public GeoLocation {
    countryCode = orEmpty(countryCode);
    countryName = orEmpty(countryName);
    regionCode = orEmpty(regionCode);
    regionName = orEmpty(regionName);
    city = orEmpty(city);
  }

  /** The location of an address the database knows nothing about. */
  public static GeoLocation unknown() {
    return UNKNOWN;
  }

  /** Whether anything at all is known about the location. */
  boolean isKnown() {
    return !equals(UNKNOWN);
  }

  private static String orEmpty(@Nullable String value) {
    return value == null ? "" : value;
  }
}
