package io.linkscope.collector.importing;

import io.linkscope.api.link.LinkInput;
import io.linkscope.collector.http.HttpError;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Where each field of a link is in a row, whatever the shortener called it: the column names of
 * every supported export (normalised to lower-case letters and digits), in the order they are
 * tried, and the request's own mapping ({@code map.<field>=<column>}) before them. Also how values
 * are read: dates in the forms the exports write, tags in one cell, click counts.
 */
final class Columns {
  /** The fields a row can give, as named in {@code map.<field>}. */
  enum Field {
    SLUG,
    SHORT_URL,
    TARGET,
    TITLE,
    NOTES,
    TAGS,
    DOMAIN,
    EXPIRY,
    CREATED,
    CLICKS;

    /** The column names of the field in the exports, normalised, in the order they are tried. */
    List<String> aliases() {
      return switch (this) {
        case SLUG ->
            List.of(
                "slug",
                "keyword",
                "shortcode",
                "backhalf",
                "custombackhalf",
                "slashtag",
                "address");
        case SHORT_URL ->
            List.of("shorturl", "customlink", "custombitlinks", "link", "bitlink", "shortlink");
        case TARGET ->
            List.of(
                "targeturl",
                "longurl",
                "destinationurl",
                "destination",
                "target",
                "url",
                "originalurl");
        case TITLE -> List.of("title", "name");
        case NOTES -> List.of("notes", "note", "description");
        case TAGS -> List.of("tags", "tag", "labels");
        case DOMAIN -> List.of("domain", "domainfullname", "domainname", "host");
        case EXPIRY ->
            List.of(
                "validuntil",
                "metavaliduntil",
                "expiry",
                "expires",
                "expiresat",
                "expirein",
                "expiration",
                "expirationdate");
        case CREATED -> List.of("createdat", "datecreated", "created", "creationdate", "timestamp");
        case CLICKS ->
            List.of(
                "totalclicks",
                "clicks",
                "visits",
                "visitssummarytotal",
                "visitscount",
                "visitcount",
                "engagements",
                "hits");
      };
    }

    String wireName() {
      return this == SHORT_URL ? "shortUrl" : name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The shortener's own shared domains: a link there cannot move, so it lands on the default domain
   * (a custom domain of the source stays, for its DNS to point here).
   */
  private static final Set<String> SHARED_DOMAINS =
      Set.of("bit.ly", "bitly.com", "j.mp", "rebrand.ly", "rebrandly.com", "kutt.it");

  private static final DateTimeFormatter LOCAL =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .optionalStart()
          .appendLiteral('T')
          .optionalEnd()
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .appendValue(ChronoField.HOUR_OF_DAY, 2)
          .appendLiteral(':')
          .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
          .optionalStart()
          .appendLiteral(':')
          .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH:MM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HHMM", "Z")
          .optionalEnd()
          .toFormatter(Locale.ROOT);

  private final Map<Field, String> mapping;

  /** Columns found by their usual names, but for those the request maps by field wire name. */
  Columns(Map<String, String> mapping) {
    Map<Field, String> fields = new LinkedHashMap<>();
    mapping.forEach(
        (name, column) -> {
          Field field = null;
          for (Field candidate : Field.values()) {
            if (candidate.wireName().equalsIgnoreCase(name)) {
              field = candidate;
            }
          }
          if (field == null) {
            throw HttpError.invalidParameter(
                "map." + name,
                "names no field; map one of slug, shortUrl, target, title, notes, tags, domain,"
                    + " expiry, created, clicks.");
          }
          fields.put(field, normalise(column));
        });
    this.mapping = fields;
  }

  /** A column or key name as compared: lower-case letters and digits only. */
  static String normalise(String name) {
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char ch = Character.toLowerCase(name.charAt(i));
      if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
        out.append(ch);
      }
    }
    return out.toString();
  }

  /** The row's value of a field: the mapped column, else the first alias with a value. */
  private @Nullable String value(Map<String, String> row, Field field) {
    String mapped = mapping.get(field);
    if (mapped != null) {
      return blankToNull(row.get(mapped));
    }
    for (String alias : field.aliases()) {
      String value = blankToNull(row.get(alias));
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  /** Whether the columns can give a target at all (else no row can be imported). */
  boolean hasTarget(Set<String> columns) {
    String mapped = mapping.get(Field.TARGET);
    if (mapped != null) {
      return columns.contains(mapped);
    }
    return Field.TARGET.aliases().stream().anyMatch(columns::contains);
  }

  /** A row of normalised column names and values as the link it describes. */
  SourceRow row(int line, Map<String, String> row) {
    String target = value(row, Field.TARGET);
    String slug = value(row, Field.SLUG);
    String domain = value(row, Field.DOMAIN);
    String shortUrl = value(row, Field.SHORT_URL);
    if (shortUrl != null) {
      shortUrl = firstLink(shortUrl);
    }
    String problem = null;
    if (shortUrl != null && (slug == null || domain == null)) {
      URI uri = shortUri(shortUrl);
      if (uri == null || uri.getHost() == null) {
        problem = "the short URL '" + shorten(shortUrl) + "' is not a URL";
      } else {
        domain = domain == null ? uri.getHost() : domain;
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        slug = slug == null && !path.isEmpty() ? path : slug;
      }
    }
    domain = localDomain(domain);
    Instant created = null;
    Instant expiry = null;
    long clicks = 0;
    try {
      created = date(value(row, Field.CREATED));
    } catch (DateTimeException e) {
      problem = "created: '" + shorten(value(row, Field.CREATED)) + "' is not a date";
    }
    try {
      expiry = date(value(row, Field.EXPIRY));
    } catch (DateTimeException e) {
      problem = "expiry: '" + shorten(value(row, Field.EXPIRY)) + "' is not a date";
    }
    String clickText = value(row, Field.CLICKS);
    if (clickText != null) {
      try {
        clicks = Long.parseLong(clickText.replaceAll("[,_ \u00a0]", ""));
        if (clicks < 0) {
          problem = "clicks: " + clicks + " is negative";
          clicks = 0;
        }
      } catch (NumberFormatException e) {
        problem = "clicks: '" + shorten(clickText) + "' is not a whole number";
      }
    }
    LinkInput input =
        LinkInput.builder()
            .slug(slug)
            .domain(domain)
            .targetUrl(target)
            .title(value(row, Field.TITLE))
            .notes(value(row, Field.NOTES))
            .tags(tags(value(row, Field.TAGS)))
            .validUntil(expiry)
            .build();
    if (target == null && problem == null) {
      problem = "it has no target URL";
    }
    return new SourceRow(line, input, created, clicks, problem);
  }

  /**
   * Several custom links in one cell (Bitly): the first is the link's address. A cell of separators
   * only stays as it is, to be reported as not a URL.
   */
  private static String firstLink(String cell) {
    for (String piece : cell.split("[|,; ]", -1)) {
      if (!piece.isEmpty()) {
        return piece;
      }
    }
    return cell;
  }

  /** A short URL as written in exports, with or without its scheme (bit.ly/abc). */
  private static @Nullable URI shortUri(String text) {
    String withScheme = text.contains("://") ? text : "https://" + text;
    try {
      return new URI(withScheme);
    } catch (URISyntaxException e) {
      return null;
    }
  }

  private static @Nullable String localDomain(@Nullable String domain) {
    if (domain == null) {
      return null;
    }
    String host = domain.strip().toLowerCase(Locale.ROOT);
    return SHARED_DOMAINS.contains(host) ? null : host;
  }

  /** Tags in one cell, separated by '|' (Shlink), ',' or ';'. */
  static @Nullable List<String> tags(@Nullable String cell) {
    if (cell == null) {
      return null;
    }
    List<String> tags = new ArrayList<>();
    for (String tag : cell.split("[|,;]", -1)) {
      if (!tag.isBlank()) {
        tags.add(tag.strip());
      }
    }
    return tags;
  }

  /**
   * A date as the exports write it: ISO-8601 with or without an offset (+00:00, +0000 or Z), a
   * space instead of the 'T' (YOURLS), a date alone, or Unix seconds or milliseconds. A time
   * without an offset is UTC.
   */
  static @Nullable Instant date(@Nullable String text) {
    if (text == null) {
      return null;
    }
    String value = text.strip();
    if (value.chars().allMatch(Character::isDigit) && value.length() >= 9) {
      long number = Long.parseLong(value);
      return number > 100_000_000_000L
          ? Instant.ofEpochMilli(number)
          : Instant.ofEpochSecond(number);
    }
    if (value.length() == 10) {
      return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
    var parsed = LOCAL.parseBest(value, OffsetDateTime::from, LocalDateTime::from);
    if (parsed instanceof OffsetDateTime offset) {
      return offset.toInstant();
    }
    return ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
  }

  private static @Nullable String blankToNull(@Nullable String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  static String shorten(@Nullable String text) {
    if (text == null) {
      return "";
    }
    return text.length() <= 60 ? text : text.substring(0, 60) + "…";
  }
}
