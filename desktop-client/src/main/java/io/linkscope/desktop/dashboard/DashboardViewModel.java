package io.linkscope.desktop.dashboard;

import io.linkscope.api.link.LinkView;
import io.linkscope.desktop.analytics.Analytics;
import io.linkscope.desktop.analytics.RangePreset;
import io.linkscope.desktop.analytics.Scope;
import io.linkscope.desktop.analytics.TimeRange;
import io.linkscope.desktop.ui.Counts;
import io.linkscope.desktop.ui.Notifier;
import io.linkscope.desktop.ui.SeriesPoint;
import io.linkscope.desktop.ui.Slice;
import io.linkscope.desktop.workspace.LocalData;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import org.jspecify.annotations.Nullable;

/**
 * The workspace at a glance: totals with change vs the previous period, the trend, top links, top
 * sources and clicks by country, all from the local store.
 */
public final class DashboardViewModel {
  /** A total and its change vs the previous period in percent (null: nothing to compare). */
  public record Kpi(String label, long value, @Nullable Double changePercent) {}

  /** A link with its clicks in the range. */
  public record TopLink(long id, String name, String shortUrl, long clicks) {}

  /** Everything the dashboard shows, computed in one go off the UI thread. */
  public record Snapshot(
      TimeRange range,
      List<Kpi> kpis,
      List<SeriesPoint> trend,
      List<SeriesPoint> previousTrend,
      List<TopLink> topLinks,
      List<Slice> topSources,
      Map<String, Long> countries,
      boolean empty) {}

  private final LocalData session;
  private final ZoneId zone;
  private final Notifier notifier;
  private final ObjectProperty<RangePreset> preset =
      new SimpleObjectProperty<>(this, "preset", RangePreset.LAST_30_DAYS);
  private final ReadOnlyObjectWrapper<Snapshot> snapshot =
      new ReadOnlyObjectWrapper<>(this, "snapshot");
  private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");

  public DashboardViewModel(LocalData session, ZoneId zone, Notifier notifier) {
    this.session = session;
    this.zone = zone;
    this.notifier = notifier;
    preset.addListener((observable, before, after) -> reload());
    session.dataVersionProperty().addListener((observable, before, after) -> reload());
  }

  /** The range shown; every preset but "custom" is offered. */
  public ObjectProperty<RangePreset> presetProperty() {
    return preset;
  }

  public List<RangePreset> presets() {
    return List.of(RangePreset.values()).subList(0, RangePreset.values().length - 1);
  }

  public ReadOnlyObjectProperty<Snapshot> snapshotProperty() {
    return snapshot.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty loadingProperty() {
    return loading.getReadOnlyProperty();
  }

  public void reload() {
    loading.set(true);
    RangePreset chosen = preset.get();
    session
        .background()
        .run(
            "Dashboard",
            () -> compute(chosen),
            result -> {
              snapshot.set(result);
              loading.set(false);
            },
            failure -> {
              loading.set(false);
              notifier.error(
                  "The dashboard cannot be shown",
                  "Reading the local copy of the workspace failed ("
                      + describe(failure)
                      + "). The next sync writes it again; if this keeps happening, remove the"
                      + " connection and add it again.");
            });
  }

  private static String describe(Throwable failure) {
    String message = failure.getMessage();
    return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
  }

  private Snapshot compute(RangePreset chosen) {
    Analytics analytics = new Analytics(session.store());
    TimeRange range = chosen.range(session.clock(), zone, chosen.granularity(), null, null);
    TimeRange previous = range.previous();
    Counts clicks = analytics.totals(Scope.workspaceClicks(), range);
    Counts clicksBefore = analytics.totals(Scope.workspaceClicks(), previous);
    Counts views = analytics.totals(Scope.workspaceViews(), range);
    Counts viewsBefore = analytics.totals(Scope.workspaceViews(), previous);
    List<Kpi> kpis =
        List.of(
            new Kpi(
                "Clicks",
                clicks.clicks(),
                Counts.changePercent(clicks.clicks(), clicksBefore.clicks())),
            new Kpi(
                "Unique visitors",
                clicks.uniques(),
                Counts.changePercent(clicks.uniques(), clicksBefore.uniques())),
            new Kpi(
                "Page views",
                views.clicks(),
                Counts.changePercent(views.clicks(), viewsBefore.clicks())));
    Map<Long, LinkView> links =
        session.store().links().stream()
            .collect(Collectors.toMap(LinkView::id, Function.identity()));
    List<TopLink> topLinks =
        analytics.perScope("link", "click", range).stream()
            .limit(8)
            .map(
                slice -> {
                  LinkView link = links.get(Long.parseLong(slice.value()));
                  String name =
                      link == null
                          ? "Deleted link #" + slice.value()
                          : link.title() == null || link.title().isBlank()
                              ? "/" + link.slug()
                              : link.title();
                  return new TopLink(
                      Long.parseLong(slice.value()),
                      name,
                      link == null ? "" : link.shortUrl(),
                      slice.counts().clicks());
                })
            .toList();
    // All of them: the chart shows the top ones and sums the rest into "Other".
    List<Slice> sources = analytics.breakdown(Scope.workspaceClicks(), "source", range);
    Map<String, Long> countries = new HashMap<>();
    for (Slice slice : analytics.breakdown(Scope.workspaceClicks(), "country", range)) {
      countries.put(slice.value(), slice.counts().clicks());
    }
    return new Snapshot(
        range,
        kpis,
        analytics.series(Scope.workspaceClicks(), range),
        analytics.series(Scope.workspaceClicks(), previous),
        topLinks,
        sources,
        countries,
        links.isEmpty() && clicks.clicks() == 0);
  }
}
