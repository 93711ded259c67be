package io.linkscope.collector.enrich;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * The UTM campaign tags of a click, taken from the query string of the link that was clicked.
 *
 * <p>All values are non-null and {@code ""} when absent; each is percent-decoded, stripped of
 * surrounding whitespace and control characters and cropped to {@value #MAX_VALUE_LENGTH}
 * characters, the width reports give them.
 *
 * @param source {@code utm_source}, e.g. {@code newsletter}
 * @param medium {@code utm_medium}, e.g. {@code email}
 * @param campaign {@code utm_campaign}
 * @param term {@code utm_term}
 * @param content {@code utm_content}
 */
public record Utm(String source, String medium, String campaign, String term, String content) {

  /** No UTM tags at all. */
  public static final Utm NONE = new Utm("", "", "", "", "");

  static final int MAX_VALUE_LENGTH = 255;

  // Slots of the parameters while parsing.
  private static final int SOURCE = 0;
  private static final int MEDIUM = 1;
  private static final int CAMPAIGN = 2;
  private static final int TERM = 3;
  private static final int CONTENT = 4;

  public Utm {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(medium, "medium");
    Objects.requireNonNull(campaign, "campaign");
    Objects.requireNonNull(term, "term");
    Objects.requireNonNull(content, "content");
  }

  /**
   * Reads the {@code utm_*} parameters of a query string. Never throws.
   *
   * <p>Parameter names match case-insensitively, since hand-written links use {@code UTM_Source}
   * and the like; when a parameter is repeated the first occurrence wins; {@code +} means a space;
   * percent signs not followed by two hex digits are kept literally and invalid UTF-8 becomes
   * U+FFFD.
   *
   * @param rawQueryOrNull the query string as received, with or without a leading {@code ?}
   */
  public static Utm fromQuery(String rawQueryOrNull) {
    if (rawQueryOrNull == null || rawQueryOrNull.isBlank()) {
      return NONE;
    }
    String query = rawQueryOrNull;
    int fragment = query.indexOf('#');
    if (fragment >= 0) {
      query = query.substring(0, fragment);
    }
    String[] values = new String[5];
    int start = query.startsWith("?") ? 1 : 0;
    while (start <= query.length()) {
      int end = query.indexOf('&', start);
      if (end < 0) {
        end = query.length();
      }
      int equals = query.indexOf('=', start);
      int nameEnd = equals >= 0 && equals < end ? equals : end;
      int slot = slot(query.substring(start, nameEnd));
      if (slot >= 0 && values[slot] == null) {
        String raw = nameEnd < end ? query.substring(nameEnd + 1, end) : "";
        values[slot] = clean(decode(raw));
      }
      start = end + 1;
    }
    if (Arrays.stream(values).allMatch(Objects::isNull)) {
      return NONE;
    }
    return new Utm(
        orEmpty(values[SOURCE]),
        orEmpty(values[MEDIUM]),
        orEmpty(values[CAMPAIGN]),
        orEmpty(values[TERM]),
        orEmpty(values[CONTENT]));
  }

  private static int slot(String rawName) {
    String name = decode(rawName);
    if (!name.regionMatches(true, 0, "utm_", 0, 4)) {
      return -1;
    }
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "utm_source" -> SOURCE;
      case "utm_medium" -> MEDIUM;
      case "utm_campaign" -> CAMPAIGN;
      case "utm_term" -> TERM;
      case "utm_content" -> CONTENT;
      default -> -1;
    };
  }

  /** Lenient form decoding: unlike URLDecoder it never throws on a stray {@code %}. */
  static String decode(String raw) {
    if (raw.indexOf('%') < 0 && raw.indexOf('+') < 0) {
      return raw;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    int i = 0;
    while (i < raw.length()) {
      char c = raw.charAt(i);
      if (c == '%' && i + 2 < raw.length()) {
        int high = hex(raw.charAt(i + 1));
        int low = hex(raw.charAt(i + 2));
        if (high >= 0 && low >= 0) {
          bytes.write(high << 4 | low);
          i += 3;
          continue;
        }
      }
      if (c == '+') {
        bytes.write(' ');
        i++;
      } else {
        int codePoint = raw.codePointAt(i);
        bytes.writeBytes(Character.toString(codePoint).getBytes(StandardCharsets.UTF_8));
        i += Character.charCount(codePoint);
      }
    }
    // Invalid UTF-8 sequences are replaced with U+FFFD rather than rejected.
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** The value of an ASCII hex digit, or -1 (Character.digit would also accept other scripts). */
  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  /** Strips whitespace, drops control characters (line breaks would corrupt logs and exports). */
  private static String clean(String value) {
    StringBuilder cleaned = new StringBuilder(Math.min(value.length(), MAX_VALUE_LENGTH + 1));
    value
        .strip()
        .codePoints()
        .filter(c -> !Character.isISOControl(c))
        .forEach(cleaned::appendCodePoint);
    String result = cleaned.toString().strip();
    if (result.length() <= MAX_VALUE_LENGTH) {
      return result;
    }
    int end = MAX_VALUE_LENGTH;
    if (Character.isHighSurrogate(result.charAt(end - 1))) {
      end--;
    }
    return result.substring(0, end);
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
