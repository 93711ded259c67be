package io.linkscope.desktop.analytics;

import io.linkscope.api.ApiException;
import io.linkscope.api.link.LinkView;
import io.linkscope.api.stats.Breakdown;
import io.linkscope.api.stats.BreakdownRow;
import io.linkscope.api.stats.LinkReport;
import io.linkscope.api.stats.StatsQuery;
import io.linkscope.desktop.ui.Counts;
import io.linkscope.desktop.ui.Formats;
import io.linkscope.desktop.ui.Granularity;
import io.linkscope.desktop.ui.Notifier;
import io.linkscope.desktop.ui.SeriesPoint;
import io.linkscope.desktop.ui.Slice;
import io.linkscope.desktop.workspace.Workspace;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;

/**
 * One link's analytics: a range (preset or custom), granularity and time zone; the series against
 * the previous period, breakdowns, the hour × weekday heatmap and the map; a drill-down filter (one
 * dimension value) over all of them; CSV of what is shown; and the comparison of several links
 * ({@link #compare()}) over the same range.
 */
public final class LinkAnalyticsViewModel {
  /** The breakdowns shown, wire name → heading. */
  public static final Map<String, String> DIMENSIONS = dimensions();

  /** The parts of the screen besides the breakdowns, as named in {@link Snapshot#unavailable()}. */
  public static final String SERIES = "series";

  public static final String HEATMAP = "heatmap";
  public static final String MAP = "map";

  /**
   * Everything the analytics screen shows, computed in one go off the UI thread.
   *
   * @param filter the drill-down filter every number is about, if any
   * @param unavailable the parts ({@link #SERIES}, {@link #HEATMAP}, {@link #MAP}, dimension names)
   *     that cannot be shown for this filter: their numbers would be wrong
   * @param note what the filter covers and, when parts are unavailable, why; empty without filter
   */
  public record Snapshot(
      LinkView link,
      TimeRange range,
      @Nullable Filter filter,
      Counts totals,
      Counts previousTotals,
      List<SeriesPoint> series,
      List<SeriesPoint> previousSeries,
      Map<String, List<Slice>> breakdowns,
      long[][] heatmap,
      Set<String> unavailable,
      String note) {

    /** Clicks per country code, for the map. */
    public Map<String, Long> countries() {
      Map<String, Long> countries = new LinkedHashMap<>();
      breakdowns
          .getOrDefault("country", List.of())
          .forEach(slice -> countries.put(slice.value(), slice.counts().clicks()));
      return countries;
    }

    public boolean shows(String part) {
      return !unavailable.contains(part);
    }
  }

  private final Workspace session;
  private final Notifier notifier;
  private final CompareViewModel compare;
  private final ObjectProperty<LinkView> link = new SimpleObjectProperty<>(this, "link");
  private final ObjectProperty<RangePreset> preset =
      new SimpleObjectProperty<>(this, "preset", RangePreset.LAST_30_DAYS);
  private final ObjectProperty<LocalDate> customFrom = new SimpleObjectProperty<>(this, "from");
  private final ObjectProperty<LocalDate> customTo = new SimpleObjectProperty<>(this, "to");
  private final ObjectProperty<Granularity> granularity =
      new SimpleObjectProperty<>(this, "granularity", Granularity.DAY);
  private final ObjectProperty<ZoneId> zone = new SimpleObjectProperty<>(this, "zone");
  private final ObjectProperty<@Nullable Filter> filter =
      new SimpleObjectProperty<>(this, "filter");
  private final BooleanProperty comparing = new SimpleBooleanProperty(this, "comparing");
  private final ReadOnlyObjectWrapper<Snapshot> snapshot =
      new ReadOnlyObjectWrapper<>(this, "snapshot");
  private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
  private final ObservableList<LinkView> links = FXCollections.observableArrayList();
  private long requested;

  public LinkAnalyticsViewModel(Workspace session, ZoneId defaultZone, Notifier notifier) {
    this.session = session;
    this.notifier = notifier;
    this.compare = new CompareViewModel(session, notifier);
    zone.set(defaultZone);
    LocalDate today = session.clock().instant().atZone(defaultZone).toLocalDate();
    customFrom.set(today.minusDays(13));
    customTo.set(today);
    preset.addListener(
        (o, before, after) -> {
          if (after != null) {
            granularity.set(after.granularity());
          }
          reload();
        });
    link.addListener(
        (o, before, after) -> {
          // A filter belongs to what the user drilled into: a new link starts unfiltered.
          filter.set(null);
          reload();
        });
    customFrom.addListener((o, a, b) -> reloadIfCustom());
    customTo.addListener((o, a, b) -> reloadIfCustom());
    granularity.addListener((o, a, b) -> reload());
    zone.addListener((o, a, b) -> reload());
    filter.addListener((o, a, b) -> reload());
    comparing.addListener((o, a, b) -> reload());
    session.dataVersionProperty().addListener((o, a, b) -> reloadAll());
    reloadLinks();
  }

  private void reloadAll() {
    reloadLinks();
    reload();
  }

  private void reloadLinks() {
    session
        .background()
        .run(
            "Links to choose from",
            () -> session.store().links(),
            links::setAll,
            failure ->
                notifier.error(
                    "Cannot list the links", "The local copy could not be read: " + failure));
  }

  /** Every link of the workspace, to choose from. */
  public ObservableList<LinkView> links() {
    return links;
  }

  public ObjectProperty<LinkView> linkProperty() {
    return link;
  }

  public ObjectProperty<RangePreset> presetProperty() {
    return preset;
  }

  public ObjectProperty<LocalDate> customFromProperty() {
    return customFrom;
  }

  public ObjectProperty<LocalDate> customToProperty() {
    return customTo;
  }

  public ObjectProperty<Granularity> granularityProperty() {
    return granularity;
  }

  public ObjectProperty<ZoneId> zoneProperty() {
    return zone;
  }

  /** The drill-down filter over every chart, or null. */
  public ObjectProperty<@Nullable Filter> filterProperty() {
    return filter;
  }

  /** Shows only the clicks whose {@code dimension} is {@code value} (a clicked bar or country). */
  public void filterBy(String dimension, String value) {
    filter.set(new Filter(dimension, value));
  }

  public void clearFilter() {
    filter.set(null);
  }

  /** Whether the screen compares links instead of showing one. */
  public BooleanProperty comparingProperty() {
    return comparing;
  }

  /** The comparison of several links over this screen's range. */
  public CompareViewModel compare() {
    return compare;
  }

  public ReadOnlyObjectProperty<Snapshot> snapshotProperty() {
    return snapshot.getReadOnlyProperty();
  }

  /** Why nothing could be shown (e.g. a custom range that ends before it starts). */
  public ReadOnlyStringProperty problemProperty() {
    return problem.getReadOnlyProperty();
  }

  /** The label of a filter, e.g. "Device: Mobile". */
  public static String label(Filter filter) {
    return dimensionName(filter.dimension())
        + ": "
        + Formats.value(filter.dimension(), filter.value());
  }

  /** A dimension's name in the singular, e.g. "Device" for "device". */
  public static String dimensionName(String dimension) {
    return switch (DIMENSIONS.getOrDefault(dimension, dimension)) {
      case "Countries" -> "Country";
      case "Devices" -> "Device";
      case "Browsers" -> "Browser";
      case "Operating systems" -> "Operating system";
      case "In-app browsers" -> "In-app browser";
      case "Sources" -> "Source";
      case String heading -> heading;
    };
  }

  /** Says, next to the day fields, that {@code text} typed into one of them is not a day. */
  public void rejectDay(String text) {
    LocalDate example = customTo.get();
    problem.set(
        Formats.notADate(text, example == null ? LocalDate.now(session.clock()) : example)
            + " The range is unchanged.");
  }

  private void reloadIfCustom() {
    if (preset.get() == RangePreset.CUSTOM) {
      reload();
    }
  }

  public void reload() {
    if (preset.get() == null || zone.get() == null) {
      return;
    }
    if (preset.get() == RangePreset.CUSTOM
        && (customFrom.get() == null
            || customTo.get() == null
            || customTo.get().isBefore(customFrom.get()))) {
      problem.set("The custom range must end on or after its first day.");
      return;
    }
    problem.set("");
    TimeRange range =
        preset
            .get()
            .range(
                session.clock(), zone.get(), granularity.get(), customFrom.get(), customTo.get());
    if (comparing.get()) {
      compare.show(range);
    }
    LinkView chosen = link.get();
    if (chosen == null) {
      return;
    }
    Filter drill = filter.get();
    boolean online = session.writableProperty().get();
    long request = ++requested;
    session
        .background()
        .run(
            "Link analytics",
            () -> compute(chosen, range, drill, online),
            result -> {
              // A slower, older request must not overwrite a newer one.
              if (request == requested) {
                snapshot.set(result);
              }
            },
            failure ->
                notifier.error(
                    "Cannot show the analytics of /" + chosen.slug(),
                    "The local copy could not be read: "
                        + failure.getMessage()
                        + ". Try again after the next sync; if it keeps failing, remove the"
                        + " workspace and add it again to rebuild the copy."));
  }

  /** The collector's host and port, as the user knows it from the connection switcher. */
  private String host() {
    String authority = URI.create(session.collectorUrl()).getAuthority();
    return authority == null ? session.collectorUrl() : authority;
  }

  /** Computes the snapshot of one link and range without filter; public for the benchmark. */
  public Snapshot compute(LinkView chosen, TimeRange range) {
    Analytics analytics = new Analytics(session.store());
    Scope scope = Scope.link(chosen.id());
    Map<String, List<Slice>> breakdowns = new LinkedHashMap<>();
    for (String dimension : DIMENSIONS.keySet()) {
      breakdowns.put(dimension, analytics.breakdown(scope, dimension, range));
    }
    return new Snapshot(
        chosen,
        range,
        null,
        analytics.totals(scope, range),
        analytics.totals(scope, range.previous()),
        analytics.series(scope, range),
        analytics.series(scope, range.previous()),
        breakdowns,
        analytics.heatmap(scope, range),
        Set.of(),
        "");
  }

  /**
   * With a filter, every chart comes from the collector when it is online (it keeps each click and
   * filters exactly); otherwise, or when it cannot be reached, from the local copy as far as it is
   * right: the copy keeps each dimension per UTC day and on its own.
   */
  Snapshot compute(LinkView chosen, TimeRange range, @Nullable Filter drill, boolean online) {
    if (drill == null) {
      return compute(chosen, range);
    }
    String why = "";
    if (online) {
      try {
        return fromCollector(chosen, range, drill);
      } catch (ApiException refused) {
        why = host() + " refused the filter (" + refused.error().message() + "). ";
      } catch (RuntimeException unreachable) {
        if (!isUnreachable(unreachable)) {
          throw unreachable;
        }
        why = host() + " cannot be reached. ";
      }
    } else {
      why = "Offline. ";
    }
    return fromLocalCopy(chosen, range, drill, why);
  }

  private Snapshot fromCollector(LinkView chosen, TimeRange range, Filter drill) {
    StatsQuery query =
        StatsQuery.link(chosen.id(), range.from(), range.to())
            .inZone(zoneName(range.zone()))
            .where(drill.dimension(), drill.apiValue());
    LinkReport report =
        session
            .client()
            .statsReport(query, range.granularity().name().toLowerCase(Locale.ROOT), 100);
    Map<String, List<Slice>> breakdowns = new LinkedHashMap<>();
    for (String dimension : DIMENSIONS.keySet()) {
      breakdowns.put(dimension, List.of());
    }
    for (Breakdown breakdown : report.breakdowns()) {
      if (breakdowns.containsKey(breakdown.dimension())) {
        breakdowns.put(
            breakdown.dimension(), breakdown.rows().stream().map(row -> slice(row)).toList());
      }
    }
    return new Snapshot(
        chosen,
        range,
        drill,
        new Counts(report.summary().current().clicks(), report.summary().current().uniques()),
        new Counts(report.summary().previous().clicks(), report.summary().previous().uniques()),
        points(report.series().points(), range.zone()),
        points(report.series().previous(), range.zone()),
        breakdowns,
        report.heatmap().clicks(),
        Set.of(),
        "Every chart shows only clicks with " + label(drill) + ", counted by " + host() + ".");
  }

  private static Slice slice(BreakdownRow row) {
    return new Slice(
        row.value().equals("unknown") ? "" : row.value(), new Counts(row.clicks(), row.uniques()));
  }

  private static List<SeriesPoint> points(List<io.linkscope.api.stats.SeriesPoint> api, ZoneId z) {
    return api.stream()
        .map(p -> new SeriesPoint(p.start().atZone(z), new Counts(p.clicks(), p.uniques())))
        .toList();
  }

  /** The zone's IANA name; "UTC" for the offset Z, which the collector does not take. */
  private static String zoneName(ZoneId zone) {
    return zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
  }

  private Snapshot fromLocalCopy(LinkView chosen, TimeRange range, Filter drill, String why) {
    Analytics analytics = new Analytics(session.store());
    Scope scope = Scope.link(chosen.id());
    Counts totals = analytics.totals(scope, drill, range);
    Map<String, List<Slice>> breakdowns = new LinkedHashMap<>();
    breakdowns.put(
        drill.dimension(),
        totals.clicks() == 0 ? List.of() : List.of(new Slice(drill.value(), totals)));
    Set<String> unavailable = new LinkedHashSet<>(DIMENSIONS.keySet());
    unavailable.remove(drill.dimension());
    unavailable.add(HEATMAP);
    if (!drill.dimension().equals("country")) {
      unavailable.add(MAP);
    }
    boolean seriesFits = Analytics.dailyCellsFit(range);
    if (!seriesFits) {
      unavailable.add(SERIES);
    }
    String plural = DIMENSIONS.getOrDefault(drill.dimension(), drill.dimension());
    String note =
        why
            + "The local copy keeps "
            + plural.toLowerCase(Locale.ROOT)
            + " per UTC day and apart from the other breakdowns: it has the clicks of "
            + label(drill)
            + (seriesFits ? " and their days" : "")
            + ", not their hours nor how they split by anything else. Online, the collector"
            + " filters every chart.";
    return new Snapshot(
        chosen,
        range,
        drill,
        totals,
        analytics.totals(scope, drill, range.previous()),
        seriesFits ? analytics.series(scope, drill, range) : List.of(),
        seriesFits ? analytics.series(scope, drill, range.previous()) : List.of(),
        breakdowns,
        new long[7][24],
        Set.copyOf(unavailable),
        note);
  }

  private static boolean isUnreachable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof IOException || t instanceof java.io.UncheckedIOException) {
        return true;
      }
    }
    return false;
  }

  /**
   * A file name that says what is in it: link, first and last day, time zone and filter, e.g.
   * {@code spring-sale_2026-10-22_2026-11-20_Europe-London.csv}.
   */
  public String csvFileName() {
    Snapshot shown = snapshot.get();
    if (shown == null) {
      return "analytics.csv";
    }
    TimeRange range = shown.range();
    StringBuilder name =
        new StringBuilder(shown.link().slug())
            .append('_')
            .append(firstDay(range))
            .append('_')
            .append(lastDay(range))
            .append('_')
            .append(zoneName(range.zone()).replace('/', '-'));
    if (shown.filter() != null) {
      name.append('_')
          .append(shown.filter().dimension())
          .append('-')
          .append(shown.filter().apiValue());
    }
    return name.toString().replaceAll("[^A-Za-z0-9._+-]", "_") + ".csv";
  }

  private static LocalDate firstDay(TimeRange range) {
    return range.from().atZone(range.zone()).toLocalDate();
  }

  private static LocalDate lastDay(TimeRange range) {
    return range.to().minusNanos(1).atZone(range.zone()).toLocalDate();
  }

  /**
   * The numbers on screen as CSV: what they are about (link, range, time zone, filter), then the
   * series with the previous period, every breakdown and the heatmap. Parts the filter cannot be
   * applied to are left out and named.
   */
  public String csv() {
    Snapshot shown = snapshot.get();
    if (shown == null) {
      return "";
    }
    // The file is data for spreadsheets and scripts: ISO-like local times whatever the locale.
    DateTimeFormatter local = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    TimeRange range = shown.range();
    StringBuilder csv = new StringBuilder();
    csv.append("link,")
        .append(quote("/" + shown.link().slug()))
        .append(',')
        .append(quote(shown.link().title() == null ? "" : shown.link().title()))
        .append('\n');
    csv.append("range,")
        .append(local.format(range.from().atZone(range.zone())))
        .append(',')
        .append(local.format(range.to().atZone(range.zone())))
        .append(",end exclusive\n");
    csv.append("time_zone,")
        .append(zoneName(range.zone()))
        .append(',')
        .append(range.zone().getRules().getOffset(range.from()).getId().replace("Z", "+00:00"))
        .append('\n');
    Filter drill = shown.filter();
    if (drill != null) {
      csv.append("filter,")
          .append(drill.dimension())
          .append(',')
          .append(quote(drill.apiValue()))
          .append('\n');
    }
    if (!shown.unavailable().isEmpty()) {
      csv.append("not_filterable,")
          .append(quote(String.join(" ", shown.unavailable().stream().sorted().toList())))
          .append('\n');
    }
    csv.append('\n');
    DateTimeFormatter format = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    csv.append("section,key,clicks,uniques,previous_clicks\n");
    for (int i = 0; i < shown.series().size(); i++) {
      SeriesPoint point = shown.series().get(i);
      long previous =
          i < shown.previousSeries().size() ? shown.previousSeries().get(i).counts().clicks() : 0;
      csv.append("series,")
          .append(format.format(point.start()))
          .append(',')
          .append(point.counts().clicks())
          .append(',')
          .append(point.counts().uniques())
          .append(',')
          .append(previous)
          .append('\n');
    }
    shown
        .breakdowns()
        .forEach(
            (dimension, slices) ->
                slices.forEach(
                    slice ->
                        csv.append(dimension)
                            .append(',')
                            .append(quote(slice.value()))
                            .append(',')
                            .append(slice.counts().clicks())
                            .append(',')
                            .append(slice.counts().uniques())
                            .append(",\n")));
    if (shown.shows(HEATMAP)) {
      for (int day = 0; day < 7; day++) {
        String weekday = DayOfWeek.of(day + 1).getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
        for (int hour = 0; hour < 24; hour++) {
          csv.append("heatmap,")
              .append(weekday)
              .append(String.format(Locale.ROOT, " %02d:00", hour))
              .append(',')
              .append(shown.heatmap()[day][hour])
              .append(",,\n");
        }
      }
    }
    return csv.toString();
  }

  /** Saves {@link #csv()} to {@code file} and says where, or why it could not. */
  public void exportCsv(Path file) {
    try {
      Files.writeString(file, csv());
      notifier.info("Saved to " + file);
    } catch (IOException e) {
      notifier.error(
          "The CSV could not be saved",
          "Writing " + file + " failed (" + e.getMessage() + "). Choose another folder.");
    }
  }

  private static String quote(String value) {
    String text = value == null ? "" : value;
    // A leading = + - @ would run as a formula in spreadsheet apps.
    if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
      text = "'" + text;
    }
    return text.contains(",") || text.contains("\"") || text.contains("\n")
        ? "\"" + text.replace("\"", "\"\"") + "\""
        : text;
  }

  private static Map<String, String> dimensions() {
    Map<String, String> dimensions = new LinkedHashMap<>();
    dimensions.put("country", "Countries");
    dimensions.put("device", "Devices");
    dimensions.put("browser", "Browsers");
    dimensions.put("os", "Operating systems");
    dimensions.put("in_app", "In-app browsers");
    dimensions.put("source", "Sources");
    dimensions.put("utm_source", "UTM source");
    dimensions.put("utm_medium", "UTM medium");
    dimensions.put("utm_campaign", "UTM campaign");
    return java.util.Collections.unmodifiableMap(dimensions);
  }
}
