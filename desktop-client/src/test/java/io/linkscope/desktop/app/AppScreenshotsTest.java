package io.linkscope.desktop.app;

import static io.linkscope.desktop.testsupport.Screens.await;
import static io.linkscope.desktop.testsupport.Screens.onFx;
import static io.linkscope.desktop.testsupport.Screens.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.api.workspace.ApiKeyInput;
import io.linkscope.api.workspace.ApiKeyView;
import io.linkscope.collector.testsupport.TestCollector;
import io.linkscope.desktop.connection.Connection;
import io.linkscope.desktop.connection.ConnectionStore;
import io.linkscope.desktop.testsupport.SampleWorkspace;
import io.linkscope.desktop.testsupport.Screens;
import io.linkscope.desktop.testsupport.Sessions;
import io.linkscope.desktop.ui.FxBackground;
import io.linkscope.desktop.ui.Theme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The window's hard cases at 1280×800 with the sample workspace, saved to docs/screenshots/app-*: a
 * rejected key, offline, an error dialog, the dark theme, the connection manager with duplicates.
 */
@ExtendWith(ApplicationExtension.class)
class AppScreenshotsTest {
  private static final Path OUT = Path.of("..", "docs", "screenshots");
  private static final ZoneId ZONE = ZoneId.of("Europe/London");

  @TempDir Path home;
  private Stage stage;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    Application.setUserAgentStylesheet(Theme.userAgentStylesheet());
  }

  @AfterEach
  void lightAgain() {
    onFx(() -> Application.setUserAgentStylesheet(Theme.userAgentStylesheet()));
  }

  private MainView window(ConnectionStore connections) {
    MainViewModel model =
        new MainViewModel(
            connections, new FxBackground(), Clock.fixed(SampleWorkspace.NOW, ZoneOffset.UTC));
    MainView view = new MainView(model, ZONE, url -> {});
    onFx(
        () -> {
          stage.setScene(DesktopApp.scene(view));
          stage.setWidth(1280);
          stage.setHeight(800);
          stage.show();
          MainView.applyTheme(model.darkThemeProperty().get());
          model.start();
        });
    return view;
  }

  private static Connection sample(
      ConnectionStore connections, String id, String url, String key, String label) {
    Connection connection = new Connection(id, url, key, "Acme Coffee Roasters", label);
    SampleWorkspace.copyTo(connections.storeFile(connection));
    return connection;
  }

  private static void dashboardDrawn(Scene scene) {
    await("the dashboard shows clicks", () -> Screens.rows(scene, "#dashboard-top-links") > 0);
    await("no sync running", () -> !text(scene, "#sync-progress").startsWith("Syncing"));
  }

  @Test
  void aRejectedKeyAndTheConnectionManagerWithDuplicates() throws Exception {
    try (TestCollector collector = TestCollector.start(home.resolve("collector"))) {
      var admin = collector.client();
      String revoked = admin.createKey(new ApiKeyInput("old desk", "admin")).key();
      admin.revokeKey(
          admin.keys().stream()
              .filter(k -> k.name().equals("old desk"))
              .mapToLong(ApiKeyView::id)
              .findFirst()
              .orElseThrow());
      ConnectionStore connections = new ConnectionStore(home.resolve("app"));
      String url = collector.baseUrl();
      connections.save(
          List.of(
              sample(connections, "acme", url, revoked, null),
              sample(connections, "acme-laptop", url, collector.adminKey(), null),
              sample(connections, "acme-staging", url, collector.adminKey(), "Acme staging"),
              new Connection("bakery", "https://links.bakery.example", "lsk_b", "Bakery Bros")));
      MainView view = window(connections);
      Scene scene = stage.getScene();
      await(
          "the key is rejected",
          () -> text(scene, "#connection-status").startsWith("Key rejected — data as of "));
      dashboardDrawn(scene);
      assertThat(onFx(() -> scene.lookup("#rekey-button").isVisible())).isTrue();
      Screens.save(scene, OUT.resolve("app-key-rejected.png"));

      Connection rejected = Objects.requireNonNull(view.model().selectedProperty().get());
      onFx(() -> ConnectionDialogs.rekey(stage, view.model(), rejected));
      await("the key dialog is open", () -> dialogScene("#rekey-key") != null);
      Scene rekey = onFx(() -> Objects.requireNonNull(dialogScene("#rekey-key")));
      onFx(
          () -> {
            ((javafx.scene.control.PasswordField) rekey.lookup("#rekey-key"))
                .setText("lsk_mistyped");
            ((javafx.scene.control.Button) rekey.lookup("#rekey-save")).fire();
          });
      await(
          "the wrong key is refused under the field",
          () -> text(rekey, "#rekey-error").startsWith("The collector did not accept"));
      Screens.save(rekey, OUT.resolve("app-rekey-refused.png"));
      onFx(() -> rekey.getWindow().hide());

      onFx(() -> ConnectionDialogs.manage(stage, view.model()));
      await("the manager is open", () -> dialogScene("#connections-list") != null);
      Scene manager = onFx(() -> Objects.requireNonNull(dialogScene("#connections-list")));
      @SuppressWarnings("unchecked")
      ListView<Connection> list = (ListView<Connection>) manager.lookup("#connections-list");
      assertThat(onFx(() -> list.getItems().stream().map(view.model()::displayName).toList()))
          .containsExactly(
              "Acme Coffee Roasters — " + host(url) + " (1)",
              "Acme Coffee Roasters — " + host(url) + " (2)",
              "Acme staging — Acme Coffee Roasters · " + host(url),
              "Bakery Bros — links.bakery.example");
      Screens.save(manager, OUT.resolve("app-connections-duplicates.png"));
      onFx(() -> manager.getWindow().hide());
    }
  }

  @Test
  void offlineAndDark() {
    ConnectionStore connections = new ConnectionStore(home.resolve("app"));
    connections.save(
        List.of(sample(connections, "acme", Sessions.UNREACHABLE, "lsk_unused", "Acme main")));
    MainView view = window(connections);
    Scene scene = stage.getScene();
    await(
        "the app is offline",
        () -> text(scene, "#connection-status").startsWith("Offline — data as of "));
    dashboardDrawn(scene);
    Screens.save(scene, OUT.resolve("app-offline.png"));

    onFx(() -> view.model().darkThemeProperty().set(true));
    assertThat(Application.getUserAgentStylesheet()).endsWith("primer-dark.bss");
    Screens.save(scene, OUT.resolve("app-dark-offline.png"));
    onFx(view::showLinks);
    await("the links table is filled", () -> Screens.rows(scene, "#links-table") > 0);
    Screens.save(scene, OUT.resolve("app-dark-links.png"));
  }

  @Test
  void anErrorDialog() throws Exception {
    ConnectionStore connections = new ConnectionStore(home.resolve("app"));
    Connection broken =
        new Connection("acme", "https://links.acme.example", "lsk_x", "Acme Coffee Roasters");
    connections.save(List.of(broken));
    Files.createDirectories(connections.storeFile(broken));
    MainView view = window(connections);
    await("the error dialog is shown", () -> view.notifier().lastDialog() != null);
    Scene dialog =
        onFx(() -> Objects.requireNonNull(view.notifier().lastDialog()).getDialogPane().getScene());
    await("the dialog is showing", () -> dialog.getWindow().isShowing());
    Screens.save(dialog, OUT.resolve("app-error-dialog.png"));
    Screens.save(stage.getScene(), OUT.resolve("app-error-window.png"));
    onFx(() -> dialog.getWindow().hide());
  }

  private static String host(String url) {
    return java.net.URI.create(url).getAuthority();
  }

  private static Scene dialogScene(String id) {
    return Window.getWindows().stream()
        .filter(window -> window.isShowing() && window.getScene() != null)
        .map(Window::getScene)
        .filter(scene -> scene.lookup(id) != null)
        .findFirst()
        .orElse(null);
  }
}
