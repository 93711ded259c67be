package io.linkscope.collector.stats;

import io.linkscope.api.ApiDates;
import io.linkscope.api.stats.Dimension;
import io.linkscope.collector.http.ApiRequest;
import io.linkscope.collector.http.HttpError;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the query parameters every statistics endpoint shares, refusing anything unknown or out of
 * range with a 400 that says what is wrong.
 */
public final class StatsParameters {
  static final Set<String> COMMON =
      Set.of("link", "tag", "page", "from", "to", "tz", "granularity", "top", "bots");
  static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
  static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");
  static final Duration LONGEST = Duration.ofDays(5 * 366);
  static final int MOST_POINTS = 5000;

  private final LinkDirectory links;
  private final Clock clock;

  /** {@code clock} sets the default range: the 30 days up to its current hour. */
  public StatsParameters(LinkDirectory links, Clock clock) {
    this.links = links;
    this.clock = clock;
  }

  /** The request with its scope from link/tag/page (none: the workspace). */
  public StatsRequest parse(ApiRequest request, Set<String> extra) throws SQLException {
    long workspaceId = request.workspaceId();
    Target target = target(request, workspaceId);
    return parse(request, target, extra);
  }

  /** The request for a given scope; link/tag/page parameters are then refused. */
  StatsRequest parse(ApiRequest request, Target target, Set<String> extra) {
    Map<Dimension, String> filters = new LinkedHashMap<>();
    for (Map.Entry<String, String> parameter : request.queryParameters().entrySet()) {
      String name = parameter.getKey();
      if (COMMON.contains(name) || extra.contains(name)) {
        continue;
      }
      Dimension dimension =
          Dimension.parse(name)
              .orElseThrow(
                  () ->
                      HttpError.badRequest(
                          "unknown_parameter",
                          "Parameter '"
                              + name
                              + "' is neither a statistics parameter ("
                              + String.join(", ", COMMON.stream().sorted().toList())
                              + ") nor a dimension to filter by ("
                              + dimensionNames()
                              + ")."));
      String value = parameter.getValue() == null ? "" : parameter.getValue().strip();
      if (value.isEmpty() || value.length() > 255) {
        throw HttpError.invalidParameter(name, "must be a value of 1 to 255 characters.");
      }
      filters.put(dimension, value);
    }
    ZoneId zone = zone(request);
    Range range = range(request, zone, clock.instant());
    Granularity granularity = granularity(request, range);
    return new StatsRequest(
        target,
        range,
        zone,
        filters,
        bots(request),
        granularity,
        request.queryInt("top", 10, 1, 100));
  }

  static String dimensionNames() {
    return Dim.ALL.stream().map(Dimension::wireName).collect(Collectors.joining(", "));
  }

  static Dimension dimension(String name) {
    return Dimension.parse(name)
        .orElseThrow(
            () ->
                HttpError.badRequest(
                    "unknown_dimension",
                    "'" + name + "' is not a dimension; use one of " + dimensionNames() + "."));
  }

  private Target target(ApiRequest request, long workspaceId) throws SQLException {
    List<String> given =
        List.of("link", "tag", "page").stream().filter(p -> request.query(p).isPresent()).toList();
    if (given.size() > 1) {
      throw HttpError.badRequest(
          "invalid_scope", "Give at most one of 'link', 'tag' and 'page', not " + given + ".");
    }
    if (request.query("link").isPresent()) {
      long linkId = id(request, "link");
      if (!links.owns(workspaceId, linkId)) {
        throw HttpError.notFound("The link");
      }
      return Target.link(workspaceId, linkId);
    }
    if (request.query("tag").isPresent()) {
      return taggedLinks(workspaceId, request.query("tag").get());
    }
    if (request.query("page").isPresent()) {
      return ownedPage(workspaceId, id(request, "page"));
    }
    return Target.workspace(workspaceId);
  }

  /**
   * The links of the workspace carrying a tag (deleted ones too, for their clicks); 404 when none
   * does, so that a misspelt tag is not answered with zeros.
   */
  Target taggedLinks(long workspaceId, String tag) throws SQLException {
    List<Long> tagged = links.tagged(workspaceId, tag);
    if (tagged.isEmpty()) {
      throw HttpError.notFound("The tag");
    }
    return Target.links(workspaceId, tagged);
  }

  /** A page of the workspace as a target; 404 for any other id, as for links. */
  Target ownedPage(long workspaceId, long pageId) throws SQLException {
    if (!links.ownsPage(workspaceId, pageId)) {
      throw HttpError.notFound("The page");
    }
    return Target.page(workspaceId, pageId);
  }

  private static long id(ApiRequest request, String name) {
    try {
      long id = Long.parseLong(request.query(name).orElseThrow());
      if (id <= 0) {
        throw new NumberFormatException();
      }
      return id;
    } catch (NumberFormatException e) {
      throw HttpError.invalidParameter(name, "must be a positive whole number (an id).");
    }
  }

  static ZoneId zone(ApiRequest request) {
    String name = request.query("tz").orElse("UTC");
    try {
      return ZoneId.of(name);
    } catch (DateTimeException e) {
      throw HttpError.invalidParameter(
          "tz", "'" + name + "' is not an IANA time zone such as Europe/Berlin.");
    }
  }

  /**
   * [from, to) widened to whole UTC hours. Each bound is an instant or a date in the time zone; a
   * date as {@code to} includes that day. Default: the 30 days up to the hour of {@code now}.
   */
  static Range range(ApiRequest request, ZoneId zone, Instant now) {
    Instant to =
        request.query("to").map(text -> bound("to", text, zone, true)).orElse(Level.HOUR.ceil(now));
    Instant from =
        request
            .query("from")
            .map(text -> bound("from", text, zone, false))
            .orElse(to.minus(Duration.ofDays(30)));
    requireSupportedYear("from", from);
    requireSupportedYear("to", to);
    if (!from.isBefore(to)) {
      throw HttpError.invalidParameter("from", "must be before 'to'.");
    }
    if (Duration.between(from, to).compareTo(LONGEST) > 0) {
      throw HttpError.invalidParameter("to", "the range may span at most five years.");
    }
    return new Range(Level.HOUR.floor(from), Level.HOUR.ceil(to));
  }

  private static void requireSupportedYear(String name, Instant bound) {
    if (bound.isBefore(EARLIEST) || !bound.isBefore(LATEST)) {
      throw HttpError.invalidParameter(name, "must be between the years 2000 and 2099.");
    }
  }

  private static Instant bound(String name, String text, ZoneId zone, boolean endOfDay) {
    try {
      if (!text.contains("T")) {
        LocalDate date = ApiDates.date(text);
        return (endOfDay ? date.plusDays(1) : date).atStartOfDay(zone).toInstant();
      }
      return ApiDates.instant(text);
    } catch (ApiDates.InvalidDateException e) {
      throw HttpError.invalidParameter(
          name,
          "must be a date (2026-05-01) or an instant (2026-05-01T00:00:00Z) between the years"
              + " 2000 and 2099.");
    }
  }

  private static Granularity granularity(ApiRequest request, Range range) {
    String text = request.query("granularity").orElse("day");
    Granularity granularity;
    try {
      granularity = Granularity.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw HttpError.invalidParameter("granularity", "must be hour, day, week or month.");
    }
    long hours = Duration.between(range.from(), range.to()).toHours();
    if (granularity == Granularity.HOUR && hours > MOST_POINTS) {
      throw HttpError.invalidParameter(
          "granularity", "hourly series cover at most " + MOST_POINTS + " hours; use day.");
    }
    return granularity;
  }

  private static Bots bots(ApiRequest request) {
    String text = request.query("bots").orElse("exclude");
    return switch (text) {
      case "exclude" -> Bots.EXCLUDE;
      case "include" -> Bots.INCLUDE;
      case "only" -> Bots.ONLY;
      default -> throw HttpError.invalidParameter("bots", "must be exclude, include or only.");
    };
  }
}
