package io.linkscope.desktop.app;

import io.linkscope.api.link.LinkView;
import io.linkscope.desktop.analytics.LinkAnalyticsView;
import io.linkscope.desktop.analytics.LinkAnalyticsViewModel;
import io.linkscope.desktop.connection.Connection;
import io.linkscope.desktop.connection.Session;
import io.linkscope.desktop.dashboard.DashboardView;
import io.linkscope.desktop.dashboard.DashboardViewModel;
import io.linkscope.desktop.links.LinksView;
import io.linkscope.desktop.links.LinksViewModel;
import io.linkscope.desktop.ui.FxNotifier;
import io.linkscope.desktop.ui.Fxml;
import java.time.ZoneId;
import java.util.Objects;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The window: connection switcher, sync status and offline banner always in view, navigation on the
 * left, the current screen in the middle.
 */
public final class MainView {
  private final MainViewModel model;
  private final ZoneId zone;
  private final java.util.function.Consumer<String> browser;

  @FXML private ComboBox<Connection> switcher;
  @FXML private Button connectButton;
  @FXML private Label status;
  @FXML private Label syncProgress;
  @FXML private ProgressBar syncBar;
  @FXML private Button syncButton;
  @FXML private Button cancelButton;
  @FXML private Label offlineBanner;
  @FXML private VBox nav;
  @FXML private ToggleButton dashboardNav;
  @FXML private ToggleButton linksNav;
  @FXML private ToggleButton analyticsNav;
  @FXML private ToggleButton pagesNav;
  @FXML private StackPane content;

  private final ToggleGroup pages = new ToggleGroup();
  // Null until a workspace is open; the pages but the dashboard are built when first shown.
  private @Nullable Node dashboardPage;
  private @Nullable Node linksPage;
  private @Nullable Node analyticsPage;
  private @Nullable Node pagesPage;
  private @Nullable LinksView linksView;
  private java.util.function.@Nullable Supplier<Node> linksFactory;
  private java.util.function.@Nullable Supplier<Node> analyticsFactory;
  private java.util.function.@Nullable Supplier<Node> pagesFactory;
  private @Nullable LinkAnalyticsViewModel analyticsModel;
  private final Timeline autoSync;
  private @Nullable FxNotifier notifier;

  /** {@code browser} opens a URL in the user's web browser ("open in browser" of bio pages). */
  public MainView(MainViewModel model, ZoneId zone, java.util.function.Consumer<String> browser) {
    this.model = model;
    this.zone = zone;
    this.browser = browser;
    this.autoSync =
        new Timeline(
            new KeyFrame(
                Duration.seconds(60),
                event -> {
                  Session session = model.sessionProperty().get();
                  if (session != null) {
                    session.sync();
                  }
                }));
    autoSync.setCycleCount(Timeline.INDEFINITE);
  }

  /** The window's root: the screens, with notifications drawn over them. */
  public Parent load() {
    StackPane root = new StackPane(Fxml.load(this));
    notifier = new FxNotifier(root);
    return root;
  }

  /** Where the window's screens report confirmations and errors; set by {@link #load()}. */
  public FxNotifier notifier() {
    return Objects.requireNonNull(notifier, "load() first");
  }

  @FXML
  private void initialize() {
    switcher.setItems(model.connections());
    switcher.valueProperty().bindBidirectional(model.selectedProperty());
    dashboardNav.setToggleGroup(pages);
    linksNav.setToggleGroup(pages);
    analyticsNav.setToggleGroup(pages);
    pagesNav.setToggleGroup(pages);
    pages
        .selectedToggleProperty()
        .addListener(
            (o, before, after) -> {
              if (after == null) {
                before.setSelected(true);
              } else {
                showPage();
              }
            });
    model.sessionProperty().addListener((o, before, after) -> open(after));
    open(model.sessionProperty().get());
    autoSync.play();
  }

  /** Adds the window's keyboard shortcuts to its scene. */
  public void installShortcuts(Scene scene) {
    var accelerators = scene.getAccelerators();
    accelerators.put(shortcut(KeyCode.DIGIT1), () -> dashboardNav.setSelected(true));
    accelerators.put(shortcut(KeyCode.DIGIT2), () -> linksNav.setSelected(true));
    accelerators.put(shortcut(KeyCode.DIGIT3), () -> analyticsNav.setSelected(true));
    accelerators.put(shortcut(KeyCode.DIGIT4), () -> pagesNav.setSelected(true));
    accelerators.put(shortcut(KeyCode.N), this::newLink);
    accelerators.put(shortcut(KeyCode.F), this::search);
    accelerators.put(shortcut(KeyCode.R), this::sync);
    accelerators.put(new KeyCodeCombination(KeyCode.F5), this::sync);
  }

  private static KeyCombination shortcut(KeyCode code) {
    return new KeyCodeCombination(code, KeyCombination.SHORTCUT_DOWN);
  }

  private void open(Session session) {
    status.textProperty().unbind();
    syncProgress.textProperty().unbind();
    offlineBanner.textProperty().unbind();
    for (Node node : java.util.List.of(offlineBanner, syncBar, cancelButton)) {
      node.visibleProperty().unbind();
      node.managedProperty().unbind();
    }
    if (session == null) {
      status.setText("Not connected");
      syncProgress.setText("");
      offlineBanner.setVisible(false);
      offlineBanner.setManaged(false);
      syncButton.setDisable(true);
      cancelButton.setVisible(false);
      cancelButton.setManaged(false);
      syncBar.setVisible(false);
      syncBar.setManaged(false);
      nav.setDisable(true);
      content.getChildren().setAll(new ConnectView(model, () -> {}).load());
      return;
    }
    nav.setDisable(false);
    syncButton.setDisable(false);
    status.textProperty().bind(session.statusProperty());
    syncProgress.textProperty().bind(session.syncProgressProperty());
    syncBar.visibleProperty().bind(session.syncingProperty());
    syncBar.managedProperty().bind(session.syncingProperty());
    cancelButton.visibleProperty().bind(session.syncingProperty());
    cancelButton.managedProperty().bind(session.syncingProperty());
    var offline = session.onlineProperty().not();
    offlineBanner.visibleProperty().bind(offline);
    offlineBanner.managedProperty().bind(offline);
    offlineBanner
        .textProperty()
        .bind(
            Bindings.concat(
                session.statusProperty(),
                ". Everything below is the local copy; changes are disabled until ",
                session.connection().host(),
                " can be reached again."));
    status.getStyleClass().removeAll("status-online", "status-offline");
    session.onlineProperty().addListener((o, was, now) -> styleStatus(now));
    styleStatus(session.onlineProperty().get());
    DashboardViewModel dashboard = new DashboardViewModel(session, zone);
    LinksViewModel links = new LinksViewModel(session);
    LinkAnalyticsViewModel analytics = new LinkAnalyticsViewModel(session, zone);
    analyticsModel = analytics;
    Node dashboardView =
        new DashboardView(dashboard, id -> session.store().link(id).ifPresent(this::showAnalytics))
            .load();
    dashboardPage = dashboardView;
    linksView = new LinksView(links, zone, this::showAnalytics);
    // The other screens are built when first shown: a faster start to the dashboard.
    linksPage = null;
    analyticsPage = null;
    pagesPage = null;
    linksFactory = linksView::load;
    analyticsFactory = () -> new LinkAnalyticsView(analytics, links.links()).load();
    pagesFactory =
        () ->
            new io.linkscope.desktop.pages.PagesView(
                    new io.linkscope.desktop.pages.PagesViewModel(session, zone, notifier()),
                    browser,
                    notifier())
                .load();
    links.reload();
    dashboard.reload();
    if (dashboard.loadingProperty().get()) {
      // The dashboard joins the window with its first numbers: laying it out and drawing it empty
      // first was a whole extra pass (charts, map, table) on the way to the first real frame.
      dashboardPage = blankPage();
      dashboard
          .loadingProperty()
          .addListener(
              new javafx.beans.value.ChangeListener<Boolean>() {
                @Override
                public void changed(
                    javafx.beans.value.ObservableValue<? extends Boolean> loading,
                    Boolean was,
                    Boolean now) {
                  if (now) {
                    return;
                  }
                  loading.removeListener(this);
                  if (model.sessionProperty().get() == session) {
                    dashboardPage = dashboardView;
                    if (pages.getSelectedToggle() == dashboardNav) {
                      showPage();
                    }
                  }
                }
              });
    }
    if (pages.getSelectedToggle() == null) {
      dashboardNav.setSelected(true);
    } else {
      showPage();
    }
  }

  private static Node blankPage() {
    StackPane blank = new StackPane();
    blank.getStyleClass().add("screen");
    return blank;
  }

  private void styleStatus(boolean online) {
    status.getStyleClass().removeAll("status-online", "status-offline");
    status.getStyleClass().add(online ? "status-online" : "status-offline");
  }

  private void showPage() {
    if (model.sessionProperty().get() == null) {
      return;
    }
    var chosen = pages.getSelectedToggle();
    Node page;
    if (chosen == linksNav) {
      linksPage = linksPage == null ? Objects.requireNonNull(linksFactory).get() : linksPage;
      page = linksPage;
    } else if (chosen == analyticsNav) {
      analyticsPage =
          analyticsPage == null ? Objects.requireNonNull(analyticsFactory).get() : analyticsPage;
      page = analyticsPage;
    } else if (chosen == pagesNav) {
      pagesPage = pagesPage == null ? Objects.requireNonNull(pagesFactory).get() : pagesPage;
      page = pagesPage;
    } else {
      page = dashboardPage;
    }
    content.getChildren().setAll(page);
  }

  public void showDashboard() {
    dashboardNav.setSelected(true);
  }

  public void showPages() {
    pagesNav.setSelected(true);
  }

  public void showLinks() {
    linksNav.setSelected(true);
  }

  public void showAnalytics(LinkView link) {
    // Only offered once a workspace is open.
    Objects.requireNonNull(analyticsModel).linkProperty().set(link);
    analyticsNav.setSelected(true);
  }

  /** The open workspace, if any. */
  public Session session() {
    return model.sessionProperty().get();
  }

  public MainViewModel model() {
    return model;
  }

  /** The link table, once a workspace is open (for shortcuts and tests). */
  public @Nullable LinksView linksView() {
    return linksView;
  }

  @FXML
  private void newLink() {
    if (linksView != null) {
      showLinks();
      linksView.create();
    }
  }

  private void search() {
    if (linksView != null) {
      showLinks();
      linksView.focusSearch();
    }
  }

  @FXML
  private void sync() {
    Session session = model.sessionProperty().get();
    if (session != null) {
      session.sync();
    }
  }

  @FXML
  private void cancelSync() {
    Session session = model.sessionProperty().get();
    if (session != null) {
      session.cancelSync();
    }
  }

  @FXML
  private void addConnection() {
    Dialog<Void> dialog = new Dialog<>();
    dialog.initOwner(switcher.getScene().getWindow());
    dialog.setTitle("Connect to a collector");
    dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
    dialog
        .getDialogPane()
        .setContent(
            new ConnectView(
                    model,
                    () -> {
                      dialog.setResult(null);
                      dialog.close();
                    })
                .load());
    dialog.showAndWait();
  }
}
