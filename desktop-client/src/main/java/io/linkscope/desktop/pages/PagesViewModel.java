package io.linkscope.desktop.pages;

import com.google.gson.JsonObject;
import io.linkscope.api.bio.BioPageInput;
import io.linkscope.api.bio.BioPageView;
import io.linkscope.api.bio.BioSocialIcon;
import io.linkscope.api.bio.BioTheme;
import io.linkscope.api.bio.BioWidgetInput;
import io.linkscope.api.bio.BioWidgetView;
import io.linkscope.desktop.analytics.Analytics;
import io.linkscope.desktop.analytics.RangePreset;
import io.linkscope.desktop.analytics.Scope;
import io.linkscope.desktop.analytics.TimeRange;
import io.linkscope.desktop.ui.Granularity;
import io.linkscope.desktop.ui.Slice;
import io.linkscope.desktop.workspace.Workspace;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;

/**
 * Bio pages: the list, the chosen page's settings and theme, its widgets (add, edit, remove,
 * reorder), publishing, and per-widget taps with tap-through rates from the local store.
 */
public final class PagesViewModel {
  public static final List<String> PRESETS = List.of("daylight", "midnight", "sunset", "forest");
  public static final List<String> WIDGET_TYPES =
      List.of("link", "heading", "text", "email", "video");

  /** A widget's taps in the last 30 days and its share of page views. */
  public record WidgetTaps(long widgetId, String label, long taps, @Nullable Double rate) {}

  private final Workspace session;
  private final ZoneId zone;
  private final ObservableList<BioPageView> pages = FXCollections.observableArrayList();
  private final ReadOnlyObjectWrapper<BioPageView> page = new ReadOnlyObjectWrapper<>(this, "page");
  private final ObservableList<BioWidgetView> widgets = FXCollections.observableArrayList();
  private final ObservableList<WidgetTaps> taps = FXCollections.observableArrayList();
  private final StringProperty title = new SimpleStringProperty(this, "title", "");
  private final StringProperty description = new SimpleStringProperty(this, "description", "");
  private final StringProperty preset = new SimpleStringProperty(this, "preset", "daylight");
  private final ReadOnlyStringWrapper views = new ReadOnlyStringWrapper(this, "views", "");
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");

  public PagesViewModel(Workspace session, ZoneId zone) {
    this.session = session;
    this.zone = zone;
    session.dataVersionProperty().addListener((o, a, b) -> reload());
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

  public StringProperty titleProperty() {
    return title;
  }

  public StringProperty descriptionProperty() {
    return description;
  }

  public StringProperty presetProperty() {
    return preset;
  }

  /** "1,234 page views in the last 30 days". */
  public ReadOnlyStringProperty viewsProperty() {
    return views.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
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
              select(
                  list.stream()
                      .filter(p -> chosen != null && p.id() == chosen)
                      .findFirst()
                      .orElse(list.isEmpty() ? null : list.getFirst()));
            },
            failure -> message.set("Cannot read the local store: " + failure.getMessage()));
  }

  /** Shows a page: its settings, widgets and taps. */
  public void select(@Nullable BioPageView chosen) {
    page.set(chosen);
    if (chosen == null) {
      widgets.clear();
      taps.clear();
      views.set("");
      return;
    }
    title.set(chosen.title() == null ? "" : chosen.title());
    description.set(chosen.description() == null ? "" : chosen.description());
    preset.set(chosen.theme() == null ? "daylight" : chosen.theme().preset());
    widgets.setAll(chosen.widgets());
    session
        .background()
        .run(
            "Taps",
            () -> computeTaps(chosen),
            this::showTaps,
            failure -> message.set(failure.getMessage()));
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
              taps(widget.id(), "social: " + iconTaps.getKey(), iconTaps.getValue(), pageViews));
        }
        if (count > 0) {
          result.add(taps(widget.id(), "social: all icons, earlier taps", count, pageViews));
        }
        continue;
      }
      result.add(taps(widget.id(), label(widget), count, pageViews));
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

  /** How a widget reads in lists: its type and title (or text, or URL). */
  public static String label(BioWidgetView widget) {
    String name =
        firstPresent(
            widget.title(),
            widget.text(),
            widget.url(),
            widget.type().equals("divider") ? "—" : "");
    return widget.type() + ": " + (name.length() > 60 ? name.substring(0, 59) + "…" : name);
  }

  private static String firstPresent(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return "";
  }

  public void createPage(String handle, String pageTitle) {
    change(
        "Create page",
        () -> session.client().createPage(BioPageInput.of(handle.strip(), pageTitle.strip())),
        "Created the page.");
  }

  /** Saves title, description and theme preset. */
  public void saveSettings() {
    BioPageView chosen = page.get();
    if (chosen == null) {
      return;
    }
    JsonObject patch = new JsonObject();
    patch.addProperty("title", title.get().strip());
    patch.addProperty("description", description.get().strip());
    patch.add("theme", io.linkscope.api.Json.gson().toJsonTree(BioTheme.preset(preset.get())));
    change("Save page", () -> session.client().updatePage(chosen.id(), patch), "Saved.");
  }

  public void togglePublished() {
    BioPageView chosen = page.get();
    if (chosen != null) {
      change(
          chosen.published() ? "Unpublish" : "Publish",
          () ->
              chosen.published()
                  ? session.client().unpublishPage(chosen.id())
                  : session.client().publishPage(chosen.id()),
          chosen.published()
              ? "The page is offline for visitors now."
              : "Published: visitors can open " + chosen.publicUrl());
    }
  }

  public void addWidget(String type, String widgetTitle, String url) {
    BioPageView chosen = page.get();
    if (chosen != null) {
      BioWidgetInput input = widgetInput(type, widgetTitle, url);
      change(
          "Add widget",
          () -> {
            session.client().addWidget(chosen.id(), input);
            return session.client().page(chosen.id());
          },
          "Added the " + type + " widget.");
    }
  }

  public void updateWidget(BioWidgetView widget, String widgetTitle, String url) {
    BioPageView chosen = page.get();
    if (chosen != null) {
      BioWidgetInput input = widgetInput(widget.type(), widgetTitle, url);
      JsonObject patch = io.linkscope.api.Json.gson().toJsonTree(input).getAsJsonObject();
      patch.remove("type");
      change(
          "Edit widget",
          () -> {
            session.client().updateWidget(chosen.id(), widget.id(), patch);
            return session.client().page(chosen.id());
          },
          "Saved the widget.");
    }
  }

  public void removeWidget(BioWidgetView widget) {
    BioPageView chosen = page.get();
    if (chosen != null) {
      change(
          "Remove widget",
          () -> {
            session.client().deleteWidget(chosen.id(), widget.id());
            return session.client().page(chosen.id());
          },
          "Removed the widget.");
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
        () -> session.client().reorderWidgets(chosen.id(), ids),
        "Saved the new order.");
  }

  private static BioWidgetInput widgetInput(String type, String widgetTitle, String url) {
    String cleanTitle = widgetTitle == null || widgetTitle.isBlank() ? null : widgetTitle.strip();
    String cleanUrl = url == null || url.isBlank() ? null : url.strip();
    return type.equals("text")
        ? new BioWidgetInput(type, null, null, null, cleanTitle, null)
        : new BioWidgetInput(type, cleanTitle, cleanUrl, null, null, null);
  }

  private void change(String what, Callable<BioPageView> work, String done) {
    session.change(
        what,
        () -> {
          BioPageView saved = work.call();
          session.store().upsertPage(saved);
          return saved;
        },
        saved -> {
          message.set(done);
          page.set(saved);
        },
        message::set);
  }
}
