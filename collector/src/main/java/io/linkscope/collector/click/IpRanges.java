package io.linkscope.collector.click;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** A set of CIDR ranges (IPv4 and IPv6), e.g. trusted proxies or addresses not to track. */
public final class IpRanges {
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

  private final List<Range> ranges;

  private record Range(byte[] network, int prefix) {
    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      int fullBytes = prefix / 8;
      for (int i = 0; i < fullBytes; i++) {
        if (address[i] != network[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (address[fullBytes] & mask) == (network[fullBytes] & mask);
    }
  }

  private IpRanges(List<Range> ranges) {
    this.ranges = List.copyOf(ranges);
  }

  public static IpRanges none() {
    return new IpRanges(List.of());
  }

  /**
   * Parses CIDR ranges such as {@code 10.0.0.0/8}, {@code ::1/128} or a single address.
   *
   * @throws IllegalArgumentException naming the first entry that is not a literal address/range
   */
  public static IpRanges parse(List<String> cidrs) {
    List<Range> ranges = new ArrayList<>();
    for (String raw : cidrs) {
      String cidr = raw.strip();
      if (cidr.isEmpty()) {
        continue;
      }
      int slash = cidr.indexOf('/');
      String address = slash < 0 ? cidr : cidr.substring(0, slash);
      byte[] network = literal(address);
      if (network == null) {
        throw new IllegalArgumentException("'" + raw + "' is not an IP address or CIDR range");
      }
      int prefix = network.length * 8;
      if (slash >= 0) {
        try {
          prefix = Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("'" + raw + "' has a bad prefix length");
        }
        if (prefix < 0 || prefix > network.length * 8) {
          throw new IllegalArgumentException("'" + raw + "' has a bad prefix length");
        }
      }
      ranges.add(new Range(network, prefix));
    }
    return new IpRanges(ranges);
  }

  public boolean contains(InetAddress address) {
    if (ranges.isEmpty()) {
      return false;
    }
    byte[] bytes = address.getAddress();
    for (Range range : ranges) {
      if (range.contains(bytes)) {
        return true;
      }
    }
    return false;
  }

  public boolean isEmpty() {
    return ranges.isEmpty();
  }

  /** The bytes of a literal IPv4/IPv6 address, or null; never a DNS lookup. */
  static byte @Nullable [] literal(String text) {
    String trimmed = text.strip();
    if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
      trimmed = trimmed.substring(1, trimmed.length() - 1);
    }
    if (trimmed.isEmpty()) {
      return null;
    }
    boolean ipv6 = trimmed.indexOf(':') >= 0;
    if (!ipv6) {
      return ipv4(trimmed);
    }
    if (!IPV6.matcher(trimmed).matches()) {
      return null;
    }
    try {
      return InetAddress.getByName(trimmed).getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /**
   * A dotted quad of one to three decimal digits per part, each at most 255 (as {@code InetAddress}
   * reads it, without its shorter forms), or null. The visitor's address is parsed on every
   * redirect, so this avoids a pattern match and a second parse.
   */
  private static byte @Nullable [] ipv4(String text) {
    byte[] bytes = new byte[4];
    int part = 0;
    int value = 0;
    int digits = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        value = value * 10 + (c - '0');
        if (++digits > 3 || value > 255) {
          return null;
        }
      } else if (c == '.' && digits > 0 && part < 3) {
        bytes[part++] = (byte) value;
        value = 0;
        digits = 0;
      } else {
        return null;
      }
    }
    if (part != 3 || digits == 0) {
      return null;
    }
    bytes[3] = (byte) value;
    return bytes;
  }

  /** Parses a literal address (never resolving a name), or returns null. */
  public static @Nullable InetAddress address(String text) {
    byte[] bytes = literal(text);
    if (bytes == null) {
      return null;
    }
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
