package io.linkscope.desktop.app;

import io.linkscope.api.link.LinkView;
import io.linkscope.desktop.app.Workbench.Screen;
import io.linkscope.desktop.connection.Connection;
import io.linkscope.desktop.connection.Reach;
import io.linkscope.desktop.connection.Session;
import io.linkscope.desktop.links.LinksView;
import io.linkscope.desktop.ui.FxNotifier;
import io.linkscope.desktop.ui.Fxml;
import io.linkscope.desktop.ui.Theme;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Toggle;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import javafx.util.StringConverter;
import org.jspecify.annotations.Nullable;

/**
 * The window: connection switcher, sync status and the offline or key-rejected banner always in
 * view, navigation on the left, the current screen in the middle. The screens of the open workspace
 * are its {@link Workbench}.
 */
public final class MainView {
  private final MainViewModel model;
  private final ZoneId zone;
  private final Consumer<String> browser;

  @FXML private ComboBox<Connection> switcher;
  @FXML private Button connectButton;
  @FXML private Button manageButton;
  @FXML private Label status;
  @FXML private Label syncProgress;
  @FXML private ProgressBar syncBar;
  @FXML private Button syncButton;
  @FXML private Button cancelButton;
  @FXML private ToggleButton themeToggle;
  @FXML private HBox banner;
  @FXML private Label offlineBanner;
  @FXML private Button rekeyButton;
  @FXML private VBox nav;
  @FXML private ToggleButton dashboardNav;
  @FXML private ToggleButton linksNav;
  @FXML private ToggleButton analyticsNav;
  @FXML private ToggleButton pagesNav;
  @FXML private ToggleButton liveNav;
  @FXML private ToggleButton webhooksNav;
  @FXML private ToggleButton settingsNav;
  @FXML private StackPane content;

  private final ToggleGroup pages = new ToggleGroup();
  private final Timeline autoSync;
  private @Nullable Workbench workbench;
  private @Nullable FxNotifier notifier;
  private @Nullable ChangeListener<Reach> reachListener;
  private @Nullable Session shown;

  /** {@code browser} opens a URL in the user's web browser ("open in browser" of bio pages). */
  public MainView(MainViewModel model, ZoneId zone, Consumer<String> browser) {
    this.model = model;
    this.zone = zone;
    model.zone(zone);
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
    FxNotifier shownIn = new FxNotifier(root);
    notifier = shownIn;
    MainViewModel.Relay relay = model.notices();
    if (relay != null) {
      relay.attach(shownIn);
    }
    return root;
  }

  /** Where the window's screens report confirmations and errors; set by {@link #load()}. */
  public FxNotifier notifier() {
    return Objects.requireNonNull(notifier, "load() first");
  }

  @FXML
  private void initialize() {
    switcher.setItems(model.connections());
    switcher.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(@Nullable Connection connection) {
            return model.displayName(connection);
          }

          @Override
          public @Nullable Connection fromString(String text) {
            return null;
          }
        });
    // In a narrow window the name ends in "…"; the whole name and address show on hover.
    Tooltip wholeName = new Tooltip();
    wholeName
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () -> model.displayName(switcher.getValue()), switcher.valueProperty()));
    switcher.setTooltip(wholeName);
    // Not bound both ways: replacing the saved list (a rename, a new key) may clear the box's
    // value for a moment, which must not close the open workspace.
    switcher.setValue(model.selectedProperty().get());
    switcher
        .valueProperty()
        .addListener(
            (o, before, after) -> {
              if (after != null && !after.equals(model.selectedProperty().get())) {
                model.selectedProperty().set(after);
              }
            });
    model
        .selectedProperty()
        .addListener(
            (o, before, after) -> {
              if (!Objects.equals(switcher.getValue(), after)) {
                switcher.setValue(after);
              }
            });
    manageButton.disableProperty().bind(Bindings.isEmpty(model.connections()));
    themeToggle.selectedProperty().bindBidirectional(model.darkThemeProperty());
    model.darkThemeProperty().addListener((o, was, dark) -> applyTheme(dark));
    for (ToggleButton page :
        List.of(
            dashboardNav, linksNav, analyticsNav, pagesNav, liveNav, webhooksNav, settingsNav)) {
      page.setToggleGroup(pages);
    }
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

  /** Sets the user agent stylesheet of the app: Primer Dark or Primer Light. */
  static void applyTheme(boolean dark) {
    (dark ? Theme.DARK : Theme.LIGHT).apply();
  }

  /** Adds the window's keyboard shortcuts to its scene. */
  public void installShortcuts(Scene scene) {
    var accelerators = scene.getAccelerators();
    accelerators.put(shortcut(KeyCode.DIGIT1), () -> dashboardNav.setSelected(true));
    accelerators.put(shortcut(KeyCode.DIGIT2), () -> linksNav.setSelected(true));
    accelerators.put(shortcut(KeyCode.DIGIT3), () -> analyticsNav.setSelected(true));
    accelerators.put(shortcut(KeyCode.DIGIT4), () -> pagesNav.setSelected(true));
    accelerators.put(shortcut(KeyCode.DIGIT5), () -> liveNav.setSelected(true));
    accelerators.put(shortcut(KeyCode.DIGIT6), () -> webhooksNav.setSelected(true));
    accelerators.put(shortcut(KeyCode.DIGIT7), () -> settingsNav.setSelected(true));
    accelerators.put(shortcut(KeyCode.N), this::newLink);
    accelerators.put(shortcut(KeyCode.F), this::search);
    accelerators.put(shortcut(KeyCode.R), this::sync);
    accelerators.put(new KeyCodeCombination(KeyCode.F5), this::sync);
  }

  private static KeyCombination shortcut(KeyCode code) {
    return new KeyCodeCombination(code, KeyCombination.SHORTCUT_DOWN);
  }

  private void open(@Nullable Session session) {
    unbindStatus();
    shown = session;
    if (workbench != null) {
      workbench.close();
    }
    if (session == null) {
      workbench = null;
      status.setText("Not connected");
      syncProgress.setText("");
      showBanner(null, Reach.ONLINE);
      syncButton.setDisable(true);
      for (Node node : List.of(syncBar, cancelButton)) {
        node.setVisible(false);
        node.setManaged(false);
      }
      nav.setDisable(true);
      content.getChildren().setAll(new ConnectView(model, () -> {}).load());
      return;
    }
    nav.setDisable(false);
    syncButton.setDisable(false);
    status.textProperty().bind(session.statusProperty());
    syncProgress.textProperty().bind(session.syncProgressProperty());
    for (Node node : List.of(syncBar, cancelButton)) {
      node.visibleProperty().bind(session.syncingProperty());
      node.managedProperty().bind(session.syncingProperty());
    }
    ChangeListener<Reach> listener = (o, was, now) -> showBanner(session, now);
    reachListener = listener;
    session.reachProperty().addListener(listener);
    showBanner(session, session.reachProperty().get());
    workbench =
        new Workbench(
            session,
            zone,
            notifier(),
            browser,
            this::showAnalytics,
            () -> {
              if (shown == session && pages.getSelectedToggle() == dashboardNav) {
                showPage();
              }
            });
    workbench.onWorkspaceDeleted(() -> model.remove(session.connection()));
    if (pages.getSelectedToggle() == null) {
      dashboardNav.setSelected(true);
    } else {
      showPage();
    }
  }

  private void unbindStatus() {
    status.textProperty().unbind();
    syncProgress.textProperty().unbind();
    for (Node node : List.of(syncBar, cancelButton)) {
      node.visibleProperty().unbind();
      node.managedProperty().unbind();
    }
    if (shown != null && reachListener != null) {
      shown.reachProperty().removeListener(reachListener);
    }
    reachListener = null;
  }

  /** The status pill's colour and the banner under the top bar, for how the collector answered. */
  private void showBanner(@Nullable Session session, Reach reach) {
    status.getStyleClass().removeAll("status-online", "status-offline", "status-rejected");
    banner.getStyleClass().removeAll("offline", "rejected");
    boolean visible = session != null && reach != Reach.ONLINE;
    for (Node node : List.of(banner, offlineBanner)) {
      node.setVisible(visible);
      node.setManaged(visible);
    }
    rekeyButton.setVisible(visible && reach == Reach.KEY_REJECTED);
    rekeyButton.setManaged(rekeyButton.isVisible());
    offlineBanner.textProperty().unbind();
    if (session == null) {
      return;
    }
    status
        .getStyleClass()
        .add(
            switch (reach) {
              case ONLINE -> "status-online";
              case OFFLINE -> "status-offline";
              case KEY_REJECTED -> "status-rejected";
            });
    String host = session.connection().host();
    switch (reach) {
      case ONLINE -> offlineBanner.setText("");
      case OFFLINE -> {
        banner.getStyleClass().add("offline");
        offlineBanner
            .textProperty()
            .bind(
                Bindings.concat(
                    session.statusProperty(),
                    ". Everything below is the local copy; changes are disabled until ",
                    host,
                    " can be reached again."));
      }
      case KEY_REJECTED -> {
        banner.getStyleClass().add("rejected");
        offlineBanner.setText(
            host
                + " answers but no longer accepts this workspace's API key (it was revoked or"
                + " replaced). Everything below is the local copy; changes are disabled until you"
                + " enter a new key.");
      }
    }
  }

  private void showPage() {
    Workbench screens = workbench;
    if (screens == null) {
      return;
    }
    Toggle chosen = pages.getSelectedToggle();
    Map<Toggle, Screen> byToggle =
        Map.of(
            dashboardNav,
            Screen.DASHBOARD,
            linksNav,
            Screen.LINKS,
            analyticsNav,
            Screen.ANALYTICS,
            pagesNav,
            Screen.PAGES,
            liveNav,
            Screen.LIVE,
            webhooksNav,
            Screen.WEBHOOKS,
            settingsNav,
            Screen.SETTINGS);
    content.getChildren().setAll(screens.page(byToggle.getOrDefault(chosen, Screen.DASHBOARD)));
  }

  public void showDashboard() {
    dashboardNav.setSelected(true);
  }

  public void showPages() {
    pagesNav.setSelected(true);
  }

  public void showLive() {
    liveNav.setSelected(true);
  }

  public void showWebhooks() {
    webhooksNav.setSelected(true);
  }

  public void showSettings() {
    settingsNav.setSelected(true);
  }

  public void showLinks() {
    linksNav.setSelected(true);
  }

  public void showAnalytics(LinkView link) {
    // Only offered once a workspace is open.
    Objects.requireNonNull(workbench).analytics().linkProperty().set(link);
    analyticsNav.setSelected(true);
  }

  /** The open workspace, if any. */
  public @Nullable Session session() {
    return model.sessionProperty().get();
  }

  public MainViewModel model() {
    return model;
  }

  /** The link table, once a workspace is open (for shortcuts and tests). */
  public @Nullable LinksView linksView() {
    return workbench == null ? null : workbench.linksView();
  }

  @FXML
  private void newLink() {
    LinksView links = linksView();
    if (links != null) {
      showLinks();
      links.create();
    }
  }

  private void search() {
    LinksView links = linksView();
    if (links != null) {
      showLinks();
      links.focusSearch();
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
    ConnectionDialogs.connect(switcher.getScene().getWindow(), model);
  }

  @FXML
  private void manageConnections() {
    ConnectionDialogs.manage(switcher.getScene().getWindow(), model);
  }

  @FXML
  private void rekeyOpen() {
    Session session = model.sessionProperty().get();
    if (session != null) {
      ConnectionDialogs.rekey(switcher.getScene().getWindow(), model, session.connection());
    }
  }
}
