package io.linkscope.collector.enrich;

import static io.linkscope.collector.testsupport.MmdbWriter.cityRecord;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.linkscope.collector.testsupport.MmdbWriter;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

class GeoLocatorTest {

  private static final Duration FAST_RELOAD_CHECK = Duration.ofMillis(20);
  private static final Duration PATIENCE = Duration.ofSeconds(10);

  private static final GeoLocation LONDON =
      new GeoLocation("GB", "United Kingdom", "ENG", "England", "London", 51.5142, -0.0931);
  private static final GeoLocation PARIS =
      new GeoLocation("FR", "France", "IDF", "Île-de-France", "Paris", 48.8566, 2.3522);
  private static final InetAddress LONDON_ADDRESS = InetAddress.ofLiteral("81.2.69.142");

  @TempDir Path dir;

  private final Logger logger = (Logger) LoggerFactory.getLogger(GeoLocator.class);
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private Path database;

  @BeforeEach
  void captureLogs() {
    logs.start();
    logger.addAppender(logs);
    database = dir.resolve("GeoLite2-City.mmdb");
  }

  @AfterEach
  void releaseLogs() {
    logger.detachAppender(logs);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      textBlock =
          """
          # address,            country, country name,   region, region name, city,      latitude, longitude
          81.2.69.142,          GB,      United Kingdom, ENG,    England,     London,    51.5142,  -0.0931
          81.2.69.255,          GB,      United Kingdom, ENG,    England,     London,    51.5142,  -0.0931
          216.160.83.60,        US,      United States,  WA,     Washington,  Milton,    47.2513,  -122.3149
          67.43.156.1,          BT,      Bhutan,         ,       ,            ,          27.5,     90.5
          2001:218::1,          JP,      Japan,          13,     Tokyo,       Tokyo,     35.6850,  139.7514
          """)
  void locatesAddressesToCountryRegionAndCity(
      String address,
      String countryCode,
      String countryName,
      String regionCode,
      String regionName,
      String city,
      Double latitude,
      Double longitude)
      throws IOException {
    writeStandardDatabase(database);

    try (GeoLocator locator = new GeoLocator(database)) {
      assertThat(locator.locate(InetAddress.ofLiteral(address)))
          .isEqualTo(
              new GeoLocation(
                  countryCode, countryName, regionCode, regionName, city, latitude, longitude));
    }
  }

  @Test
  void locatesLondonIpv4AddressToCountryRegionAndCity() throws IOException {
    writeStandardDatabase(database);

    try (GeoLocator locator = new GeoLocator(database)) {
      GeoLocation location = locator.locate(LONDON_ADDRESS);

      assertThat(location).isEqualTo(LONDON);
      assertThat(location.isKnown()).isTrue();
    }
  }

  @Test
  void regionIsTheLargestSubdivision() throws IOException {
    Map<String, Object> record =
        new LinkedHashMap<>(
            cityRecord("GB", "United Kingdom", "ENG", "England", "Islington", 51.5, -0.1));
    record.put(
        "subdivisions",
        List.of(
            Map.of("iso_code", "ENG", "names", Map.of("en", "England")),
            Map.of("iso_code", "ISL", "names", Map.of("en", "Islington"))));
    MmdbWriter.city("GeoLite2-City").insert("81.2.69.0/24", record).write(database);

    try (GeoLocator locator = new GeoLocator(database)) {
      GeoLocation location = locator.locate(LONDON_ADDRESS);

      assertThat(location.regionCode()).isEqualTo("ENG");
      assertThat(location.regionName()).isEqualTo("England");
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      textBlock =
          """
          81.2.70.1
          8.8.8.8
          2001:219::1
          """)
  void addressMissingFromTheDatabaseIsUnknown(String address) throws IOException {
    writeStandardDatabase(database);

    try (GeoLocator locator = new GeoLocator(database)) {
      GeoLocation location = locator.locate(InetAddress.ofLiteral(address));

      assertThat(location).isEqualTo(GeoLocation.unknown());
      assertThat(location.isKnown()).isFalse();
    }
  }

  /** The database deliberately has records for these ranges, so only skipping them passes. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      textBlock =
          """
          127.0.0.1
          10.1.2.3
          172.16.5.4
          192.168.1.10
          169.254.1.1
          100.64.0.1
          0.0.0.0
          224.0.0.1
          ::1
          ::
          fd12:3456::1
          fe80::1
          ff02::1
          """)
  void privateAndLoopbackAddressesAreUnknown(String address) throws IOException {
    MmdbWriter writer = MmdbWriter.city("GeoLite2-City");
    Map<String, Object> trap = cityRecord("XX", "Nowhere", null, null, null, null, null);
    for (String network :
        List.of(
            "0.0.0.0/8",
            "10.0.0.0/8",
            "100.64.0.0/10",
            "127.0.0.0/8",
            "169.254.0.0/16",
            "172.16.0.0/12",
            "192.168.0.0/16",
            "224.0.0.0/4",
            "fc00::/7",
            "fe80::/10",
            "ff00::/8")) {
      writer.insert(network, trap);
    }
    writer.write(database);

    try (GeoLocator locator = new GeoLocator(database)) {
      assertThat(locator.locate(InetAddress.ofLiteral(address))).isEqualTo(GeoLocation.unknown());
    }
  }

  @Test
  void withoutDatabaseEveryAddressIsUnknownAndOneWarningIsLogged() {
    try (GeoLocator locator = new GeoLocator(null, FAST_RELOAD_CHECK)) {
      for (int i = 0; i < 5; i++) {
        assertThat(locator.locate(LONDON_ADDRESS)).isEqualTo(GeoLocation.unknown());
        assertThat(locator.locate(InetAddress.ofLiteral("2001:218::1")))
            .isEqualTo(GeoLocation.unknown());
      }
    }

    assertThat(events())
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.getLevel()).isEqualTo(Level.WARN);
              assertThat(event.getFormattedMessage())
                  .contains("No GeoIP database configured", "'unknown'")
                  .contains("GeoLite2-City", "geoipupdate");
            });
  }

  @Test
  void missingDatabaseFileIsUnknownAndWarnedAboutOnceWithItsPath() throws Exception {
    try (GeoLocator locator = new GeoLocator(database, FAST_RELOAD_CHECK)) {
      long until = System.nanoTime() + FAST_RELOAD_CHECK.multipliedBy(5).toNanos();
      while (System.nanoTime() < until) {
        assertThat(locator.locate(LONDON_ADDRESS)).isEqualTo(GeoLocation.unknown());
        Thread.sleep(5);
      }
    }

    assertThat(events())
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.getLevel()).isEqualTo(Level.WARN);
              assertThat(event.getFormattedMessage())
                  .contains("No GeoIP database found at " + database)
                  .contains("GeoLite2-City", "geoipupdate");
            });
  }

  @Test
  void databaseThatAppearsAfterStartupIsUsed() throws Exception {
    try (GeoLocator locator = new GeoLocator(database, FAST_RELOAD_CHECK)) {
      assertThat(locator.locate(LONDON_ADDRESS)).isEqualTo(GeoLocation.unknown());

      replaceDatabase(standardDatabase());

      awaitTrue(() -> LONDON.equals(locator.locate(LONDON_ADDRESS)));
    }
  }

  @Test
  void replacedDatabaseFileIsReloaded() throws Exception {
    writeStandardDatabase(database);
    try (GeoLocator locator = new GeoLocator(database, FAST_RELOAD_CHECK)) {
      assertThat(locator.locate(LONDON_ADDRESS)).isEqualTo(LONDON);

      replaceDatabase(parisDatabase());

      awaitTrue(() -> PARIS.equals(locator.locate(LONDON_ADDRESS)));
      assertThat(locator.locate(InetAddress.ofLiteral("2001:218::1")))
          .as("networks only in the old file are gone")
          .isEqualTo(GeoLocation.unknown());
    }
  }

  @Test
  void replacementIsNotNoticedBeforeTheCheckInterval() throws Exception {
    writeStandardDatabase(database);
    try (GeoLocator locator = new GeoLocator(database, Duration.ofHours(1))) {
      assertThat(locator.locate(LONDON_ADDRESS)).isEqualTo(LONDON);

      replaceDatabase(parisDatabase());

      assertThat(locator.locate(LONDON_ADDRESS)).isEqualTo(LONDON);
    }
  }

  enum Corruption {
    GARBAGE,
    EMPTY,
    TRUNCATED,
    NOT_A_CITY_DATABASE
  }

  @ParameterizedTest
  @EnumSource(Corruption.class)
  void corruptReplacementKeepsServingTheOldDatabaseAndLogsOneError(Corruption corruption)
      throws Exception {
    writeStandardDatabase(database);
    try (GeoLocator locator = new GeoLocator(database, FAST_RELOAD_CHECK)) {
      assertThat(locator.locate(LONDON_ADDRESS)).isEqualTo(LONDON);

      replaceDatabase(corrupt(corruption));
      awaitTrue(
          () -> {
            assertThat(locator.locate(LONDON_ADDRESS)).isEqualTo(LONDON);
            return !events(Level.ERROR).isEmpty();
          });
      // Give the locator several more checks in which it could wrongly report again.
      long until = System.nanoTime() + FAST_RELOAD_CHECK.multipliedBy(5).toNanos();
      while (System.nanoTime() < until) {
        assertThat(locator.locate(LONDON_ADDRESS)).isEqualTo(LONDON);
        Thread.sleep(5);
      }

      assertThat(events(Level.ERROR))
          .singleElement()
          .satisfies(
              event ->
                  assertThat(event.getFormattedMessage())
                      .contains(database.toString(), "keeping the previously loaded"));

      replaceDatabase(parisDatabase());
      awaitTrue(() -> PARIS.equals(locator.locate(LONDON_ADDRESS)));
    }
  }

  @Test
  void corruptDatabaseAtStartupIsUnknownUntilReplaced() throws Exception {
    Files.write(database, corrupt(Corruption.GARBAGE));
    try (GeoLocator locator = new GeoLocator(database, FAST_RELOAD_CHECK)) {
      assertThat(locator.locate(LONDON_ADDRESS)).isEqualTo(GeoLocation.unknown());
      assertThat(events(Level.ERROR))
          .singleElement()
          .satisfies(
              event -> assertThat(event.getFormattedMessage()).contains("will be 'unknown'"));

      replaceDatabase(standardDatabase());

      awaitTrue(() -> LONDON.equals(locator.locate(LONDON_ADDRESS)));
    }
  }

  @Test
  void failingLookupIsUnknownAndLoggedOnceWithoutTheAddress() throws Exception {
    // A country that is not a map cannot be read into a city response.
    MmdbWriter.city("GeoLite2-City")
        .insert("81.2.69.0/24", Map.of("country", "not a map"))
        .write(database);

    try (GeoLocator locator = new GeoLocator(database, FAST_RELOAD_CHECK)) {
      for (int i = 0; i < 5; i++) {
        assertThat(locator.locate(LONDON_ADDRESS)).isEqualTo(GeoLocation.unknown());
      }
    }

    assertThat(events(Level.ERROR)).hasSize(1);
    for (ILoggingEvent event : events()) {
      String logged =
          event.getFormattedMessage()
              + (event.getThrowableProxy() == null
                  ? ""
                  : ThrowableProxyUtil.asString(event.getThrowableProxy()))
              + Arrays.toString(event.getArgumentArray());
      assertThat(logged).doesNotContain("81.2.69.142").doesNotContain("5102:458e");
    }
  }

  @Test
  void concurrentLookupsDuringReloadsNeverFail() throws Exception {
    writeStandardDatabase(database);
    byte[] london = standardDatabase();
    byte[] paris = parisDatabase();
    Set<GeoLocation> seen = ConcurrentHashMap.newKeySet();
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    AtomicBoolean stop = new AtomicBoolean();

    try (GeoLocator locator = new GeoLocator(database, Duration.ofMillis(1))) {
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        threads.add(
            Thread.ofPlatform()
                .start(
                    () -> {
                      try {
                        while (!stop.get()) {
                          seen.add(locator.locate(LONDON_ADDRESS));
                        }
                      } catch (Throwable t) {
                        failures.add(t);
                      }
                    }));
      }
      for (int round = 0; round < 10; round++) {
        boolean toParis = round % 2 == 0;
        replaceDatabase(toParis ? paris : london);
        GeoLocation expected = toParis ? PARIS : LONDON;
        awaitTrue(() -> expected.equals(locator.locate(LONDON_ADDRESS)));
      }
      stop.set(true);
      for (Thread thread : threads) {
        thread.join(PATIENCE.toMillis());
      }
    }

    assertThat(failures).isEmpty();
    assertThat(seen).containsExactlyInAnyOrder(LONDON, PARIS);
    assertThat(events(Level.ERROR)).isEmpty();
  }

  @Test
  void closedLocatorReturnsUnknown() throws IOException {
    writeStandardDatabase(database);
    GeoLocator locator = new GeoLocator(database);
    assertThat(locator.locate(LONDON_ADDRESS)).isEqualTo(LONDON);

    locator.close();

    assertThat(locator.locate(LONDON_ADDRESS)).isEqualTo(GeoLocation.unknown());
  }

  private static MmdbWriter standardWriter() {
    return MmdbWriter.city("GeoLite2-City")
        .insert(
            "81.2.69.0/24",
            cityRecord("GB", "United Kingdom", "ENG", "England", "London", 51.5142, -0.0931))
        .insert(
            "216.160.83.56/29",
            cityRecord("US", "United States", "WA", "Washington", "Milton", 47.2513, -122.3149))
        .insert("67.43.156.0/24", cityRecord("BT", "Bhutan", null, null, null, 27.5, 90.5))
        .insert(
            "2001:218::/32", cityRecord("JP", "Japan", "13", "Tokyo", "Tokyo", 35.6850, 139.7514));
  }

  private static void writeStandardDatabase(Path file) throws IOException {
    standardWriter().write(file);
  }

  private static byte[] standardDatabase() {
    return standardWriter().toBytes();
  }

  private static byte[] parisDatabase() {
    return MmdbWriter.city("GeoLite2-City")
        .insert(
            "81.2.69.0/24",
            cityRecord("FR", "France", "IDF", "Île-de-France", "Paris", 48.8566, 2.3522))
        .toBytes();
  }

  private static byte[] corrupt(Corruption corruption) {
    return switch (corruption) {
      case GARBAGE ->
          "this is not a MaxMind database\n".repeat(100).getBytes(StandardCharsets.UTF_8);
      case EMPTY -> new byte[0];
      case TRUNCATED -> {
        byte[] whole = parisDatabase();
        yield Arrays.copyOf(whole, whole.length / 2);
      }
      case NOT_A_CITY_DATABASE ->
          MmdbWriter.city("GeoLite2-ASN")
              .insert("81.2.69.0/24", Map.of("autonomous_system_number", 64_496L))
              .toBytes();
    };
  }

  /** Swaps in new content the way geoipupdate does: write aside, then rename over the original. */
  private void replaceDatabase(byte[] content) throws IOException {
    Path next = Files.createTempFile(dir, "next-", ".mmdb");
    Files.write(next, content);
    Files.move(next, database, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() - deadline)
          .as("waited %s for the condition", PATIENCE)
          .isNegative();
      Thread.sleep(5);
    }
  }

  private List<ILoggingEvent> events() {
    // AppenderBase appends under the appender's lock; copy under it too.
    synchronized (logs) {
      return List.copyOf(logs.list);
    }
  }

  private List<ILoggingEvent> events(Level level) {
    return events().stream().filter(event -> event.getLevel() == level).toList();
  }
}
