package io.linkscope.collector.link;

import io.linkscope.collector.http.HttpError;
import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The validation rules of link fields, shared by create and update. */
public final class LinkRules {
  public static final int MAX_URL_LENGTH = 2048;
  public static final int MAX_TITLE_LENGTH = 200;
  public static final int MAX_NOTES_LENGTH = 10_000;
  public static final int MAX_TAGS = 20;

  private static final Pattern SLUG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
  private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} _.:/-]{0,63}");
  private static final Pattern HOST =
      Pattern.compile(
          "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");
  private static final Set<Integer> REDIRECT_TYPES = Set.of(301, 302, 307, 308);

  /** Slugs that paths of the collector itself use, plus names users would confuse with them. */
  private final Set<String> reserved;

  public LinkRules(Set<String> routeSegments) {
    Set<String> all = new LinkedHashSet<>(routeSegments);
    all.addAll(
        List.of(
            "api",
            "health",
            "metrics",
            "admin",
            "static",
            "assets",
            "favicon.ico",
            "robots.txt",
            "login",
            "logout",
            "t",
            "b",
            "p",
            "qr",
            "well-known",
            ".well-known"));
    this.reserved =
        all.stream()
            .map(s -> s.toLowerCase(Locale.ROOT))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  /**
   * Whether a path could name a link: what {@link #slug} accepts, in a form cheap enough for every
   * redirect. Anything else (non-ASCII, '.', '%') is known to be unknown without asking MariaDB,
   * whose ASCII columns refuse to compare with it.
   */
  static boolean couldBeSlug(String slug) {
    if (slug.isEmpty() || slug.length() > 64) {
      return false;
    }
    for (int i = 0; i < slug.length(); i++) {
      char ch = slug.charAt(i);
      boolean letterOrDigit =
          (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
      if (!letterOrDigit && (i == 0 || (ch != '-' && ch != '_'))) {
        return false;
      }
    }
    return true;
  }

  /** Whether text can be compared with the ASCII columns (domain, slug) at all. */
  static boolean isAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  public String slug(String slug) {
    if (!SLUG.matcher(slug).matches()) {
      throw HttpError.invalidField(
          "slug",
          "must be 1-64 characters of letters A-Z, digits, '-' and '_', starting with a letter or"
              + " digit.");
    }
    if (reserved.contains(slug.toLowerCase(Locale.ROOT))) {
      throw new HttpError(
          400, "reserved_slug", "The slug '" + slug + "' is reserved by the collector.");
    }
    return slug;
  }

  /** Normalises a domain to lower-case ASCII (IDN to punycode); empty means the default domain. */
  public static String domain(@Nullable String domain) {
    if (domain == null || domain.isBlank()) {
      return "";
    }
    String ascii;
    try {
      ascii = IDN.toASCII(domain.strip(), IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      throw HttpError.invalidField("domain", "is not a valid host name.");
    }
    if (!HOST.matcher(ascii).matches()) {
      throw HttpError.invalidField("domain", "is not a valid host name (e.g. go.example.com).");
    }
    return ascii;
  }

  /** An absolute http(s) URL with a host, no longer than {@link #MAX_URL_LENGTH}. */
  public static String url(String field, @Nullable String url) {
    if (url == null || url.isBlank()) {
      throw HttpError.invalidField(field, "is required.");
    }
    String trimmed = url.strip();
    if (trimmed.length() > MAX_URL_LENGTH) {
      throw HttpError.invalidField(field, "is longer than " + MAX_URL_LENGTH + " characters.");
    }
    for (int i = 0; i < trimmed.length(); i++) {
      char ch = trimmed.charAt(i);
      if (ch <= ' ' || ch == 0x7f) {
        throw HttpError.invalidField(field, "contains spaces or control characters.");
      }
    }
    URI uri;
    try {
      uri = new URI(trimmed);
    } catch (URISyntaxException e) {
      throw HttpError.invalidField(field, "is not a valid URL.");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw HttpError.invalidField(
          field, "must be an absolute http:// or https:// URL (got '" + shorten(trimmed) + "').");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw HttpError.invalidField(field, "must name a host, e.g. https://example.com/page.");
    }
    return trimmed;
  }

  public static String text(String field, @Nullable String value, int max) {
    if (value == null) {
      return "";
    }
    String stripped = value.strip();
    if (stripped.length() > max) {
      throw HttpError.invalidField(field, "is longer than " + max + " characters.");
    }
    for (int i = 0; i < stripped.length(); i++) {
      char ch = stripped.charAt(i);
      if (Character.isISOControl(ch) && ch != '\n' && ch != '\t' && ch != '\r') {
        throw HttpError.invalidField(field, "contains control characters.");
      }
    }
    return stripped;
  }

  static List<String> tags(@Nullable List<String> tags) {
    if (tags == null) {
      return List.of();
    }
    if (tags.size() > MAX_TAGS) {
      throw HttpError.invalidField("tags", "at most " + MAX_TAGS + " tags per link.");
    }
    Set<String> unique = new LinkedHashSet<>();
    for (String tag : tags) {
      if (tag == null || !TAG.matcher(tag.strip()).matches()) {
        throw HttpError.invalidField(
            "tags",
            "each tag is 1-64 letters, digits, spaces or . _ : / -, starting with a letter or digit.");
      }
      unique.add(tag.strip().toLowerCase(Locale.ROOT));
    }
    return new ArrayList<>(unique);
  }

  static int redirectType(@Nullable Integer type) {
    if (type == null) {
      return 302;
    }
    if (!REDIRECT_TYPES.contains(type)) {
      throw HttpError.invalidField("redirectType", "must be 301, 302, 307 or 308.");
    }
    return type;
  }

  private static String shorten(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }
}
