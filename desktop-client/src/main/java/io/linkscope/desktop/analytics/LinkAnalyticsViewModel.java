package io.linkscope.desktop.analytics;

import io.linkscope.api.link.LinkView;
import io.linkscope.desktop.connection.Session;
import io.linkscope.desktop.ui.Counts;
import io.linkscope.desktop.ui.Granularity;
import io.linkscope.desktop.ui.SeriesPoint;
import io.linkscope.desktop.ui.Slice;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * One link's analytics: a range (preset or custom), granularity and time zone; the series against
 * the previous period, breakdowns, the hour × weekday heatmap and the map; CSV of what is shown.
 */
public final class LinkAnalyticsViewModel {
  /** The breakdowns shown, wire name → heading. */
  public static final Map<String, String> DIMENSIONS = dimensions();

  /** Everything the analytics screen shows, computed in one go off the UI thread. */
  public record Snapshot(
      LinkView link,
      TimeRange range,
      Counts totals,
      Counts previousTotals,
      List<SeriesPoint> series,
      List<SeriesPoint> previousSeries,
      Map<String, List<Slice>> breakdowns,
      long[][] heatmap) {

    /** Clicks per country code, for the map. */
    public Map<String, Long> countries() {
      Map<String, Long> countries = new LinkedHashMap<>();
      breakdowns
          .getOrDefault("country", List.of())
          .forEach(slice -> countries.put(slice.value(), slice.counts().clicks()));
      return countries;
    }
  }

  private final Session session;
  private final ObjectProperty<LinkView> link = new SimpleObjectProperty<>(this, "link");
  private final ObjectProperty<RangePreset> preset =
      new SimpleObjectProperty<>(this, "preset", RangePreset.LAST_30_DAYS);
  private final ObjectProperty<LocalDate> customFrom = new SimpleObjectProperty<>(this, "from");
  private final ObjectProperty<LocalDate> customTo = new SimpleObjectProperty<>(this, "to");
  private final ObjectProperty<Granularity> granularity =
      new SimpleObjectProperty<>(this, "granularity", Granularity.DAY);
  private final ObjectProperty<ZoneId> zone = new SimpleObjectProperty<>(this, "zone");
  private final ReadOnlyObjectWrapper<Snapshot> snapshot =
      new ReadOnlyObjectWrapper<>(this, "snapshot");
  private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
  private long requested;

  public LinkAnalyticsViewModel(Session session, ZoneId defaultZone) {
    this.session = session;
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
    link.addListener((o, a, b) -> reload());
    customFrom.addListener((o, a, b) -> reloadIfCustom());
    customTo.addListener((o, a, b) -> reloadIfCustom());
    granularity.addListener((o, a, b) -> reload());
    zone.addListener((o, a, b) -> reload());
    session.dataVersionProperty().addListener((o, a, b) -> reload());
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

  public ReadOnlyObjectProperty<Snapshot> snapshotProperty() {
    return snapshot.getReadOnlyProperty();
  }

  /** Why nothing could be shown (e.g. a custom range that ends before it starts). */
  public ReadOnlyStringProperty problemProperty() {
    return problem.getReadOnlyProperty();
  }

  private void reloadIfCustom() {
    if (preset.get() == RangePreset.CUSTOM) {
      reload();
    }
  }

  public void reload() {
    LinkView chosen = link.get();
    if (chosen == null || preset.get() == null || zone.get() == null) {
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
    long request = ++requested;
    session
        .background()
        .run(
            "Link analytics",
            () -> compute(chosen, range),
            result -> {
              // A slower, older request must not overwrite a newer one.
              if (request == requested) {
                snapshot.set(result);
              }
            },
            failure -> problem.set("Cannot read the local store: " + failure.getMessage()));
  }

  /** Computes the snapshot of one link and range; public for the benchmark. */
  public Snapshot compute(LinkView chosen, TimeRange range) {
    Analytics analytics = session.analytics();
    Scope scope = Scope.link(chosen.id());
    Map<String, List<Slice>> breakdowns = new LinkedHashMap<>();
    for (String dimension : DIMENSIONS.keySet()) {
      breakdowns.put(dimension, analytics.breakdown(scope, dimension, range));
    }
    return new Snapshot(
        chosen,
        range,
        analytics.totals(scope, range),
        analytics.totals(scope, range.previous()),
        analytics.series(scope, range),
        analytics.series(scope, range.previous()),
        breakdowns,
        analytics.heatmap(scope, range));
  }

  /** The numbers on screen as CSV: the series with the previous period, then every breakdown. */
  public String csv() {
    Snapshot shown = snapshot.get();
    if (shown == null) {
      return "";
    }
    DateTimeFormatter format = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    StringBuilder csv = new StringBuilder("section,key,clicks,uniques,previous_clicks\n");
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
    return csv.toString();
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
