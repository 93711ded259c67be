package io.linkscope.collector.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The GeoIP City database the API tests run against: a handful of real-looking networks written
 * with {@link MmdbWriter}, read by the real MaxMind reader.
 */
public final class TestGeoDatabase {
  /** London, United Kingdom (England). */
  public static final String LONDON_IP = "81.2.69.160";

  /** Berlin, Germany. */
  public static final String BERLIN_IP = "2.125.160.216";

  /** Tokyo, Japan. */
  public static final String TOKYO_IP = "175.16.199.10";

  /** Paris, France, over IPv6. */
  public static final String PARIS_IPV6 = "2a02:cf40::1234";

  private TestGeoDatabase() {}

  public static Path write(Path file) {
    MmdbWriter writer = MmdbWriter.city("GeoLite2-City");
    writer.insert(
        "81.2.69.0/24",
        MmdbWriter.cityRecord(
            "GB", "United Kingdom", "ENG", "England", "London", 51.5142, -0.0931));
    writer.insert(
        "2.125.160.0/24",
        MmdbWriter.cityRecord("DE", "Germany", "BE", "Land Berlin", "Berlin", 52.5244, 13.4105));
    writer.insert(
        "175.16.199.0/24",
        MmdbWriter.cityRecord("JP", "Japan", "13", "Tokyo", "Tokyo", 35.6895, 139.6917));
    writer.insert(
        "2a02:cf40::/32",
        MmdbWriter.cityRecord("FR", "France", "IDF", "Île-de-France", "Paris", 48.8534, 2.3488));
    try {
      writer.write(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
