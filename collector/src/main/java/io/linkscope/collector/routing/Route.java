package io.linkscope.collector.routing;

import io.linkscope.api.routing.QueryCondition;
import io.linkscope.api.routing.RoutingRule;
import io.linkscope.api.routing.RuleConditions;
import io.linkscope.api.routing.TimeWindow;
import io.linkscope.api.routing.Variant;
import io.linkscope.collector.click.IpRanges;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A link's routing compiled once, when the link is loaded into the cache: every condition a
 * predicate over prepared values (lower-cased sets, parsed CIDR ranges, a zone), every answer a
 * {@link Decision} made in advance, the variants a table of 100 buckets. Deciding a visit allocates
 * nothing beyond what the conditions it reaches ask for.
 */
public final class Route {
  /** The route of a link without rules or variants. */
  public static final Route NONE = new Route(List.of(), null, false, Long.MAX_VALUE, null);

  private static final int BUCKETS = 100;

  private record CompiledRule(List<Predicate<RouteVisit>> conditions, Decision decision) {
    boolean matches(RouteVisit visit) {
      for (Predicate<RouteVisit> condition : conditions) {
        if (!condition.test(visit)) {
          return false;
        }
      }
      return true;
    }
  }

  private final List<CompiledRule> rules;
  private final Decision @Nullable [] buckets;
  private final boolean needsDevice;

  /** When the split ends (epoch millis; {@link Long#MAX_VALUE}: never). */
  private final long endsAtMillis;

  /** Where the split sends every visit after its end: the first variant, the control. */
  private final @Nullable Decision afterEnd;

  private Route(
      List<CompiledRule> rules,
      Decision @Nullable [] buckets,
      boolean needsDevice,
      long endsAtMillis,
      @Nullable Decision afterEnd) {
    this.rules = rules;
    this.buckets = buckets;
    this.needsDevice = needsDevice;
    this.endsAtMillis = endsAtMillis;
    this.afterEnd = afterEnd;
  }

  /** Compiles stored, validated routing (see {@link RoutingValidation}). */
  public static Route compile(Routing routing) {
    // A promoted variant is the link's target now: its split no longer runs.
    if (routing.rules().isEmpty() && !routing.splits()) {
      return NONE;
    }
    List<CompiledRule> rules = new ArrayList<>();
    boolean needsDevice = false;
    for (RoutingRule rule : routing.rules()) {
      RuleConditions when = rule.when() == null ? RuleConditions.any() : rule.when();
      List<Predicate<RouteVisit>> conditions = new ArrayList<>();
      needsDevice |= compile(when, conditions);
      rules.add(new CompiledRule(List.copyOf(conditions), decision(rule)));
    }
    Decision[] buckets = null;
    if (routing.splits()) {
      buckets = new Decision[BUCKETS];
      int at = 0;
      for (Variant variant : routing.variants()) {
        Decision decision =
            new Decision(
                Decision.Kind.REDIRECT,
                Routing.variantKey(Objects.requireNonNull(variant.id())),
                variant.targetUrl());
        int weight = Objects.requireNonNull(variant.weight());
        for (int i = 0; i < weight && at < BUCKETS; i++) {
          buckets[at++] = decision;
        }
      }
      // Weights add up to 100 when validated; a shorter table is filled with the last variant.
      while (at < BUCKETS) {
        buckets[at] = buckets[at - 1];
        at++;
      }
    }
    // After the end date and until a collector promotes the winner (within seconds), the control.
    Instant endsAt = routing.endsAt();
    if (buckets == null || endsAt == null) {
      return new Route(List.copyOf(rules), buckets, needsDevice, Long.MAX_VALUE, null);
    }
    return new Route(List.copyOf(rules), buckets, needsDevice, endsAt.toEpochMilli(), buckets[0]);
  }

  /** Whether every visit goes to the link's own target, so nothing needs deciding. */
  public boolean isPlain() {
    return this == NONE;
  }

  /** Whether some condition looks at the User-Agent (device, OS, browser, in-app, bot, source). */
  public boolean needsDevice() {
    return needsDevice;
  }

  /** Every URL a decision of this route may redirect to, in order. */
  public Set<String> destinations() {
    Set<String> urls = new LinkedHashSet<>();
    for (CompiledRule rule : rules) {
      if (rule.decision().url() != null) {
        urls.add(rule.decision().url());
      }
    }
    if (buckets != null) {
      for (Decision decision : buckets) {
        if (decision.url() != null) {
          urls.add(decision.url());
        }
      }
    }
    return urls;
  }

  /** The first matching rule's decision, else the visitor's variant, else the link's target. */
  public Decision decide(RouteVisit visit) {
    for (CompiledRule rule : rules) {
      if (rule.matches(visit)) {
        return rule.decision();
      }
    }
    Decision[] table = buckets;
    if (table != null) {
      // The visit's time is the one capture read for the click: no clock read of its own.
      if (visit.epochMillis() >= endsAtMillis && afterEnd != null) {
        return afterEnd;
      }
      return table[bucket(visit.visitorHash())];
    }
    return Decision.TARGET;
  }

  /**
   * The visitor's bucket (0-99) of the split: from the day's visitor hash, which is keyed per
   * workspace and UTC day, so a visitor keeps a variant for the day and the assignment cannot be
   * told from the address.
   */
  static int bucket(byte[] visitorHash) {
    long h = 0;
    for (int i = 0; i < Math.min(8, visitorHash.length); i++) {
      h = (h << 8) | (visitorHash[i] & 0xff);
    }
    // The hash is an HMAC, already uniform; the mix only guards against a short or zero hash.
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return (int) Long.remainderUnsigned(h, BUCKETS);
  }

  private static Decision decision(RoutingRule rule) {
    String key = Routing.ruleKey(Objects.requireNonNull(rule.id()));
    String action = rule.action() == null ? RoutingRule.REDIRECT : rule.action();
    return switch (action) {
      case RoutingRule.FALLBACK -> new Decision(Decision.Kind.FALLBACK, key, null);
      case RoutingRule.NOT_FOUND -> new Decision(Decision.Kind.NOT_FOUND, key, null);
      default -> new Decision(Decision.Kind.REDIRECT, key, rule.targetUrl());
    };
  }

  /** Adds the predicates of {@code when}; true when one of them needs the device. */
  private static boolean compile(RuleConditions when, List<Predicate<RouteVisit>> out) {
    boolean device = false;
    // Cheap conditions first: a rule is left at its first condition that fails.
    if (when.bot() != null) {
      boolean bot = when.bot();
      out.add(v -> v.device().bot() == bot);
      device = true;
    }
    Set<String> countries = set(when.countries());
    if (countries != null) {
      out.add(v -> countries.contains(v.geo().countryCode().toLowerCase(Locale.ROOT)));
    }
    Set<String> regions = set(when.regions());
    if (regions != null) {
      out.add(
          v ->
              regions.contains(v.geo().regionCode().toLowerCase(Locale.ROOT))
                  || regions.contains(v.geo().regionName().toLowerCase(Locale.ROOT)));
    }
    Set<String> cities = set(when.cities());
    if (cities != null) {
      out.add(v -> cities.contains(v.geo().city().toLowerCase(Locale.ROOT)));
    }
    if (when.ipRanges() != null) {
      IpRanges ranges = IpRanges.parse(when.ipRanges());
      out.add(
          v -> {
            InetAddress address = v.address();
            return address != null && ranges.contains(address);
          });
    }
    Set<String> languages = set(when.languages());
    if (languages != null) {
      out.add(v -> languages.contains(v.language()));
    }
    if (when.query() != null) {
      for (QueryCondition q : when.query()) {
        String name = Objects.requireNonNull(q.name());
        String equals = q.equals();
        out.add(v -> queryMatches(v.query(), name, equals));
      }
    }
    if (when.time() != null) {
      out.add(time(when.time()));
    }
    Set<String> devices = set(when.devices());
    if (devices != null) {
      out.add(v -> devices.contains(v.device().deviceType()));
      device = true;
    }
    Set<String> os = set(when.os());
    if (os != null) {
      out.add(v -> os.contains(v.device().os().toLowerCase(Locale.ROOT)));
      device = true;
    }
    Set<String> browsers = set(when.browsers());
    if (browsers != null) {
      out.add(v -> browsers.contains(v.device().browser().toLowerCase(Locale.ROOT)));
      device = true;
    }
    Set<String> inApp = set(when.inApp());
    if (inApp != null) {
      boolean any = inApp.contains("any");
      boolean none = inApp.contains("none");
      out.add(
          v -> {
            String app = v.device().inAppApp();
            if (app.isEmpty()) {
              return none;
            }
            return any || inApp.contains(app.toLowerCase(Locale.ROOT));
          });
      device = true;
    }
    Set<String> sources = set(when.referrerSources());
    if (sources != null) {
      out.add(v -> sources.contains(v.referrerSource().toLowerCase(Locale.ROOT)));
      device = true;
    }
    return device;
  }

  private static @Nullable Set<String> set(@Nullable List<String> values) {
    if (values == null || values.isEmpty()) {
      return null;
    }
    Set<String> set = new LinkedHashSet<>();
    for (String value : values) {
      set.add(value.strip().toLowerCase(Locale.ROOT));
    }
    return Set.copyOf(set);
  }

  private static Predicate<RouteVisit> time(TimeWindow window) {
    Instant start = window.start();
    Instant end = window.end();
    ZoneId zone = window.zone() == null ? ZoneOffset.UTC : ZoneId.of(window.zone());
    boolean[] days = null;
    if (window.weekdays() != null && !window.weekdays().isEmpty()) {
      days = new boolean[7];
      for (String day : window.weekdays()) {
        days[RoutingValidation.WEEKDAYS.indexOf(day.toUpperCase(Locale.ROOT))] = true;
      }
    }
    boolean[] weekdays = days;
    Integer from = window.fromHour();
    Integer to = window.toHour();
    boolean needsLocalTime = weekdays != null || from != null || to != null;
    int fromHour = from == null ? 0 : from;
    int toHour = to == null ? 24 : to;
    return v -> {
      long millis = v.epochMillis();
      if (start != null && millis < start.toEpochMilli()) {
        return false;
      }
      if (end != null && millis >= end.toEpochMilli()) {
        return false;
      }
      if (!needsLocalTime) {
        return true;
      }
      ZonedDateTime local = Instant.ofEpochMilli(millis).atZone(zone);
      if (weekdays != null && !weekdays[local.getDayOfWeek().getValue() - 1]) {
        return false;
      }
      int hour = local.getHour();
      return fromHour < toHour
          ? hour >= fromHour && hour < toHour
          : hour >= fromHour || hour < toHour;
    };
  }

  /** Whether the raw query string has the parameter, with the value when one is asked for. */
  static boolean queryMatches(String query, String name, @Nullable String equals) {
    if (query.isEmpty()) {
      return false;
    }
    int at = 0;
    while (at <= query.length()) {
      int amp = query.indexOf('&', at);
      int stop = amp < 0 ? query.length() : amp;
      int eq = query.indexOf('=', at);
      int nameEnd = eq < 0 || eq > stop ? stop : eq;
      if (decode(query.substring(at, nameEnd)).equals(name)) {
        if (equals == null) {
          return true;
        }
        String value = nameEnd < stop ? decode(query.substring(nameEnd + 1, stop)) : "";
        if (value.equals(equals)) {
          return true;
        }
      }
      if (amp < 0) {
        break;
      }
      at = amp + 1;
    }
    return false;
  }

  private static String decode(String part) {
    if (part.indexOf('%') < 0 && part.indexOf('+') < 0) {
      return part;
    }
    try {
      return URLDecoder.decode(part, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return part;
    }
  }
}
