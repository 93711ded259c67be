package io.linkscope.collector.enrich;

import java.util.Locale;
import java.util.regex.Pattern;

/** Picks a click's preferred language from its Accept-Language header. */
public final class AcceptLanguage {

  /** Headers are only read this far; browsers send a few dozen characters. */
  static final int MAX_HEADER_LENGTH = 1024;

  /** RFC 9110 qvalue: 0 to 1 with at most three decimals; anything else is junk. */
  private static final Pattern QVALUE = Pattern.compile("0(?:\\.\\d{0,3})?|1(?:\\.0{0,3})?");

  /** Answers for common headers; only short headers are remembered. */
  private static final Memo<String, String> KNOWN = new Memo<>(4096);

  private static final int MAX_REMEMBERED_LENGTH = 128;

  private AcceptLanguage() {}

  /**
   * The primary subtag of the language range with the highest quality, e.g. {@code "de"} for {@code
   * "de-CH, de;q=0.9, en;q=0.8"}. Never throws.
   *
   * <p>Ties go to the range listed first. Ranges are skipped when their quality is 0 or not a
   * number, and when their primary subtag is not two or three ASCII letters (an ISO 639 code): that
   * skips the wildcard {@code *}, private-use {@code x-...} ranges and junk. An underscore is
   * accepted as separator too, since some clients send {@code en_US}.
   *
   * @return the lowercased subtag, or {@code ""} if no range qualifies
   */
  public static String primary(String headerOrNull) {
    if (headerOrNull == null) {
      return "";
    }
    if (headerOrNull.length() <= MAX_REMEMBERED_LENGTH) {
      return KNOWN.get(headerOrNull, AcceptLanguage::parse);
    }
    return parse(headerOrNull);
  }

  private static String parse(String headerOrNull) {
    String header =
        headerOrNull.length() > MAX_HEADER_LENGTH
            ? headerOrNull.substring(0, MAX_HEADER_LENGTH)
            : headerOrNull;
    String best = "";
    double bestQuality = 0;
    // A limit of -1 keeps empty pieces, so that a range of separators only (";") still has its
    // first part; split(";") would return no parts at all for it.
    for (String range : header.split(",", -1)) {
      String[] parts = range.split(";", -1);
      String language = primarySubtag(parts[0].strip());
      if (language.isEmpty()) {
        continue;
      }
      double quality = quality(parts);
      if (quality > bestQuality) {
        best = language;
        bestQuality = quality;
      }
    }
    return best;
  }

  private static String primarySubtag(String tag) {
    int end = 0;
    while (end < tag.length() && isAsciiLetter(tag.charAt(end))) {
      end++;
    }
    boolean terminated = end == tag.length() || tag.charAt(end) == '-' || tag.charAt(end) == '_';
    if (end < 2 || end > 3 || !terminated) {
      return "";
    }
    return tag.substring(0, end).toLowerCase(Locale.ROOT);
  }

  /** The {@code q} parameter, 1 when absent, 0 (skip) when malformed or out of range. */
  private static double quality(String[] parts) {
    for (int i = 1; i < parts.length; i++) {
      String parameter = parts[i].strip();
      if (parameter.length() >= 2 && (parameter.charAt(0) == 'q' || parameter.charAt(0) == 'Q')) {
        String value = parameter.substring(1).strip();
        if (!value.startsWith("=")) {
          continue;
        }
        value = value.substring(1).strip();
        if (!QVALUE.matcher(value).matches()) {
          return 0;
        }
        return Double.parseDouble(value);
      }
    }
    return 1;
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
