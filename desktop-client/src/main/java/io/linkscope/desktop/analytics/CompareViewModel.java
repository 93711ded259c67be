package io.linkscope.desktop.analytics;

import io.linkscope.api.link.LinkView;
import io.linkscope.desktop.ui.Counts;
import io.linkscope.desktop.ui.Notifier;
import io.linkscope.desktop.ui.Slice;
import io.linkscope.desktop.workspace.LocalData;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;

/**
 * Links side by side over one range: a tag's links, or any set the user picks (a tag fills the set,
 * links can then be added and removed). Every number comes from the local copy, so comparing works
 * offline and agrees with each link's own analytics.
 */
public final class CompareViewModel {

  /**
   * One link's numbers in the range.
   *
   * @param share its part of the compared links' clicks (0..1)
   * @param topCountry the country with most clicks ("" unknown; null when there were no clicks)
   */
  public record Row(
      LinkView link,
      Counts counts,
      Counts previous,
      double share,
      @Nullable String topCountry,
      @Nullable String topDevice,
      @Nullable String topSource) {

    public @Nullable Double changePercent() {
      return Counts.changePercent(counts.clicks(), previous.clicks());
    }
  }

  /** The comparison shown: rows busiest first and their sum. */
  public record Result(TimeRange range, List<Row> rows, Counts total, Counts previousTotal) {}

  private final LocalData session;
  private final Notifier notifier;
  private final ObservableList<String> tags = FXCollections.observableArrayList();
  private final ObjectProperty<@Nullable String> tag = new SimpleObjectProperty<>(this, "tag");
  private final ObservableList<LinkView> chosen = FXCollections.observableArrayList();
  private final ReadOnlyObjectWrapper<@Nullable Result> result =
      new ReadOnlyObjectWrapper<>(this, "result");
  private @Nullable TimeRange range;
  private long requested;

  CompareViewModel(LocalData session, Notifier notifier) {
    this.session = session;
    this.notifier = notifier;
    tag.addListener(
        (o, before, after) -> {
          if (after != null) {
            chosen.setAll(
                session.store().links().stream()
                    .filter(link -> link.tags() != null && link.tags().contains(after))
                    .toList());
          }
        });
    chosen.addListener((ListChangeListener<LinkView>) change -> reload());
    session.dataVersionProperty().addListener((o, a, b) -> refreshTags());
    refreshTags();
  }

  private void refreshTags() {
    TreeSet<String> all = new TreeSet<>();
    session
        .store()
        .links()
        .forEach(link -> all.addAll(link.tags() == null ? List.of() : link.tags()));
    tags.setAll(all);
  }

  /** Every tag of the workspace's links, in order. */
  public ObservableList<String> tags() {
    return tags;
  }

  /** The tag whose links are compared; choosing one replaces {@link #chosen()}. */
  public ObjectProperty<@Nullable String> tagProperty() {
    return tag;
  }

  /** The links compared. */
  public ObservableList<LinkView> chosen() {
    return chosen;
  }

  public void add(LinkView link) {
    if (chosen.stream().noneMatch(shown -> shown.id() == link.id())) {
      chosen.add(link);
    }
  }

  public void remove(LinkView link) {
    chosen.removeIf(shown -> shown.id() == link.id());
  }

  public ReadOnlyObjectProperty<@Nullable Result> resultProperty() {
    return result.getReadOnlyProperty();
  }

  /** Compares over {@code range} from now on. */
  void show(TimeRange range) {
    this.range = range;
    reload();
  }

  public void reload() {
    TimeRange shown = range;
    if (shown == null) {
      return;
    }
    List<LinkView> links = List.copyOf(chosen);
    long request = ++requested;
    session
        .background()
        .run(
            "Compare links",
            () -> compute(links, shown),
            computed -> {
              if (request == requested) {
                result.set(computed);
              }
            },
            failure ->
                notifier.error(
                    "Cannot compare the links",
                    "The local copy could not be read: " + failure.getMessage()));
  }

  Result compute(List<LinkView> links, TimeRange range) {
    Analytics analytics = new Analytics(session.store());
    List<Row> rows = new ArrayList<>();
    Counts total = Counts.ZERO;
    Counts previousTotal = Counts.ZERO;
    List<Counts> counts = new ArrayList<>();
    for (LinkView link : links) {
      Counts now = analytics.totals(Scope.link(link.id()), range);
      counts.add(now);
      total = total.plus(now);
      previousTotal = previousTotal.plus(analytics.totals(Scope.link(link.id()), range.previous()));
    }
    for (int i = 0; i < links.size(); i++) {
      LinkView link = links.get(i);
      Scope scope = Scope.link(link.id());
      Counts now = counts.get(i);
      rows.add(
          new Row(
              link,
              now,
              analytics.totals(scope, range.previous()),
              total.clicks() == 0 ? 0 : now.clicks() / (double) total.clicks(),
              top(analytics.breakdown(scope, "country", range)),
              top(analytics.breakdown(scope, "device", range)),
              top(analytics.breakdown(scope, "source", range))));
    }
    rows.sort(
        Comparator.comparingLong((Row row) -> row.counts().clicks())
            .reversed()
            .thenComparing(row -> row.link().slug()));
    return new Result(range, List.copyOf(rows), total, previousTotal);
  }

  private static @Nullable String top(List<Slice> slices) {
    return slices.isEmpty() ? null : slices.getFirst().value();
  }
}
