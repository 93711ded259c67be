package io.linkscope.desktop.links;

import io.linkscope.api.routing.QueryCondition;
import io.linkscope.api.routing.RoutingRule;
import io.linkscope.api.routing.RuleConditions;
import io.linkscope.api.routing.TimeWindow;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.jspecify.annotations.Nullable;

/**
 * One routing rule being edited: its conditions as text fields (lists comma separated), weekday
 * boxes, hours and a time zone, the action and an optional name. Keeps the rule's id, so that its
 * statistics stay attached when the list is sent back, and the time window's start and end, which
 * the dialog does not edit. Gives the compact one-line summary the rule list shows.
 */
public final class RuleViewModel {

  /** What a matching rule does. */
  public enum Action {
    REDIRECT(RoutingRule.REDIRECT, "Redirect to URL"),
    FALLBACK(RoutingRule.FALLBACK, "Fallback (as when the link is not active)"),
    NOT_FOUND(RoutingRule.NOT_FOUND, "Not found (404 page)");

    private final String wire;
    private final String label;

    Action(String wire, String label) {
      this.wire = wire;
      this.label = label;
    }

    public String wire() {
      return wire;
    }

    @Override
    public String toString() {
      return label;
    }

    static Action of(@Nullable String wire) {
      for (Action action : values()) {
        if (action.wire.equals(wire)) {
          return action;
        }
      }
      return REDIRECT;
    }
  }

  /** The bot condition: none, only bots and link previewers, or only humans. */
  public enum Bots {
    ANY("Bots and humans"),
    ONLY_BOTS("Only bots and link previews"),
    ONLY_HUMANS("Only humans");

    private final String label;

    Bots(String label) {
      this.label = label;
    }

    @Override
    public String toString() {
      return label;
    }
  }

  private final @Nullable Long id;
  private final @Nullable Instant start;
  private final @Nullable Instant end;
  private final StringProperty name = text("name");
  private final ObjectProperty<Action> action =
      new SimpleObjectProperty<>(this, "action", Action.REDIRECT);
  private final StringProperty target = text("target");
  private final StringProperty devices = text("devices");
  private final StringProperty os = text("os");
  private final StringProperty browsers = text("browsers");
  private final StringProperty inApp = text("inApp");
  private final StringProperty countries = text("countries");
  private final StringProperty regions = text("regions");
  private final StringProperty cities = text("cities");
  private final StringProperty ipRanges = text("ipRanges");
  private final StringProperty languages = text("languages");
  private final StringProperty query = text("query");
  private final StringProperty referrers = text("referrers");
  private final Map<DayOfWeek, BooleanProperty> weekdays = new EnumMap<>(DayOfWeek.class);
  private final StringProperty fromHour = text("fromHour");
  private final StringProperty toHour = text("toHour");
  private final StringProperty zone = text("zone");
  private final ObjectProperty<Bots> bots = new SimpleObjectProperty<>(this, "bots", Bots.ANY);
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
  private final StringBinding summary;

  private RuleViewModel(@Nullable RoutingRule rule) {
    for (DayOfWeek day : DayOfWeek.values()) {
      weekdays.put(day, new SimpleBooleanProperty(this, day.name(), false));
    }
    TimeWindow time = null;
    if (rule != null) {
      name.set(Objects.requireNonNullElse(rule.name(), ""));
      action.set(Action.of(rule.action()));
      target.set(Objects.requireNonNullElse(rule.targetUrl(), ""));
      RuleConditions when = rule.when();
      if (when != null) {
        devices.set(join(when.devices()));
        os.set(join(when.os()));
        browsers.set(join(when.browsers()));
        inApp.set(join(when.inApp()));
        countries.set(join(when.countries()));
        regions.set(join(when.regions()));
        cities.set(join(when.cities()));
        ipRanges.set(join(when.ipRanges()));
        languages.set(join(when.languages()));
        query.set(joinQuery(when.query()));
        referrers.set(join(when.referrerSources()));
        bots.set(when.bot() == null ? Bots.ANY : when.bot() ? Bots.ONLY_BOTS : Bots.ONLY_HUMANS);
        time = when.time();
      }
    }
    id = rule == null ? null : rule.id();
    start = time == null ? null : time.start();
    end = time == null ? null : time.end();
    if (time != null) {
      if (time.weekdays() != null) {
        for (String day : time.weekdays()) {
          DayOfWeek parsed = weekday(day);
          if (parsed != null) {
            weekday(parsed).set(true);
          }
        }
      }
      fromHour.set(time.fromHour() == null ? "" : time.fromHour().toString());
      toHour.set(time.toHour() == null ? "" : time.toHour().toString());
      zone.set(Objects.requireNonNullElse(time.zone(), ""));
    }
    List<Observable> parts =
        new ArrayList<>(
            List.of(
                name, action, target, devices, os, browsers, inApp, countries, regions, cities,
                ipRanges, languages, query, referrers, fromHour, toHour, zone, bots));
    parts.addAll(weekdays.values());
    summary = Bindings.createStringBinding(this::describe, parts.toArray(Observable[]::new));
    // A shown error is checked again as the rule changes, and goes once it is fixed.
    for (Observable part : parts) {
      part.addListener(
          changed -> {
            if (!error.get().isEmpty()) {
              error.set(problem());
            }
          });
    }
  }

  /** A new rule: no conditions yet, redirecting. */
  public static RuleViewModel newRule() {
    return new RuleViewModel(null);
  }

  /** The editor of a stored rule, keeping its id. */
  public static RuleViewModel of(RoutingRule rule) {
    return new RuleViewModel(rule);
  }

  private StringProperty text(String property) {
    return new SimpleStringProperty(this, property, "");
  }

  /** The collector's id of the rule; null for a rule not saved yet. */
  public @Nullable Long id() {
    return id;
  }

  public StringProperty nameProperty() {
    return name;
  }

  public ObjectProperty<Action> actionProperty() {
    return action;
  }

  /** Where a redirect rule sends the visit. */
  public StringProperty targetProperty() {
    return target;
  }

  public StringProperty devicesProperty() {
    return devices;
  }

  public StringProperty osProperty() {
    return os;
  }

  public StringProperty browsersProperty() {
    return browsers;
  }

  public StringProperty inAppProperty() {
    return inApp;
  }

  public StringProperty countriesProperty() {
    return countries;
  }

  public StringProperty regionsProperty() {
    return regions;
  }

  public StringProperty citiesProperty() {
    return cities;
  }

  public StringProperty ipRangesProperty() {
    return ipRanges;
  }

  public StringProperty languagesProperty() {
    return languages;
  }

  /** Query conditions, comma separated: {@code ref} (present) or {@code ref=bio} (equal). */
  public StringProperty queryProperty() {
    return query;
  }

  public StringProperty referrersProperty() {
    return referrers;
  }

  /** Whether the rule matches on this day of the week (no day ticked: every day). */
  public BooleanProperty weekday(DayOfWeek day) {
    return Objects.requireNonNull(weekdays.get(day));
  }

  public StringProperty fromHourProperty() {
    return fromHour;
  }

  public StringProperty toHourProperty() {
    return toHour;
  }

  /** The time zone of the weekdays and hours; empty for UTC. */
  public StringProperty zoneProperty() {
    return zone;
  }

  public ObjectProperty<Bots> botsProperty() {
    return bots;
  }

  /** What is wrong with the rule, from the form's checks or the collector's answer; "" if fine. */
  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  void showError(String message) {
    error.set(message);
  }

  /** "iOS · DE, AT → https://…": the rule in one line, for the list. */
  public StringBinding summaryProperty() {
    return summary;
  }

  /** Checks the rule, shows its problem and says whether it can be sent. */
  boolean validate() {
    error.set(problem());
    return error.get().isEmpty();
  }

  private String problem() {
    if (action.get() == Action.REDIRECT) {
      String url = target.get().strip();
      if (url.isEmpty()) {
        return "Enter the URL this rule sends visits to, or choose another action.";
      }
      String problem = LinkEditorViewModel.urlProblem(url, true);
      if (!problem.isEmpty()) {
        return problem;
      }
    }
    String from = fromHour.get().strip();
    String to = toHour.get().strip();
    if (!from.isEmpty() && hour(from, 0, 23) == null) {
      return "The hour 'from' is a whole hour from 0 to 23.";
    }
    if (!to.isEmpty() && hour(to, 1, 24) == null) {
      return "The hour 'to' is a whole hour from 1 to 24.";
    }
    if (!from.isEmpty() && from.equals(to)) {
      return "The hours 'from' and 'to' must differ.";
    }
    if (!zone.get().isBlank()) {
      try {
        ZoneId.of(zone.get().strip());
      } catch (DateTimeException e) {
        return "'" + zone.get().strip() + "' is no time zone (e.g. Europe/Berlin).";
      }
    }
    for (String range : split(ipRanges.get())) {
      if (!range.matches("[0-9A-Fa-f:.]+(/\\d{1,3})?")) {
        return "'" + range + "' is no address or CIDR range (e.g. 203.0.113.0/24).";
      }
    }
    return "";
  }

  private static @Nullable Integer hour(String text, int min, int max) {
    if (!text.matches("\\d{1,2}")) {
      return null;
    }
    int value = Integer.parseInt(text);
    return value < min || value > max ? null : value;
  }

  /** The rule as the collector takes it; the id kept, empty conditions left out. */
  RoutingRule toRule() {
    List<String> days = new ArrayList<>();
    weekdays.forEach(
        (day, on) -> {
          if (on.get()) {
            days.add(day.name().substring(0, 3));
          }
        });
    TimeWindow time =
        days.isEmpty()
                && fromHour.get().isBlank()
                && toHour.get().isBlank()
                && zone.get().isBlank()
                && start == null
                && end == null
            ? null
            : new TimeWindow(
                start,
                end,
                days.isEmpty() ? null : days,
                hour(fromHour.get().strip(), 0, 23),
                hour(toHour.get().strip(), 1, 24),
                zone.get().isBlank() ? null : zone.get().strip());
    List<QueryCondition> params = new ArrayList<>();
    for (String part : split(query.get())) {
      int equals = part.indexOf('=');
      params.add(
          equals < 0
              ? new QueryCondition(part, null)
              : new QueryCondition(
                  part.substring(0, equals).strip(), part.substring(equals + 1).strip()));
    }
    RuleConditions when =
        new RuleConditions(
            list(devices),
            list(os),
            list(browsers),
            list(inApp),
            list(countries, true),
            list(regions),
            list(cities),
            list(ipRanges),
            list(languages),
            params.isEmpty() ? null : params,
            list(referrers),
            time,
            switch (bots.get()) {
              case ANY -> null;
              case ONLY_BOTS -> true;
              case ONLY_HUMANS -> false;
            });
    Action chosen = action.get();
    return new RoutingRule(
        id,
        when,
        chosen.wire(),
        chosen == Action.REDIRECT ? target.get().strip() : null,
        name.get().isBlank() ? null : name.get().strip());
  }

  private String describe() {
    List<String> parts = new ArrayList<>();
    addIfAny(parts, "", devices);
    addIfAny(parts, "", os);
    addIfAny(parts, "", browsers);
    addIfAny(parts, "in ", inApp);
    addIfAny(parts, "", countries);
    addIfAny(parts, "", regions);
    addIfAny(parts, "", cities);
    addIfAny(parts, "IP ", ipRanges);
    addIfAny(parts, "lang ", languages);
    for (String param : split(query.get())) {
      parts.add("?" + param);
    }
    addIfAny(parts, "from ", referrers);
    String when = timeText();
    if (!when.isEmpty()) {
      parts.add(when);
    }
    switch (bots.get()) {
      case ONLY_BOTS -> parts.add("bots");
      case ONLY_HUMANS -> parts.add("humans");
      case ANY -> {}
    }
    String conditions = parts.isEmpty() ? "every visit" : String.join(" · ", parts);
    String outcome =
        switch (action.get()) {
          case REDIRECT -> target.get().isBlank() ? "(no URL yet)" : target.get().strip();
          case FALLBACK -> "fallback";
          case NOT_FOUND -> "404";
        };
    String label = name.get().isBlank() ? "" : name.get().strip() + ": ";
    return label + conditions + " → " + outcome;
  }

  private String timeText() {
    List<String> days = new ArrayList<>();
    weekdays.forEach(
        (day, on) -> {
          if (on.get()) {
            days.add(day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
          }
        });
    List<String> parts = new ArrayList<>();
    if (!days.isEmpty()) {
      parts.add(String.join(" ", days));
    }
    if (!fromHour.get().isBlank() || !toHour.get().isBlank()) {
      parts.add(
          (fromHour.get().isBlank() ? "0" : fromHour.get().strip())
              + "–"
              + (toHour.get().isBlank() ? "24" : toHour.get().strip())
              + " h");
    }
    if (!parts.isEmpty() && !zone.get().isBlank()) {
      parts.add(zone.get().strip());
    }
    return String.join(" ", parts);
  }

  private static void addIfAny(List<String> parts, String prefix, StringProperty values) {
    List<String> list = split(values.get());
    if (!list.isEmpty()) {
      parts.add(prefix + String.join(", ", list));
    }
  }

  private static @Nullable List<String> list(StringProperty values) {
    return list(values, false);
  }

  private static @Nullable List<String> list(StringProperty values, boolean upperCase) {
    List<String> list = split(values.get());
    if (upperCase) {
      list = list.stream().map(v -> v.toUpperCase(Locale.ROOT)).toList();
    }
    return list.isEmpty() ? null : list;
  }

  /** The non-blank parts of a comma separated text, stripped. */
  static List<String> split(@Nullable String text) {
    List<String> list = new ArrayList<>();
    if (text != null) {
      for (String part : text.split(",")) {
        if (!part.isBlank()) {
          list.add(part.strip());
        }
      }
    }
    return list;
  }

  private static String join(@Nullable List<String> values) {
    return values == null ? "" : String.join(", ", values);
  }

  private static String joinQuery(@Nullable List<QueryCondition> conditions) {
    if (conditions == null) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    for (QueryCondition condition : conditions) {
      String param = Objects.requireNonNullElse(condition.name(), "");
      parts.add(condition.equals() == null ? param : param + "=" + condition.equals());
    }
    return String.join(", ", parts);
  }

  private static @Nullable DayOfWeek weekday(String text) {
    for (DayOfWeek day : DayOfWeek.values()) {
      if (day.name().regionMatches(true, 0, text.strip(), 0, 3) && text.strip().length() == 3) {
        return day;
      }
    }
    return null;
  }
}
