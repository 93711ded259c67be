package io.linkscope.collector.routing;

import io.linkscope.api.routing.QueryCondition;
import io.linkscope.api.routing.RoutingRule;
import io.linkscope.api.routing.RuleConditions;
import io.linkscope.api.routing.TimeWindow;
import io.linkscope.api.routing.Variant;
import io.linkscope.collector.click.IpRanges;
import io.linkscope.collector.http.HttpError;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Checks the rules and variants a client sent and gives them ids. Every refusal is a 400 naming the
 * rule or variant and the condition, e.g. {@code Field 'rules[1].when.ipRanges[0]': ...}.
 */
public final class RoutingValidation {
  public static final int MAX_RULES = 50;
  public static final int MAX_VALUES = 100;
  public static final int MIN_VARIANTS = 2;
  public static final int MAX_VARIANTS = 10;
  static final int MAX_TEXT = 100;
  static final int MAX_QUERY_VALUE = 500;

  static final Set<String> DEVICES =
      Set.of("desktop", "mobile", "tablet", "tv", "console", "wearable", "other");
  static final List<String> WEEKDAYS = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");
  private static final Pattern COUNTRY = Pattern.compile("[A-Za-z]{2}");
  private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}");

  /** Checks a URL the way a link's target is checked: the field name, then the value. */
  @FunctionalInterface
  public interface UrlCheck {
    /**
     * Checks {@code url}, given in {@code field}.
     *
     * @return the URL as stored
     * @throws HttpError when it is not an absolute http(s) URL
     */
    String check(String field, @Nullable String url);
  }

  private RoutingValidation() {}

  /**
   * The routing to store: {@code rules} and {@code variants} checked, new ones given the next ids
   * of {@code current}, kept ones their own.
   *
   * @throws HttpError 400 naming the first invalid rule, condition, variant or weight
   */
  public static Routing validate(
      @Nullable List<RoutingRule> rules,
      @Nullable List<Variant> variants,
      Routing current,
      UrlCheck urls) {
    long nextId = current.nextId();
    Set<Long> knownRules = new HashSet<>();
    current.rules().forEach(r -> knownRules.add(id(r.id())));
    Set<Long> knownVariants = new HashSet<>();
    current.variants().forEach(v -> knownVariants.add(id(v.id())));

    List<RoutingRule> checkedRules = new ArrayList<>();
    List<RoutingRule> given = rules == null ? List.of() : rules;
    if (given.size() > MAX_RULES) {
      throw HttpError.invalidField("rules", "at most " + MAX_RULES + " rules, not " + given.size());
    }
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < given.size(); i++) {
      String field = "rules[" + i + "]";
      RoutingRule rule = given.get(i);
      if (rule == null) {
        throw HttpError.invalidField(field, "must be a rule object, not null.");
      }
      long id;
      if (rule.id() == null) {
        id = nextId++;
      } else {
        id = rule.id();
        if (!knownRules.contains(id)) {
          throw HttpError.invalidField(
              field + ".id", "this link has no rule " + id + "; leave the id out for a new rule.");
        }
      }
      if (!seen.add(id)) {
        throw HttpError.invalidField(field + ".id", "rule " + id + " is listed twice.");
      }
      checkedRules.add(rule(field, id, rule, urls));
    }

    List<Variant> checkedVariants = new ArrayList<>();
    List<Variant> split = variants == null ? List.of() : variants;
    if (!split.isEmpty() && (split.size() < MIN_VARIANTS || split.size() > MAX_VARIANTS)) {
      throw HttpError.invalidField(
          "variants",
          "a split has "
              + MIN_VARIANTS
              + " to "
              + MAX_VARIANTS
              + " variants, not "
              + split.size()
              + " (send an empty list for none).");
    }
    int sum = 0;
    seen.clear();
    for (int i = 0; i < split.size(); i++) {
      String field = "variants[" + i + "]";
      Variant variant = split.get(i);
      if (variant == null) {
        throw HttpError.invalidField(field, "must be a variant object, not null.");
      }
      long id;
      if (variant.id() == null) {
        id = nextId++;
      } else {
        id = variant.id();
        if (!knownVariants.contains(id)) {
          throw HttpError.invalidField(
              field + ".id",
              "this link has no variant " + id + "; leave the id out for a new variant.");
        }
      }
      if (!seen.add(id)) {
        throw HttpError.invalidField(field + ".id", "variant " + id + " is listed twice.");
      }
      Integer weight = variant.weight();
      if (weight == null || weight < 1 || weight > 99) {
        throw HttpError.invalidField(field + ".weight", "must be a whole number from 1 to 99.");
      }
      sum += weight;
      checkedVariants.add(
          new Variant(
              id,
              urls.check(field + ".targetUrl", variant.targetUrl()),
              weight,
              name(field, variant.name())));
    }
    if (!split.isEmpty() && sum != 100) {
      throw HttpError.invalidField("variants", "the weights must add up to 100, not " + sum + ".");
    }
    return new Routing(checkedRules, checkedVariants, nextId);
  }

  /**
   * The end of the split of {@code validated} routing, from the end date a client sent: kept with
   * its outcome while it is the stored one, else checked (a split to end, a time in the future) and
   * the split reopened. Routing without variants has no end.
   *
   * @param given the end date sent (or kept by a merge patch), null for none
   * @throws HttpError 400 for an end date without variants or not in the future
   */
  public static Routing experimentEnd(
      Routing validated, Routing current, @Nullable Instant given, Instant now) {
    Instant endsAt = given == null ? null : given.truncatedTo(ChronoUnit.MILLIS);
    // Ends stored before they were kept to the millisecond compare the same way.
    Instant currentEnd =
        current.endsAt() == null ? null : current.endsAt().truncatedTo(ChronoUnit.MILLIS);
    boolean changed = !Objects.equals(endsAt, currentEnd);
    if (validated.variants().isEmpty()) {
      if (endsAt != null && changed) {
        throw HttpError.invalidField(
            "experimentEndsAt",
            "the link has no variants, so there is no split to end; add variants or leave it"
                + " out.");
      }
      return validated.withEnd(null, null);
    }
    if (!changed) {
      return validated.withEnd(current.endsAt(), current.promotedVariantId());
    }
    if (endsAt != null && !endsAt.isAfter(now)) {
      throw HttpError.invalidField(
          "experimentEndsAt",
          "must be in the future (it is "
              + now
              + " now); to end the split at once, promote a variant.");
    }
    return validated.withEnd(endsAt, null);
  }

  private static long id(@Nullable Long id) {
    return id == null ? 0 : id;
  }

  private static RoutingRule rule(String field, long id, RoutingRule rule, UrlCheck urls) {
    String action = rule.action() == null ? RoutingRule.REDIRECT : rule.action();
    String target;
    switch (action) {
      case RoutingRule.REDIRECT -> target = urls.check(field + ".targetUrl", rule.targetUrl());
      case RoutingRule.FALLBACK, RoutingRule.NOT_FOUND -> {
        if (rule.targetUrl() != null && !rule.targetUrl().isBlank()) {
          throw HttpError.invalidField(
              field + ".targetUrl", "a '" + action + "' rule sends nowhere; leave it out.");
        }
        target = null;
      }
      default ->
          throw HttpError.invalidField(
              field + ".action", "must be one of redirect, fallback, not_found.");
    }
    RuleConditions when = rule.when() == null ? RuleConditions.any() : rule.when();
    return new RoutingRule(
        id, conditions(field + ".when", when), action, target, name(field, rule.name()));
  }

  private static @Nullable String name(String field, @Nullable String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    String stripped = name.strip();
    if (stripped.length() > MAX_TEXT) {
      throw HttpError.invalidField(field + ".name", "at most " + MAX_TEXT + " characters.");
    }
    return stripped;
  }

  private static RuleConditions conditions(String field, RuleConditions c) {
    return new RuleConditions(
        values(
            field + ".devices",
            c.devices(),
            v -> {
              String device = v.toLowerCase(Locale.ROOT);
              if (!DEVICES.contains(device)) {
                throw new IllegalArgumentException(
                    "is no device type; use one of desktop, mobile, tablet, tv, console,"
                        + " wearable, other (and the 'bot' condition for bots).");
              }
              return device;
            }),
        values(field + ".os", c.os(), RoutingValidation::text),
        values(field + ".browsers", c.browsers(), RoutingValidation::text),
        values(field + ".inApp", c.inApp(), RoutingValidation::text),
        values(
            field + ".countries",
            c.countries(),
            v -> {
              if (!COUNTRY.matcher(v).matches()) {
                throw new IllegalArgumentException(
                    "is no ISO 3166-1 alpha-2 country code (e.g. DE).");
              }
              return v.toUpperCase(Locale.ROOT);
            }),
        values(field + ".regions", c.regions(), RoutingValidation::text),
        values(field + ".cities", c.cities(), RoutingValidation::text),
        values(
            field + ".ipRanges",
            c.ipRanges(),
            v -> {
              IpRanges.parse(List.of(v));
              return v;
            }),
        values(
            field + ".languages",
            c.languages(),
            v -> {
              if (!LANGUAGE.matcher(v).matches()) {
                throw new IllegalArgumentException("is no ISO 639 language code (e.g. de).");
              }
              return v.toLowerCase(Locale.ROOT);
            }),
        query(field + ".query", c.query()),
        values(field + ".referrerSources", c.referrerSources(), RoutingValidation::text),
        time(field + ".time", c.time()),
        c.bot());
  }

  private static String text(String value) {
    if (value.length() > MAX_TEXT) {
      throw new IllegalArgumentException("is longer than " + MAX_TEXT + " characters.");
    }
    return value;
  }

  private static @Nullable List<String> values(
      String field, @Nullable List<String> given, Function<String, String> check) {
    if (given == null || given.isEmpty()) {
      return null;
    }
    if (given.size() > MAX_VALUES) {
      throw HttpError.invalidField(field, "at most " + MAX_VALUES + " values.");
    }
    List<String> checked = new ArrayList<>();
    for (int i = 0; i < given.size(); i++) {
      String value = given.get(i);
      if (value == null || value.isBlank()) {
        throw HttpError.invalidField(field + "[" + i + "]", "must not be empty.");
      }
      try {
        checked.add(check.apply(value.strip()));
      } catch (IllegalArgumentException e) {
        String reason = e.getMessage() == null ? "is not valid." : e.getMessage();
        throw HttpError.invalidField(
            field + "[" + i + "]", reason.startsWith("is ") ? "'" + value + "' " + reason : reason);
      }
    }
    return List.copyOf(checked);
  }

  private static @Nullable List<QueryCondition> query(
      String field, @Nullable List<QueryCondition> given) {
    if (given == null || given.isEmpty()) {
      return null;
    }
    if (given.size() > MAX_VALUES) {
      throw HttpError.invalidField(field, "at most " + MAX_VALUES + " parameters.");
    }
    List<QueryCondition> checked = new ArrayList<>();
    for (int i = 0; i < given.size(); i++) {
      QueryCondition q = given.get(i);
      String at = field + "[" + i + "]";
      if (q == null || q.name() == null || q.name().isBlank()) {
        throw HttpError.invalidField(at + ".name", "the parameter's name is missing.");
      }
      if (q.name().length() > MAX_TEXT) {
        throw HttpError.invalidField(at + ".name", "at most " + MAX_TEXT + " characters.");
      }
      if (q.equals() != null && q.equals().length() > MAX_QUERY_VALUE) {
        throw HttpError.invalidField(at + ".equals", "at most " + MAX_QUERY_VALUE + " characters.");
      }
      checked.add(new QueryCondition(q.name(), q.equals()));
    }
    return List.copyOf(checked);
  }

  private static @Nullable TimeWindow time(String field, @Nullable TimeWindow t) {
    if (t == null) {
      return null;
    }
    if (t.start() != null && t.end() != null && !t.start().isBefore(t.end())) {
      throw HttpError.invalidField(field + ".end", "must be after start.");
    }
    List<String> weekdays =
        values(
            field + ".weekdays",
            t.weekdays(),
            v -> {
              String day = v.toUpperCase(Locale.ROOT);
              day = day.length() > 3 ? day.substring(0, 3) : day;
              if (!WEEKDAYS.contains(day) || v.length() < 3) {
                throw new IllegalArgumentException("is no weekday; use MON, TUE, ... SUN.");
              }
              return day;
            });
    if (t.fromHour() != null && (t.fromHour() < 0 || t.fromHour() > 23)) {
      throw HttpError.invalidField(field + ".fromHour", "must be an hour from 0 to 23.");
    }
    if (t.toHour() != null && (t.toHour() < 1 || t.toHour() > 24)) {
      throw HttpError.invalidField(field + ".toHour", "must be an hour from 1 to 24.");
    }
    if (t.fromHour() != null && t.fromHour().equals(t.toHour())) {
      throw HttpError.invalidField(field + ".toHour", "must differ from fromHour.");
    }
    String zone = null;
    if (t.zone() != null && !t.zone().isBlank()) {
      try {
        zone = ZoneId.of(t.zone().strip()).getId();
      } catch (DateTimeException e) {
        throw HttpError.invalidField(
            field + ".zone", "'" + t.zone() + "' is no time zone (e.g. Europe/Berlin).");
      }
    }
    return new TimeWindow(t.start(), t.end(), weekdays, t.fromHour(), t.toHour(), zone);
  }
}
