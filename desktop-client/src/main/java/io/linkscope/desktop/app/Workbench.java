package io.linkscope.desktop.app;

import io.linkscope.api.link.LinkView;
import io.linkscope.desktop.analytics.LinkAnalyticsView;
import io.linkscope.desktop.analytics.LinkAnalyticsViewModel;
import io.linkscope.desktop.connection.Session;
import io.linkscope.desktop.dashboard.DashboardView;
import io.linkscope.desktop.dashboard.DashboardViewModel;
import io.linkscope.desktop.links.LinksView;
import io.linkscope.desktop.links.LinksViewModel;
import io.linkscope.desktop.live.LiveView;
import io.linkscope.desktop.live.LiveViewModel;
import io.linkscope.desktop.pages.PagesView;
import io.linkscope.desktop.pages.PagesViewModel;
import io.linkscope.desktop.settings.CollectorsViewModel;
import io.linkscope.desktop.settings.DataViewModel;
import io.linkscope.desktop.settings.KeysViewModel;
import io.linkscope.desktop.settings.SettingsView;
import io.linkscope.desktop.ui.Notifier;
import io.linkscope.desktop.webhooks.WebhooksView;
import io.linkscope.desktop.webhooks.WebhooksViewModel;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.layout.StackPane;
import org.jspecify.annotations.Nullable;

/**
 * The screens of one open workspace: their view models, each given only what it needs of the
 * session, and their views, built when first shown (the dashboard at once; the link analytics
 * model, too, only when first needed). Made anew for each session the window opens.
 */
final class Workbench {
  /** The window's screens, in the order of the navigation. */
  enum Screen {
    DASHBOARD,
    LINKS,
    ANALYTICS,
    PAGES,
    LIVE,
    WEBHOOKS,
    SETTINGS
  }

  private final Session session;
  private final ZoneId zone;
  private @Nullable LinkAnalyticsViewModel analytics;
  private final LiveViewModel live;
  // For the screens that report through it: handed to them here, in one place.
  private final Notifier notifier;
  private final LinksView linksView;
  private final Map<Screen, Supplier<Node>> factories = new EnumMap<>(Screen.class);
  private final Map<Screen, Node> built = new EnumMap<>(Screen.class);
  private Runnable workspaceDeleted = () -> {};

  /**
   * Builds the screens of {@code session}. {@code showAnalytics} opens a link's analytics, {@code
   * browser} a URL in the user's browser; {@code dashboardReady} runs once the dashboard, shown
   * blank until its first numbers are in, can be drawn with them.
   */
  Workbench(
      Session session,
      ZoneId zone,
      Notifier notifier,
      Consumer<String> browser,
      Consumer<LinkView> showAnalytics,
      Runnable dashboardReady) {
    this.session = session;
    this.zone = zone;
    this.notifier = notifier;
    DashboardViewModel dashboard = new DashboardViewModel(session, zone, notifier);
    LinksViewModel links = new LinksViewModel(session, notifier);
    Node dashboardView =
        new DashboardView(dashboard, id -> session.store().link(id).ifPresent(showAnalytics))
            .load();
    this.linksView = new LinksView(links, zone, showAnalytics, browser);
    factories.put(Screen.LINKS, linksView::load);
    factories.put(Screen.ANALYTICS, () -> new LinkAnalyticsView(analytics()).load());
    factories.put(
        Screen.PAGES,
        () -> new PagesView(new PagesViewModel(session, zone, notifier), browser, notifier).load());
    factories.put(
        Screen.WEBHOOKS,
        () -> new WebhooksView(new WebhooksViewModel(session, zone, notifier), notifier).load());
    factories.put(
        Screen.SETTINGS,
        () ->
            new SettingsView(
                    new KeysViewModel(session, zone, notifier),
                    new DataViewModel(session, zone, notifier, deletion -> workspaceDeleted.run()),
                    new CollectorsViewModel(session, zone),
                    notifier,
                    SettingsView::fileChooser)
                .load());
    this.live = new LiveViewModel(session, zone, notifier);
    factories.put(Screen.LIVE, () -> new LiveView(live).load());
    links.reload();
    dashboard.reload();
    built.put(Screen.DASHBOARD, dashboardView);
    if (dashboard.loadingProperty().get()) {
      // The dashboard joins the window with its first numbers: laying it out and drawing it empty
      // first was a whole extra pass (charts, map, table) on the way to the first real frame.
      built.put(Screen.DASHBOARD, blankPage());
      dashboard
          .loadingProperty()
          .addListener(
              new ChangeListener<Boolean>() {
                @Override
                public void changed(
                    ObservableValue<? extends Boolean> loading, Boolean was, Boolean now) {
                  if (now) {
                    return;
                  }
                  loading.removeListener(this);
                  built.put(Screen.DASHBOARD, dashboardView);
                  dashboardReady.run();
                }
              });
    }
  }

  /**
   * What the window does once the collector took the deletion of this workspace: forget its
   * connection (its keys no longer work).
   */
  void onWorkspaceDeleted(Runnable forget) {
    this.workspaceDeleted = forget;
  }

  /** Where the screens report confirmations and errors. */
  Notifier notifier() {
    return notifier;
  }

  /** The node of {@code screen}, built the first time it is asked for. */
  Node page(Screen screen) {
    return built.computeIfAbsent(screen, s -> Objects.requireNonNull(factories.get(s)).get());
  }

  /**
   * The link analytics screen's model: the window sets the link it shows. Made when first asked
   * for, not with the workbench: it reads every link of the workspace (the links to choose from,
   * the tags to compare), work a start that shows the dashboard does not need.
   */
  LinkAnalyticsViewModel analytics() {
    LinkAnalyticsViewModel model = analytics;
    if (model == null) {
      model = new LinkAnalyticsViewModel(session, zone, notifier);
      analytics = model;
    }
    return model;
  }

  /** Whether the link analytics model has been made yet (for tests). */
  boolean analyticsMade() {
    return analytics != null;
  }

  /** The link table (for the window's shortcuts and tests). */
  LinksView linksView() {
    return linksView;
  }

  /** Closes what stays open while the workspace is: the live stream. */
  void close() {
    live.close();
  }

  private static Node blankPage() {
    StackPane blank = new StackPane();
    blank.getStyleClass().add("screen");
    return blank;
  }
}
