package io.linkscope.collector.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes small MaxMind DB ({@code .mmdb}) files so tests can run the real GeoIP readers against
 * data they control, without shipping MaxMind's databases.
 *
 * <p>Follows the public <a href="https://maxmind.github.io/MaxMind-DB/">MaxMind DB format 2.0</a>.
 * The tree is always an IPv6 tree (ip_version 6); IPv4 networks live in the {@code ::/96} subtree,
 * which is where readers look up IPv4 addresses. Unlike GeoLite2 there are no aliases at {@code
 * ::ffff:0:0/96} or {@code 2002::/16}.
 *
 * <p>Overlapping networks are allowed and the more specific one wins, whatever the insertion order;
 * inserting the same network twice is an error.
 *
 * <p>Java values map onto data-section types the way {@code com.maxmind.db.Reader} maps them back:
 * {@link String} to utf8_string, {@link Double} to double, {@link Float} to float, {@link Boolean}
 * to boolean, {@code byte[]} to bytes, {@link Integer} to int32, {@link Long} to uint32, {@link
 * BigInteger} to uint128, {@link Map} (string keys) to map and {@link List} to array. Use {@link
 * #uint16}, {@link #uint32}, {@link #uint64} and {@link #uint128} to choose an unsigned type
 * explicitly. Repeated strings are written once and referenced through pointers, as real databases
 * do for map keys.
 */
public final class MmdbWriter {

  private static final byte[] METADATA_MARKER = {
    (byte) 0xAB, (byte) 0xCD, (byte) 0xEF, 'M', 'a', 'x', 'M', 'i', 'n', 'd', '.', 'c', 'o', 'm'
  };
  private static final int DATA_SECTION_SEPARATOR_LENGTH = 16;

  private static final int TYPE_POINTER = 1;
  private static final int TYPE_UTF8_STRING = 2;
  private static final int TYPE_DOUBLE = 3;
  private static final int TYPE_BYTES = 4;
  private static final int TYPE_UINT16 = 5;
  private static final int TYPE_UINT32 = 6;
  private static final int TYPE_MAP = 7;
  private static final int TYPE_INT32 = 8;
  private static final int TYPE_UINT64 = 9;
  private static final int TYPE_UINT128 = 10;
  private static final int TYPE_ARRAY = 11;
  private static final int TYPE_BOOLEAN = 14;
  private static final int TYPE_FLOAT = 15;

  private static final int MAX_PAYLOAD_SIZE = 65_821 + (1 << 24) - 1;

  private static final Map<String, String> CONTINENT_BY_COUNTRY = continentsByCountry();
  private static final Map<String, String> CONTINENT_NAMES =
      Map.of(
          "AF", "Africa",
          "AN", "Antarctica",
          "AS", "Asia",
          "EU", "Europe",
          "NA", "North America",
          "OC", "Oceania",
          "SA", "South America");

  private final String databaseType;
  private final List<Network> networks = new ArrayList<>();
  private int recordSize; // 0 picks the smallest size that can hold every record value
  private long buildEpoch = 1_700_000_000L;

  private MmdbWriter(String databaseType) {
    this.databaseType = Objects.requireNonNull(databaseType, "databaseType");
  }

  /**
   * Starts an empty database of the given type. The GeoIP2 {@code DatabaseReader} only serves city
   * lookups from types containing "City" or "Enterprise", such as {@code GeoLite2-City}.
   */
  public static MmdbWriter city(String databaseType) {
    return new MmdbWriter(databaseType);
  }

  /**
   * Fixes the search tree record size (24, 28 or 32 bits) instead of picking the smallest that
   * fits.
   */
  public MmdbWriter recordSize(int bits) {
    if (bits != 24 && bits != 28 && bits != 32) {
      throw new IllegalArgumentException("record size must be 24, 28 or 32, not " + bits);
    }
    this.recordSize = bits;
    return this;
  }

  /** Sets the build time written to the metadata, in seconds since the epoch. */
  public MmdbWriter buildEpoch(long secondsSinceEpoch) {
    if (secondsSinceEpoch < 0) {
      throw new IllegalArgumentException("build epoch must not be negative");
    }
    this.buildEpoch = secondsSinceEpoch;
    return this;
  }

  /**
   * Adds a network such as {@code 81.2.69.0/24} or {@code 2a02:ff0::/32} with the record readers
   * return for every address in it.
   *
   * @throws IllegalArgumentException when the CIDR is malformed, has host bits set, was already
   *     inserted, or the data holds a value with no MaxMind DB type
   */
  public MmdbWriter insert(String cidr, Map<String, ?> data) {
    Network network = Network.parse(cidr);
    for (Network existing : networks) {
      if (existing.prefixLength == network.prefixLength
          && Arrays.equals(existing.address, network.address)) {
        throw new IllegalArgumentException("network " + cidr + " was already inserted");
      }
    }
    // Encode once up front so unsupported values fail here, next to the call that added them.
    new DataEncoder(false).write(data);
    networks.add(
        network.withData(Collections.unmodifiableMap(new LinkedHashMap<>(data)), networks.size()));
    return this;
  }

  /** Writes the database to {@code file}, replacing it if it exists. */
  public void write(Path file) throws IOException {
    Files.write(file, toBytes());
  }

  /** Returns the complete database file. */
  public byte[] toBytes() {
    DataEncoder data = new DataEncoder(true);
    long[] dataOffsets = new long[networks.size()];
    for (Network network : networks) {
      dataOffsets[network.insertionIndex] = data.size();
      data.write(network.data);
    }

    Node root = buildTree();
    List<Node> nodes = numberNodes(root);
    long nodeCount = nodes.size();
    long largestRecordValue = nodeCount + DATA_SECTION_SEPARATOR_LENGTH + data.size();
    int bits = recordSize != 0 ? recordSize : smallestRecordSize(largestRecordValue);
    if (largestRecordValue >= 1L << bits) {
      throw new IllegalStateException(
          "record size " + bits + " cannot address " + largestRecordValue);
    }

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Node node : nodes) {
      writeNode(
          out,
          bits,
          recordValue(node.children[0], nodeCount, dataOffsets),
          recordValue(node.children[1], nodeCount, dataOffsets));
    }
    out.writeBytes(new byte[DATA_SECTION_SEPARATOR_LENGTH]);
    out.writeBytes(data.toByteArray());
    out.writeBytes(METADATA_MARKER);
    // Pointers in metadata would be resolved against the metadata start, so never emit any there.
    DataEncoder metadata = new DataEncoder(false);
    metadata.write(metadata(nodeCount, bits));
    out.writeBytes(metadata.toByteArray());
    return out.toByteArray();
  }

  /**
   * Builds a record shaped like a GeoLite2-City entry. Region, city and coordinates may be null for
   * networks only known at country level. Geoname ids are synthetic but stable.
   */
  public static Map<String, Object> cityRecord(
      String countryCode,
      String countryName,
      String regionCode,
      String regionName,
      String city,
      Double latitude,
      Double longitude) {
    Objects.requireNonNull(countryCode, "countryCode");
    Objects.requireNonNull(countryName, "countryName");
    Map<String, Object> record = new LinkedHashMap<>();
    if (city != null) {
      record.put("city", Map.of("geoname_id", syntheticGeonameId(city), "names", english(city)));
    }
    String continent = CONTINENT_BY_COUNTRY.get(countryCode);
    if (continent != null) {
      record.put(
          "continent",
          Map.of(
              "code",
              continent,
              "geoname_id",
              syntheticGeonameId(continent),
              "names",
              english(CONTINENT_NAMES.get(continent))));
    }
    Map<String, Object> country =
        Map.of(
            "geoname_id",
            syntheticGeonameId(countryCode),
            "iso_code",
            countryCode,
            "names",
            english(countryName));
    record.put("country", country);
    if (latitude != null && longitude != null) {
      record.put(
          "location",
          Map.of("accuracy_radius", uint16(50), "latitude", latitude, "longitude", longitude));
    }
    record.put("registered_country", country);
    if (regionCode != null && regionName != null) {
      record.put(
          "subdivisions",
          List.of(
              Map.of(
                  "geoname_id",
                  syntheticGeonameId(countryCode + "-" + regionCode),
                  "iso_code",
                  regionCode,
                  "names",
                  english(regionName))));
    }
    return record;
  }

  /** A uint16 value, which readers return as {@link Integer}. */
  public static UnsignedInt uint16(int value) {
    return new UnsignedInt(16, BigInteger.valueOf(value));
  }

  /** A uint32 value, which readers return as {@link Long}. */
  public static UnsignedInt uint32(long value) {
    return new UnsignedInt(32, BigInteger.valueOf(value));
  }

  /** A uint64 value, which readers return as {@link BigInteger}. */
  public static UnsignedInt uint64(BigInteger value) {
    return new UnsignedInt(64, value);
  }

  /** A uint128 value, which readers return as {@link BigInteger}. */
  public static UnsignedInt uint128(BigInteger value) {
    return new UnsignedInt(128, value);
  }

  /**
   * An unsigned integer of an explicit MaxMind DB width.
   *
   * @param bits 16, 32, 64 or 128
   * @param value between 0 and 2^bits - 1
   */
  public record UnsignedInt(int bits, BigInteger value) {
    public UnsignedInt {
      if (bits != 16 && bits != 32 && bits != 64 && bits != 128) {
        throw new IllegalArgumentException("unsigned width must be 16, 32, 64 or 128: " + bits);
      }
      Objects.requireNonNull(value, "value");
      if (value.signum() < 0 || value.bitLength() > bits) {
        throw new IllegalArgumentException(value + " does not fit in uint" + bits);
      }
    }
  }

  private Map<String, Object> metadata(long nodeCount, int bits) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("binary_format_major_version", uint16(2));
    metadata.put("binary_format_minor_version", uint16(0));
    metadata.put("build_epoch", uint64(BigInteger.valueOf(buildEpoch)));
    metadata.put("database_type", databaseType);
    metadata.put("description", Map.of("en", databaseType + " test database"));
    metadata.put("ip_version", uint16(6));
    metadata.put("languages", List.of("en"));
    metadata.put("node_count", uint32(nodeCount));
    metadata.put("record_size", uint16(bits));
    return metadata;
  }

  private Node buildTree() {
    Node root = new Node();
    // Inserting shorter prefixes first lets longer ones split them, so more specific always wins.
    List<Network> byPrefix = new ArrayList<>(networks);
    byPrefix.sort(Comparator.comparingInt(n -> n.prefixLength));
    for (Network network : byPrefix) {
      Leaf leaf = new Leaf(network.insertionIndex);
      if (network.prefixLength == 0) {
        root.children[0] = leaf;
        root.children[1] = leaf;
        continue;
      }
      Node node = root;
      for (int depth = 0; depth < network.prefixLength - 1; depth++) {
        int bit = network.bit(depth);
        Object child = node.children[bit];
        if (child instanceof Node next) {
          node = next;
        } else {
          Node next = new Node();
          if (child instanceof Leaf wider) {
            next.children[0] = wider;
            next.children[1] = wider;
          }
          node.children[bit] = next;
          node = next;
        }
      }
      node.children[network.bit(network.prefixLength - 1)] = leaf;
    }
    return root;
  }

  /** Numbers nodes breadth first; the root must be node 0. */
  private static List<Node> numberNodes(Node root) {
    List<Node> nodes = new ArrayList<>();
    ArrayDeque<Node> queue = new ArrayDeque<>();
    queue.add(root);
    while (!queue.isEmpty()) {
      Node node = queue.remove();
      node.number = nodes.size();
      nodes.add(node);
      for (Object child : node.children) {
        if (child instanceof Node next) {
          queue.add(next);
        }
      }
    }
    return nodes;
  }

  private static long recordValue(Object child, long nodeCount, long[] dataOffsets) {
    return switch (child) {
      case null -> nodeCount;
      case Node node -> node.number;
      case Leaf leaf -> nodeCount + DATA_SECTION_SEPARATOR_LENGTH + dataOffsets[leaf.networkIndex];
      default -> throw new IllegalStateException("unexpected tree child " + child);
    };
  }

  private static int smallestRecordSize(long largestRecordValue) {
    if (largestRecordValue < 1L << 24) {
      return 24;
    }
    return largestRecordValue < 1L << 28 ? 28 : 32;
  }

  private static void writeNode(ByteArrayOutputStream out, int bits, long left, long right) {
    switch (bits) {
      case 24 -> {
        writeBigEndian(out, left, 3);
        writeBigEndian(out, right, 3);
      }
      case 28 -> {
        // The middle byte carries the top nibble of each record: left's high, right's low.
        writeBigEndian(out, left & 0xFF_FFFF, 3);
        out.write((int) (((left >>> 24) & 0x0F) << 4 | ((right >>> 24) & 0x0F)));
        writeBigEndian(out, right & 0xFF_FFFF, 3);
      }
      case 32 -> {
        writeBigEndian(out, left, 4);
        writeBigEndian(out, right, 4);
      }
      default -> throw new IllegalStateException("record size " + bits);
    }
  }

  private static void writeBigEndian(ByteArrayOutputStream out, long value, int bytes) {
    for (int i = bytes - 1; i >= 0; i--) {
      out.write((int) (value >>> (8 * i)));
    }
  }

  private static Map<String, Object> english(String name) {
    return Map.of("en", name);
  }

  private static UnsignedInt syntheticGeonameId(String key) {
    return uint32(Integer.toUnsignedLong(key.hashCode()) % 10_000_000L + 1);
  }

  private static Map<String, String> continentsByCountry() {
    Map<String, String> continents = new HashMap<>();
    Map.of(
            "AF",
            "AO BF BI BJ BW CD CF CG CI CM CV DJ DZ EG EH ER ET GA GH GM GN GQ GW KE KM LR LS LY MA"
                + " MG ML MR MU MW MZ NA NE NG RE RW SC SD SH SL SN SO SS ST SZ TD TG TN TZ UG YT"
                + " ZA ZM ZW",
            "AN",
            "AQ BV GS HM TF",
            "AS",
            "AE AF AM AZ BD BH BN BT CC CN CX GE HK ID IL IN IO IQ IR JO JP KG KH KP KR KW KZ LA LB"
                + " LK MM MN MO MV MY NP OM PH PK PS QA SA SG SY TH TJ TM TR TW UZ VN YE",
            "EU",
            "AD AL AT AX BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GB GG GI GR HR HU IE IM IS IT JE"
                + " LI LT LU LV MC MD ME MK MT NL NO PL PT RO RS RU SE SI SJ SK SM UA VA XK",
            "NA",
            "AG AI AW BB BL BM BQ BS BZ CA CR CU CW DM DO GD GL GP GT HN HT JM KN KY LC MF MQ MS MX"
                + " NI PA PM PR SV SX TC TT US VC VG VI",
            "OC",
            "AS AU CK FJ FM GU KI MH MP NC NF NR NU NZ PF PG PN PW SB TK TL TO TV UM VU WF WS",
            "SA",
            "AR BO BR CL CO EC FK GF GY PE PY SR UY VE")
        .forEach(
            (continent, countries) -> {
              for (String country : countries.split(" ")) {
                continents.put(country, continent);
              }
            });
    return Map.copyOf(continents);
  }

  /** A network as a 128-bit address in the IPv6 tree, with the record stored for it. */
  private record Network(
      byte[] address, int prefixLength, Map<String, ?> data, int insertionIndex) {

    static Network parse(String cidr) {
      Objects.requireNonNull(cidr, "cidr");
      int slash = cidr.indexOf('/');
      if (slash < 0) {
        throw new IllegalArgumentException("not a CIDR network: " + cidr);
      }
      InetAddress address;
      int prefix;
      try {
        address = InetAddress.ofLiteral(cidr.substring(0, slash));
        prefix = Integer.parseInt(cidr.substring(slash + 1));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("not a CIDR network: " + cidr, e);
      }
      byte[] bytes = address.getAddress();
      int maxPrefix = bytes.length * 8;
      if (prefix < 0 || prefix > maxPrefix) {
        throw new IllegalArgumentException("prefix length out of range: " + cidr);
      }
      byte[] address128 = new byte[16];
      System.arraycopy(bytes, 0, address128, 16 - bytes.length, bytes.length);
      int prefix128 = address instanceof Inet4Address ? prefix + 96 : prefix;
      Network network = new Network(address128, prefix128, Map.of(), -1);
      for (int bit = prefix128; bit < 128; bit++) {
        if (network.bit(bit) != 0) {
          throw new IllegalArgumentException("host bits set in " + cidr);
        }
      }
      return network;
    }

    Network withData(Map<String, ?> newData, int index) {
      return new Network(address, prefixLength, newData, index);
    }

    int bit(int index) {
      return (address[index / 8] >>> (7 - index % 8)) & 1;
    }
  }

  private static final class Node {
    final Object[] children = new Object[2]; // null (no data), Node or Leaf
    int number;
  }

  private record Leaf(int networkIndex) {}

  /** Encodes values in the data-section format, optionally sharing repeated strings. */
  private static final class DataEncoder {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Map<String, Integer> stringOffsets;

    DataEncoder(boolean sharesStrings) {
      this.stringOffsets = sharesStrings ? new HashMap<>() : null;
    }

    int size() {
      return out.size();
    }

    byte[] toByteArray() {
      return out.toByteArray();
    }

    void write(Object value) {
      switch (value) {
        case null -> throw new IllegalArgumentException("MaxMind DB has no null value");
        case String string -> writeString(string);
        case Double number -> {
          writeControl(TYPE_DOUBLE, 8);
          writeFixed(Double.doubleToLongBits(number), 8);
        }
        case Float number -> {
          writeControl(TYPE_FLOAT, 4);
          writeFixed(Float.floatToIntBits(number), 4);
        }
        case Boolean flag -> writeControl(TYPE_BOOLEAN, flag ? 1 : 0);
        case byte[] bytes -> {
          writeControl(TYPE_BYTES, bytes.length);
          out.writeBytes(bytes);
        }
        case Integer number -> writeInt32(number);
        case Long number -> writeUnsigned(uint32(number));
        case BigInteger number -> writeUnsigned(uint128(number));
        case UnsignedInt number -> writeUnsigned(number);
        case Map<?, ?> map -> {
          writeControl(TYPE_MAP, map.size());
          for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
              throw new IllegalArgumentException("map keys must be strings: " + entry.getKey());
            }
            writeString(key);
            write(entry.getValue());
          }
        }
        case List<?> list -> {
          writeControl(TYPE_ARRAY, list.size());
          for (Object element : list) {
            write(element);
          }
        }
        default ->
            throw new IllegalArgumentException(
                "no MaxMind DB type for " + value.getClass().getName());
      }
    }

    private void writeString(String string) {
      if (stringOffsets != null) {
        Integer earlier = stringOffsets.get(string);
        byte[] utf8 = string.getBytes(StandardCharsets.UTF_8);
        if (earlier != null && pointerLength(earlier) < utf8.length + 1) {
          writePointer(earlier);
          return;
        }
        stringOffsets.putIfAbsent(string, out.size());
        writeControl(TYPE_UTF8_STRING, utf8.length);
        out.writeBytes(utf8);
        return;
      }
      byte[] utf8 = string.getBytes(StandardCharsets.UTF_8);
      writeControl(TYPE_UTF8_STRING, utf8.length);
      out.writeBytes(utf8);
    }

    private static int pointerLength(long offset) {
      if (offset < 2_048) {
        return 2;
      }
      if (offset < 526_336) {
        return 3;
      }
      return offset < 134_744_064 ? 4 : 5;
    }

    /** Pointer sizes add a bias so each width starts where the previous one ends. */
    private void writePointer(long offset) {
      int control = TYPE_POINTER << 5;
      if (offset < 2_048) {
        out.write(control | (int) (offset >>> 8));
        writeFixed(offset, 1);
      } else if (offset < 526_336) {
        long biased = offset - 2_048;
        out.write(control | 1 << 3 | (int) (biased >>> 16));
        writeFixed(biased, 2);
      } else if (offset < 134_744_064) {
        long biased = offset - 526_336;
        out.write(control | 2 << 3 | (int) (biased >>> 24));
        writeFixed(biased, 3);
      } else {
        out.write(control | 3 << 3);
        writeFixed(offset, 4);
      }
    }

    private void writeInt32(int number) {
      // Shorter than four bytes is always read as positive, so negatives take all four.
      int length = number < 0 ? 4 : (32 - Integer.numberOfLeadingZeros(number) + 7) / 8;
      writeControl(TYPE_INT32, length);
      writeFixed(number, length);
    }

    private void writeUnsigned(UnsignedInt number) {
      int type =
          switch (number.bits()) {
            case 16 -> TYPE_UINT16;
            case 32 -> TYPE_UINT32;
            case 64 -> TYPE_UINT64;
            default -> TYPE_UINT128;
          };
      byte[] bytes = number.value().toByteArray();
      int start = 0;
      while (start < bytes.length && bytes[start] == 0) {
        start++;
      }
      writeControl(type, bytes.length - start);
      out.write(bytes, start, bytes.length - start);
    }

    private void writeControl(int type, int size) {
      if (size < 0 || size > MAX_PAYLOAD_SIZE) {
        throw new IllegalArgumentException("value too large for MaxMind DB: " + size);
      }
      int sizeBits;
      int extraBytes;
      int extra;
      if (size < 29) {
        sizeBits = size;
        extraBytes = 0;
        extra = 0;
      } else if (size < 285) {
        sizeBits = 29;
        extraBytes = 1;
        extra = size - 29;
      } else if (size < 65_821) {
        sizeBits = 30;
        extraBytes = 2;
        extra = size - 285;
      } else {
        sizeBits = 31;
        extraBytes = 3;
        extra = size - 65_821;
      }
      if (type <= TYPE_MAP) {
        out.write(type << 5 | sizeBits);
      } else {
        // Extended types: type bits zero, then the type minus 7 before any size bytes.
        out.write(sizeBits);
        out.write(type - 7);
      }
      writeFixed(extra, extraBytes);
    }

    private void writeFixed(long value, int bytes) {
      writeBigEndian(out, value, bytes);
    }
  }
}
