package io.linkscope.desktop.pages;

import com.google.gson.JsonObject;
import io.linkscope.api.bio.BioPageView;
import io.linkscope.api.bio.BioSocialIcon;
import io.linkscope.api.bio.BioWidgetView;
import io.linkscope.desktop.analytics.Analytics;
import io.linkscope.desktop.analytics.RangePreset;
import io.linkscope.desktop.analytics.Scope;
import io.linkscope.desktop.analytics.TimeRange;
import io.linkscope.desktop.ui.Granularity;
import io.linkscope.desktop.ui.Notifier;
import io.linkscope.desktop.ui.Slice;
import io.linkscope.desktop.workspace.Workspace;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;

/**
 * Bio pages: the list, the chosen page's settings and theme, its widgets (add, edit, remove,
 * reorder), publishing and deleting, a preview of the page as the collector renders it, and
 * per-widget taps with tap-through rates from the local store. Confirmations and errors go to the
 * {@link Notifier}; a problem with one field is shown next to that field instead.
 */
public final class PagesViewModel {
  /** A widget's taps in the last 30 days and its share of page views. */
  public record WidgetTaps(long widgetId, String label, long taps, @Nullable Double rate) {}

  private final Workspace session;
  private final ZoneId zone;
  private final Notifier notifier;
  private final ObservableList<BioPageView> pages = FXCollections.observableArrayList();
  private final ReadOnlyObjectWrapper<BioPageView> page = new ReadOnlyObjectWrapper<>(this, "page");
  private final ObservableList<BioWidgetView> widgets = FXCollections.observableArrayList();
  private final ObservableList<WidgetTaps> taps = FXCollections.observableArrayList();
  private final PageSettingsViewModel settings = new PageSettingsViewModel();
  private final ReadOnlyStringWrapper views = new ReadOnlyStringWrapper(this, "views", "");
  private final ReadOnlyStringWrapper preview = new ReadOnlyStringWrapper(this, "preview", "");
  private final ReadOnlyStringWrapper previewStatus =
      new ReadOnlyStringWrapper(this, "previewStatus", "");
  private final StringBinding offlineReason;
  private final BooleanBinding changesDisabled;

  public PagesViewModel(Workspace session, ZoneId zone, Notifier notifier) {
    this.session = session;
    this.zone = zone;
    this.notifier = notifier;
    this.offlineReason =
        Bindings.createStringBinding(
            () ->
                session.writableProperty().get()
                    ? ""
                    : session.writeBlockedReasonProperty().get() + " You can still read the pages.",
            session.writableProperty(),
            session.writeBlockedReasonProperty());
    this.changesDisabled = session.writableProperty().not();
    session.dataVersionProperty().addListener((o, a, b) -> reload());
    session
        .writableProperty()
        .addListener(
            (o, wasOnline, online) -> {
              if (online && !wasOnline) {
                refreshPreview();
              }
            });
  }

  public ObservableList<BioPageView> pages() {
    return pages;
  }

  public ReadOnlyObjectProperty<BioPageView> pageProperty() {
    return page.getReadOnlyProperty();
  }

  /** The chosen page's widgets in page order. */
  public ObservableList<BioWidgetView> widgets() {
    return widgets;
  }

  public ObservableList<WidgetTaps> taps() {
    return taps;
  }

  /** The chosen page's settings as edited. */
  public PageSettingsViewModel settings() {
    return settings;
  }

  /** "1,234 page views in the last 30 days". */
  public ReadOnlyStringProperty viewsProperty() {
    return views.getReadOnlyProperty();
  }

  /** The chosen page as the collector renders it (HTML), refreshed after each change. */
  public ReadOnlyStringProperty previewProperty() {
    return preview.getReadOnlyProperty();
  }

  /** Why there is no preview ("Loading…", offline); empty while it is shown. */
  public ReadOnlyStringProperty previewStatusProperty() {
    return previewStatus.getReadOnlyProperty();
  }

  /** Why changes cannot be made now; empty while they can. */
  public StringBinding offlineReasonProperty() {
    return offlineReason;
  }

  /** True while changes are impossible (offline): buttons are disabled, not refused on submit. */
  public BooleanBinding changesDisabled() {
    return changesDisabled;
  }

  public void reload() {
    Long chosen = page.get() == null ? null : page.get().id();
    session
        .background()
        .run(
            "Bio pages",
            () -> session.store().pages(),
            list -> {
              pages.setAll(list);
              BioPageView next =
                  list.stream()
                      .filter(p -> chosen != null && p.id() == chosen)
                      .findFirst()
                      .orElse(list.isEmpty() ? null : list.getFirst());
              if (next != null && next.equals(page.get())) {
                return; // Nothing changed for the page in view (e.g. the reload after a save).
              }
              // A reload after a sync keeps edits in progress on the same page.
              if (next != null
                  && page.get() != null
                  && next.id() == page.get().id()
                  && settings.changedProperty().get()) {
                page.set(next);
                widgets.setAll(next.widgets());
                return;
              }
              select(next);
            },
            failure ->
                notifier.error(
                    "Cannot read the bio pages", "The local copy: " + failure.getMessage()));
  }

  /** Shows a page: its settings, widgets, taps and preview. */
  public void select(@Nullable BioPageView chosen) {
    page.set(chosen);
    settings.load(chosen);
    if (chosen == null) {
      widgets.clear();
      taps.clear();
      views.set("");
      preview.set("");
      previewStatus.set("");
      return;
    }
    widgets.setAll(chosen.widgets());
    session
        .background()
        .run(
            "Taps",
            () -> computeTaps(chosen),
            this::showTaps,
            failure ->
                notifier.error("Cannot count the taps", String.valueOf(failure.getMessage())));
    refreshPreview();
  }

  /** Fetches the chosen page's preview from the collector. */
  public void refreshPreview() {
    BioPageView chosen = page.get();
    if (chosen == null) {
      return;
    }
    if (!session.writableProperty().get()) {
      preview.set("");
      previewStatus.set("No preview while offline: the collector renders it.");
      return;
    }
    previewStatus.set("Loading the preview…");
    session
        .background()
        .run(
            "Preview",
            () -> session.client().previewPage(chosen.id()),
            html -> {
              if (page.get() != null && page.get().id() == chosen.id()) {
                preview.set(html);
                previewStatus.set("");
              }
            },
            failure -> {
              preview.set("");
              previewStatus.set("No preview: " + failure.getMessage());
            });
  }

  private record TapsResult(long views, List<WidgetTaps> widgets) {}

  private TapsResult computeTaps(BioPageView chosen) {
    TimeRange range =
        RangePreset.LAST_30_DAYS.range(session.clock(), zone, Granularity.DAY, null, null);
    long pageViews =
        new Analytics(session.store())
            .totals(new Scope("page", chosen.id(), "view"), range)
            .clicks();
    Map<String, Long> byWidget = new HashMap<>();
    for (Slice slice :
        new Analytics(session.store())
            .breakdown(new Scope("page", chosen.id(), "tap"), "widget", range)) {
      byWidget.put(slice.value(), slice.counts().clicks());
    }
    List<WidgetTaps> result = new ArrayList<>();
    for (BioWidgetView widget : chosen.widgets()) {
      long count = byWidget.getOrDefault(Long.toString(widget.id()), 0L);
      if (widget.type().equals("social") && widget.icons() != null) {
        // Each icon's taps are counted under "<widget id>/<platform name>"; a count under the bare
        // id is from before icons were counted apart.
        for (BioSocialIcon icon : widget.icons()) {
          Map.Entry<String, Long> iconTaps = iconTaps(byWidget, widget.id(), icon.platform());
          result.add(
              taps(
                  widget.id(),
                  WidgetLabels.kind("social") + ": " + WidgetLabels.platform(iconTaps.getKey()),
                  iconTaps.getValue(),
                  pageViews));
        }
        if (count > 0) {
          result.add(
              taps(
                  widget.id(),
                  WidgetLabels.kind("social") + ": all icons, earlier taps",
                  count,
                  pageViews));
        }
        continue;
      }
      result.add(taps(widget.id(), WidgetLabels.label(widget), count, pageViews));
    }
    return new TapsResult(pageViews, result);
  }

  private static WidgetTaps taps(long widgetId, String label, long count, long pageViews) {
    return new WidgetTaps(
        widgetId, label, count, pageViews == 0 ? null : count * 100.0 / pageViews);
  }

  /** The platform's name as the collector recorded it (else the platform) and its taps. */
  private static Map.Entry<String, Long> iconTaps(
      Map<String, Long> byWidget, long widgetId, String platform) {
    String prefix = widgetId + "/";
    for (Map.Entry<String, Long> cell : byWidget.entrySet()) {
      if (cell.getKey().startsWith(prefix)
          && cell.getKey().substring(prefix.length()).equalsIgnoreCase(platform)) {
        return Map.entry(cell.getKey().substring(prefix.length()), cell.getValue());
      }
    }
    return Map.entry(platform, 0L);
  }

  private void showTaps(TapsResult result) {
    views.set("%,d page views in the last 30 days".formatted(result.views()));
    taps.setAll(result.widgets());
  }

  /** A form for a new page; {@link NewPageViewModel#create} then shows the page here. */
  public NewPageViewModel newPage() {
    return new NewPageViewModel(session, notifier);
  }

  /** Shows a page the collector just stored (after a create or a widget change). */
  public void showSaved(BioPageView saved) {
    int at = indexOf(saved.id());
    if (at < 0) {
      pages.add(0, saved);
    } else {
      pages.set(at, saved);
    }
    BioPageView current = page.get();
    if (current != null && current.id() == saved.id() && settings.changedProperty().get()) {
      // Keep settings being edited: only widgets and the page's state follow the collector.
      page.set(saved);
      widgets.setAll(saved.widgets());
      refreshPreview();
    } else {
      select(saved);
    }
  }

  private int indexOf(long id) {
    for (int i = 0; i < pages.size(); i++) {
      if (pages.get(i).id() == id) {
        return i;
      }
    }
    return -1;
  }

  /** A form to add a widget ({@code widget} null) or change one of the chosen page. */
  public WidgetEditorViewModel widgetEditor(@Nullable BioWidgetView widget) {
    BioPageView chosen = java.util.Objects.requireNonNull(page.get(), "no page chosen");
    return new WidgetEditorViewModel(session, notifier, chosen.id(), widget);
  }

  /** Saves the settings that changed; problems with a field are shown next to it. */
  public void saveSettings() {
    BioPageView chosen = page.get();
    if (chosen == null || !settings.validate()) {
      return;
    }
    JsonObject patch = settings.patch();
    if (patch.size() == 0) {
      notifier.info("Nothing to save: no setting changed.");
      return;
    }
    change(
        "Save page",
        "Cannot save the page",
        () -> session.client().updatePage(chosen.id(), patch),
        saved -> {
          notifier.info("Saved " + saved.title() + ".");
          select(saved);
        },
        problem -> settings.show(problem));
  }

  public void togglePublished() {
    BioPageView chosen = page.get();
    if (chosen != null) {
      boolean publish = !chosen.published();
      change(
          publish ? "Publish" : "Unpublish",
          publish ? "Cannot publish the page" : "Cannot unpublish the page",
          () ->
              publish
                  ? session.client().publishPage(chosen.id())
                  : session.client().unpublishPage(chosen.id()),
          saved -> {
            notifier.info(
                publish
                    ? "Published: visitors can open " + saved.publicUrl()
                    : "Unpublished: visitors get “not found” at " + saved.publicUrl());
            showSaved(saved);
          },
          problem -> false);
    }
  }

  /** Deletes the chosen page with its widgets (the view asks first). */
  public void deletePage() {
    BioPageView chosen = page.get();
    if (chosen == null) {
      return;
    }
    session.change(
        "Delete page",
        () -> {
          session.client().deletePage(chosen.id());
          session.store().deletePage(chosen.id());
          return chosen;
        },
        deleted -> {
          pages.removeIf(p -> p.id() == deleted.id());
          select(pages.isEmpty() ? null : pages.getFirst());
          notifier.info("Deleted " + deleted.publicUrl() + ".");
        },
        problem -> notifier.error("Cannot delete the page", problem));
  }

  public void removeWidget(BioWidgetView widget) {
    BioPageView chosen = page.get();
    if (chosen != null) {
      change(
          "Remove widget",
          "Cannot remove the widget",
          () -> {
            session.client().deleteWidget(chosen.id(), widget.id());
            return session.client().page(chosen.id());
          },
          saved -> {
            notifier.info("Removed " + WidgetLabels.label(widget) + ".");
            showSaved(saved);
          },
          problem -> false);
    }
  }

  /** Moves a widget (drag and drop) and saves the new order. */
  public void move(int from, int to) {
    BioPageView chosen = page.get();
    if (chosen == null
        || from == to
        || from < 0
        || to < 0
        || from >= widgets.size()
        || to >= widgets.size()) {
      return;
    }
    List<BioWidgetView> order = new ArrayList<>(widgets);
    order.add(to, order.remove(from));
    List<Long> ids = order.stream().map(BioWidgetView::id).toList();
    change(
        "Reorder widgets",
        "Cannot reorder the widgets",
        () -> session.client().reorderWidgets(chosen.id(), ids),
        saved -> {
          notifier.info("Saved the new order.");
          showSaved(saved);
        },
        problem -> false);
  }

  /**
   * Sends a change and stores the page the collector answers with. A problem with one field goes to
   * {@code fieldProblem} (which says whether it showed it); any other problem is an error dialog.
   */
  private void change(
      String what,
      String failedTitle,
      Callable<BioPageView> work,
      Consumer<BioPageView> done,
      java.util.function.Predicate<FieldProblem> fieldProblem) {
    session.change(
        what,
        () -> {
          BioPageView saved = work.call();
          session.store().upsertPage(saved);
          return saved;
        },
        done,
        problem -> {
          FieldProblem field = FieldProblem.parse(problem).orElse(null);
          if (field == null || !fieldProblem.test(field)) {
            notifier.error(failedTitle, problem);
          }
        });
  }
}
