package io.linkscope.collector.testsupport;

import static io.linkscope.collector.testsupport.MmdbWriter.cityRecord;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.maxmind.db.CHMCache;
import com.maxmind.db.DatabaseRecord;
import com.maxmind.db.Metadata;
import com.maxmind.db.Reader;
import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.model.CityResponse;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MmdbWriterTest {

  private static final long BUILD_EPOCH = 1_767_225_600L;

  @TempDir static Path dir;

  private static DatabaseReader cities;
  private static Reader maps;

  @BeforeAll
  static void writeCityDatabase() throws IOException {
    Path file = dir.resolve("GeoLite2-City.mmdb");
    MmdbWriter.city("GeoLite2-City")
        .buildEpoch(BUILD_EPOCH)
        .insert(
            "81.2.69.0/24",
            cityRecord("GB", "United Kingdom", "ENG", "England", "London", 51.5142, -0.0931))
        .insert(
            "216.160.83.56/29",
            cityRecord("US", "United States", "WA", "Washington", "Milton", 47.2513, -122.3149))
        .insert(
            "89.160.20.112/28",
            cityRecord("SE", "Sweden", "E", "Östergötland County", "Linköping", 58.4167, 15.6167))
        .insert("67.43.156.0/24", cityRecord("BT", "Bhutan", null, null, null, 27.5, 90.5))
        .insert("1.0.0.0/8", cityRecord("AU", "Australia", null, null, null, null, null))
        .insert(
            "2001:218::/32", cityRecord("JP", "Japan", "13", "Tokyo", "Tokyo", 35.6850, 139.7514))
        .insert(
            "2a02:d3c0::/29",
            cityRecord("DE", "Germany", "BE", "Land Berlin", "Berlin", 52.5196, 13.4069))
        .insert(
            "2001:480:10::/48",
            cityRecord("US", "United States", "CA", "California", "San Diego", 32.7203, -117.1552))
        .write(file);
    cities = new DatabaseReader.Builder(file.toFile()).withCache(new CHMCache()).build();
    maps = new Reader(file.toFile());
  }

  @AfterAll
  static void closeReaders() throws IOException {
    cities.close();
    maps.close();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      textBlock =
          """
          # address,                                country, country name,   region, region name,         city,      latitude, longitude
          81.2.69.0,                                GB,      United Kingdom, ENG,    England,             London,    51.5142,  -0.0931
          81.2.69.142,                              GB,      United Kingdom, ENG,    England,             London,    51.5142,  -0.0931
          81.2.69.255,                              GB,      United Kingdom, ENG,    England,             London,    51.5142,  -0.0931
          ::5102:458e,                              GB,      United Kingdom, ENG,    England,             London,    51.5142,  -0.0931
          ::ffff:81.2.69.142,                       GB,      United Kingdom, ENG,    England,             London,    51.5142,  -0.0931
          216.160.83.56,                            US,      United States,  WA,     Washington,          Milton,    47.2513,  -122.3149
          216.160.83.63,                            US,      United States,  WA,     Washington,          Milton,    47.2513,  -122.3149
          89.160.20.112,                            SE,      Sweden,         E,      Östergötland County, Linköping, 58.4167,  15.6167
          89.160.20.127,                            SE,      Sweden,         E,      Östergötland County, Linköping, 58.4167,  15.6167
          67.43.156.1,                              BT,      Bhutan,         ,       ,                    ,          27.5,     90.5
          1.2.3.4,                                  AU,      Australia,      ,       ,                    ,          ,
          2001:218::,                               JP,      Japan,          13,     Tokyo,               Tokyo,     35.6850,  139.7514
          2001:218:ffff:ffff:ffff:ffff:ffff:ffff,   JP,      Japan,          13,     Tokyo,               Tokyo,     35.6850,  139.7514
          2a02:d3c0::1,                             DE,      Germany,        BE,     Land Berlin,         Berlin,    52.5196,  13.4069
          2a02:d3c7:ffff:ffff:ffff:ffff:ffff:ffff,  DE,      Germany,        BE,     Land Berlin,         Berlin,    52.5196,  13.4069
          2001:480:10:ffff::1,                      US,      United States,  CA,     California,          San Diego, 32.7203,  -117.1552
          """)
  void citiesOfEveryNetworkAreReadBackByTheGeoIp2DatabaseReader(
      String address,
      String countryCode,
      String countryName,
      String regionCode,
      String regionName,
      String city,
      Double latitude,
      Double longitude)
      throws Exception {
    CityResponse response = cities.tryCity(InetAddress.ofLiteral(address)).orElseThrow();

    assertThat(response.country().isoCode()).isEqualTo(countryCode);
    assertThat(response.country().name()).isEqualTo(countryName);
    assertThat(response.registeredCountry().isoCode()).isEqualTo(countryCode);
    assertThat(response.city().name()).isEqualTo(city);
    assertThat(response.location().latitude()).isEqualTo(latitude);
    assertThat(response.location().longitude()).isEqualTo(longitude);
    if (regionCode == null) {
      assertThat(response.subdivisions()).isEmpty();
    } else {
      assertThat(response.subdivisions())
          .singleElement()
          .satisfies(
              subdivision -> {
                assertThat(subdivision.isoCode()).isEqualTo(regionCode);
                assertThat(subdivision.name()).isEqualTo(regionName);
              });
    }
  }

  @Test
  void cityRecordsCarryContinentAndGeonameIdsLikeGeoLite2() throws Exception {
    CityResponse response = cities.city(InetAddress.ofLiteral("81.2.69.142"));

    assertThat(response.continent().code()).isEqualTo("EU");
    assertThat(response.continent().name()).isEqualTo("Europe");
    assertThat(response.country().geonameId()).isPositive();
    assertThat(response.city().geonameId()).isPositive();
    assertThat(response.location().accuracyRadius()).isEqualTo(50);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      textBlock =
          """
          81.2.68.255
          81.2.70.0
          216.160.83.55
          216.160.83.64
          89.160.20.111
          89.160.20.128
          67.43.155.255
          67.43.157.0
          0.255.255.255
          2.0.0.0
          2001:217:ffff:ffff:ffff:ffff:ffff:ffff
          2001:219::
          2a02:d3bf:ffff:ffff:ffff:ffff:ffff:ffff
          2a02:d3c8::
          2001:480:f:ffff:ffff:ffff:ffff:ffff
          2001:480:11::
          ::
          ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff
          """)
  void addressesJustOutsideEachNetworkAreNotFound(String address) throws Exception {
    InetAddress outside = InetAddress.ofLiteral(address);

    assertThat(cities.tryCity(outside)).isEmpty();
    assertThat(lookup(maps, address)).isNull();
  }

  @ParameterizedTest(name = "{0} is in {1}/{2}")
  @CsvSource(
      textBlock =
          """
          81.2.69.142,      81.2.69.0,      24
          216.160.83.60,    216.160.83.56,  29
          89.160.20.120,    89.160.20.112,  28
          1.200.3.4,        1.0.0.0,        8
          2001:218::abcd,   2001:218::,     32
          2a02:d3c5::1,     2a02:d3c0::,    29
          2001:480:10::1,   2001:480:10::,  48
          """)
  void readerReportsTheInsertedNetworkForEachAddress(
      String address, String networkAddress, int prefixLength) throws Exception {
    DatabaseRecord<?> found = maps.getRecord(InetAddress.ofLiteral(address), Map.class);

    assertThat(found.data()).isNotNull();
    assertThat(found.network().networkAddress()).isEqualTo(InetAddress.ofLiteral(networkAddress));
    assertThat(found.network().prefixLength()).isEqualTo(prefixLength);
  }

  @Test
  void metadataDescribesTheDatabase() {
    Metadata metadata = maps.getMetadata();

    assertThat(metadata.binaryFormatMajorVersion()).isEqualTo(2);
    assertThat(metadata.binaryFormatMinorVersion()).isZero();
    assertThat(metadata.databaseType()).isEqualTo("GeoLite2-City");
    assertThat(metadata.ipVersion()).isEqualTo(6);
    assertThat(metadata.recordSize()).isEqualTo(24);
    assertThat(metadata.languages()).containsExactly("en");
    assertThat(metadata.description()).containsEntry("en", "GeoLite2-City test database");
    assertThat(metadata.buildEpoch()).isEqualTo(BigInteger.valueOf(BUILD_EPOCH));
    // One node per prefix bit: IPv4 networks sit 96 bits deep, so the tree is far from empty.
    assertThat(metadata.nodeCount()).isGreaterThan(96 + 24);
  }

  @Test
  void everyValueTypeRoundTripsThroughTheMaxMindReader() throws Exception {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("string", "Zürich ☃");
    data.put("empty string", "");
    data.put("double", -0.0931);
    data.put("float", 1.5f);
    data.put("true", true);
    data.put("false", false);
    data.put("bytes", new byte[] {0, 1, (byte) 0xFF});
    data.put("int32 zero", 0);
    data.put("int32 positive", 70_000);
    data.put("int32 negative", -2);
    data.put("int32 min", Integer.MIN_VALUE);
    data.put("uint16", MmdbWriter.uint16(65_535));
    data.put("uint16 zero", MmdbWriter.uint16(0));
    data.put("uint32", MmdbWriter.uint32(4_294_967_295L));
    data.put("long as uint32", 300L);
    data.put("uint64", MmdbWriter.uint64(new BigInteger("18446744073709551615")));
    data.put("uint128", MmdbWriter.uint128(BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE)));
    data.put("big integer as uint128", BigInteger.valueOf(42));
    data.put("map", Map.of("nested", Map.of("deeper", "value")));
    data.put("empty map", Map.of());
    data.put("array", List.of("a", 1, List.of(true)));
    data.put("empty array", List.of());
    Path file = dir.resolve("types.mmdb");
    MmdbWriter.city("Test-Types").insert("192.0.2.0/24", data).write(file);

    Map<?, ?> read;
    try (Reader reader = new Reader(file.toFile())) {
      read = lookup(reader, "192.0.2.1");
    }

    assertThat(read.get("bytes")).isEqualTo(new byte[] {0, 1, (byte) 0xFF});
    Map<Object, Object> withoutBytes = new HashMap<>(read);
    withoutBytes.remove("bytes");
    assertThat(withoutBytes)
        .containsExactlyInAnyOrderEntriesOf(
            Map.ofEntries(
                Map.entry("string", "Zürich ☃"),
                Map.entry("empty string", ""),
                Map.entry("double", -0.0931),
                Map.entry("float", 1.5f),
                Map.entry("true", true),
                Map.entry("false", false),
                Map.entry("int32 zero", 0),
                Map.entry("int32 positive", 70_000),
                Map.entry("int32 negative", -2),
                Map.entry("int32 min", Integer.MIN_VALUE),
                Map.entry("uint16", 65_535),
                Map.entry("uint16 zero", 0),
                Map.entry("uint32", 4_294_967_295L),
                Map.entry("long as uint32", 300L),
                Map.entry("uint64", new BigInteger("18446744073709551615")),
                Map.entry("uint128", BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE)),
                Map.entry("big integer as uint128", BigInteger.valueOf(42)),
                Map.entry("map", Map.of("nested", Map.of("deeper", "value"))),
                Map.entry("empty map", Map.of()),
                Map.entry("array", List.of("a", 1, List.of(true))),
                Map.entry("empty array", List.of())));
  }

  /** Sizes at each boundary of the control byte's one, two and three extra size bytes. */
  @ParameterizedTest(name = "size {0}")
  @ValueSource(ints = {28, 29, 284, 285, 65_820, 65_821, 70_000})
  void valuesOfEverySizeEncodingRoundTrip(int size) throws Exception {
    String string = "x".repeat(size);
    byte[] bytes = new byte[size];
    Arrays.fill(bytes, (byte) 7);
    List<Integer> array = IntStream.range(0, size).boxed().toList();
    Map<String, Object> map = new LinkedHashMap<>();
    IntStream.range(0, Math.min(size, 300)).forEach(i -> map.put("key" + i, i));
    Path file = dir.resolve("sizes-" + size + ".mmdb");
    MmdbWriter.city("Test-Sizes")
        .insert(
            "192.0.2.0/24", Map.of("string", string, "bytes", bytes, "array", array, "map", map))
        .write(file);

    Map<?, ?> read;
    try (Reader reader = new Reader(file.toFile())) {
      read = lookup(reader, "192.0.2.1");
    }

    assertThat(read.get("string")).isEqualTo(string);
    assertThat(read.get("bytes")).isEqualTo(bytes);
    assertThat(read.get("array")).isEqualTo(array);
    assertThat(read.get("map")).isEqualTo(map);
  }

  @Test
  void repeatedStringsAreReadThroughPointersOfEveryWidth() throws Exception {
    // The padding pushes each shared string past the 2 KiB and 512 KiB pointer width thresholds.
    Path file = dir.resolve("pointers.mmdb");
    MmdbWriter.city("Test-Pointers")
        .insert("192.0.2.0/26", ordered("near", "string near the start", "pad", new byte[3_000]))
        .insert("192.0.2.64/26", ordered("middle", "string after 3 KB", "pad", new byte[600_000]))
        .insert("192.0.2.128/26", ordered("far", "string after 600 KB"))
        .insert(
            "192.0.2.192/26",
            ordered(
                "near", "string near the start",
                "middle", "string after 3 KB",
                "far", "string after 600 KB"))
        .write(file);

    Map<?, ?> read;
    try (Reader reader = new Reader(file.toFile())) {
      read = lookup(reader, "192.0.2.200");
    }

    assertThat(read)
        .isEqualTo(
            Map.of(
                "near", "string near the start",
                "middle", "string after 3 KB",
                "far", "string after 600 KB"));
    String fileText = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    assertThat(fileText.split("string after 600 KB", -1))
        .as("the repeated string is stored once")
        .hasSize(2);
  }

  @ParameterizedTest(name = "wider network inserted first: {0}")
  @ValueSource(booleans = {true, false})
  void moreSpecificNetworkWinsOverAnOverlappingWiderOne(boolean widerFirst) throws Exception {
    MmdbWriter writer = MmdbWriter.city("Test-Overlap");
    Map<String, ?> wider = Map.of("network", "wider");
    Map<String, ?> narrower = Map.of("network", "narrower");
    if (widerFirst) {
      writer.insert("10.0.0.0/8", wider).insert("10.1.2.0/24", narrower);
    } else {
      writer.insert("10.1.2.0/24", narrower).insert("10.0.0.0/8", wider);
    }
    Path file = dir.resolve("overlap-" + widerFirst + ".mmdb");
    writer.write(file);

    try (Reader reader = new Reader(file.toFile())) {
      assertThat(lookup(reader, "10.1.2.3")).isEqualTo(narrower);
      assertThat(lookup(reader, "10.1.1.255")).isEqualTo(wider);
      assertThat(lookup(reader, "10.1.3.0")).isEqualTo(wider);
      assertThat(lookup(reader, "10.0.0.0")).isEqualTo(wider);
      assertThat(lookup(reader, "10.255.255.255")).isEqualTo(wider);
      assertThat(lookup(reader, "11.0.0.0")).isNull();
    }
  }

  @Test
  void defaultRouteCoversEveryAddress() throws Exception {
    Path file = dir.resolve("everything.mmdb");
    MmdbWriter.city("Test-Everything").insert("::/0", Map.of("all", true)).write(file);

    try (Reader reader = new Reader(file.toFile())) {
      assertThat(lookup(reader, "203.0.113.9")).isEqualTo(Map.of("all", true));
      assertThat(lookup(reader, "ffff::1")).isEqualTo(Map.of("all", true));
    }
  }

  @Test
  void emptyDatabaseFindsNothing() throws Exception {
    Path file = dir.resolve("empty.mmdb");
    MmdbWriter.city("GeoLite2-City").write(file);

    try (DatabaseReader reader = new DatabaseReader.Builder(file.toFile()).build()) {
      assertThat(reader.tryCity(InetAddress.ofLiteral("81.2.69.142"))).isEmpty();
      assertThat(reader.tryCity(InetAddress.ofLiteral("2001:218::1"))).isEmpty();
      assertThat(reader.metadata().nodeCount()).isEqualTo(1);
    }
  }

  @ParameterizedTest(name = "{0} bits")
  @ValueSource(ints = {24, 28, 32})
  void everyRecordSizeIsReadable(int recordSize) throws Exception {
    Path file = dir.resolve("record-size-" + recordSize + ".mmdb");
    MmdbWriter.city("GeoLite2-City")
        .recordSize(recordSize)
        .insert(
            "81.2.69.0/24",
            cityRecord("GB", "United Kingdom", "ENG", "England", "London", 1.0, 2.0))
        .insert("2001:218::/32", cityRecord("JP", "Japan", "13", "Tokyo", "Tokyo", 3.0, 4.0))
        .write(file);

    try (DatabaseReader reader = new DatabaseReader.Builder(file.toFile()).build()) {
      assertThat(reader.metadata().recordSize()).isEqualTo(recordSize);
      assertThat(reader.city(InetAddress.ofLiteral("81.2.69.1")).city().name()).isEqualTo("London");
      assertThat(reader.city(InetAddress.ofLiteral("2001:218::1")).city().name())
          .isEqualTo("Tokyo");
      assertThat(reader.tryCity(InetAddress.ofLiteral("81.2.70.1"))).isEmpty();
    }
  }

  /**
   * Records written after 18 MB of data exceed 24 bits. Each /24 below gets one half stored before
   * the padding and one after, so sibling records differ in their top bits: that pins down which
   * nibble of a 28-bit node belongs to which record, and covers the full width of 32-bit ones.
   */
  @ParameterizedTest(name = "{0} bits (0 = chosen by the writer)")
  @ValueSource(ints = {0, 28, 32})
  void recordValuesBeyond24BitsAreReadable(int recordSize) throws Exception {
    MmdbWriter writer = MmdbWriter.city("Test-Large");
    if (recordSize != 0) {
      writer.recordSize(recordSize);
    }
    writer
        .insert("192.0.2.128/25", Map.of("half", "right, small record"))
        .insert("198.51.100.0/25", Map.of("half", "left, small record"))
        .insert("203.0.113.0/24", Map.of("pad", new byte[9 << 20]))
        .insert("203.0.114.0/24", Map.of("pad", new byte[9 << 20]))
        .insert("192.0.2.0/25", Map.of("half", "left, large record"))
        .insert("198.51.100.128/25", Map.of("half", "right, large record"));
    Path file = dir.resolve("large-" + recordSize + ".mmdb");
    writer.write(file);

    try (Reader reader = new Reader(file.toFile())) {
      assertThat(reader.getMetadata().recordSize()).isEqualTo(recordSize == 0 ? 28 : recordSize);
      assertThat(lookup(reader, "192.0.2.1")).isEqualTo(Map.of("half", "left, large record"));
      assertThat(lookup(reader, "192.0.2.129")).isEqualTo(Map.of("half", "right, small record"));
      assertThat(lookup(reader, "198.51.100.1")).isEqualTo(Map.of("half", "left, small record"));
      assertThat(lookup(reader, "198.51.100.129")).isEqualTo(Map.of("half", "right, large record"));
      assertThat(lookup(reader, "192.0.3.1")).isNull();
    }
  }

  @Test
  void recordSizeTooSmallForTheDataIsRejected() {
    MmdbWriter writer =
        MmdbWriter.city("Test-Large")
            .recordSize(24)
            .insert("198.51.100.0/24", Map.of("pad", new byte[9 << 20]))
            .insert("203.0.113.0/24", Map.of("pad", new byte[9 << 20]))
            .insert("192.0.2.0/24", Map.of("after", "pad"));

    assertThatThrownBy(writer::toBytes).isInstanceOf(IllegalStateException.class);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "81.2.69.1/24",
        "81.2.69.0",
        "81.2.69.0/33",
        "81.2.69.0/-1",
        "81.2.69/24",
        "2001:db8::/129",
        "2001:db8::1/64",
        "localhost/8",
        "81.2.69.0/twenty"
      })
  void malformedNetworksAreRejected(String cidr) {
    MmdbWriter writer = MmdbWriter.city("GeoLite2-City");

    assertThatThrownBy(() -> writer.insert(cidr, Map.of("a", "b")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void insertingTheSameNetworkTwiceIsRejected() {
    MmdbWriter writer = MmdbWriter.city("GeoLite2-City").insert("81.2.69.0/24", Map.of("a", "b"));

    assertThatThrownBy(() -> writer.insert("81.2.69.0/24", Map.of("a", "c")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already inserted");
  }

  @Test
  void valuesWithoutAMaxMindTypeAreRejectedAtInsert() {
    MmdbWriter writer = MmdbWriter.city("GeoLite2-City");
    Map<String, Object> withNull = new HashMap<>();
    withNull.put("missing", null);
    List<Object> listWithObject = new ArrayList<>();
    listWithObject.add(new Object());

    assertThatThrownBy(() -> writer.insert("81.2.69.0/24", withNull))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> writer.insert("81.2.69.0/24", Map.of("list", listWithObject)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> writer.insert("81.2.69.0/24", Map.of("short", (short) 1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> writer.insert("81.2.69.0/24", Map.of("negative", -1L)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** A map that keeps insertion order, so values land in the data section in a known order. */
  private static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  private static Map<?, ?> lookup(Reader reader, String address) throws IOException {
    return reader.get(InetAddress.ofLiteral(address), Map.class);
  }
}
