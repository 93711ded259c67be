package io.linkscope.desktop.app;

import static io.linkscope.desktop.testsupport.Screens.await;
import static io.linkscope.desktop.testsupport.Screens.onFx;
import static io.linkscope.desktop.testsupport.Screens.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.api.LinkscopeClient;
import io.linkscope.api.link.LinkInput;
import io.linkscope.api.workspace.ApiKeyInput;
import io.linkscope.api.workspace.ApiKeyView;
import io.linkscope.collector.testsupport.TestCollector;
import io.linkscope.desktop.connection.ConnectionStore;
import io.linkscope.desktop.connection.Reach;
import io.linkscope.desktop.connection.Session;
import io.linkscope.desktop.ui.FxBackground;
import io.linkscope.desktop.ui.Theme;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The window as the user meets it: the banner of a rejected key and the new key entered from it, a
 * stopped collector noticed at the next failed action, the dark theme.
 */
@ExtendWith(ApplicationExtension.class)
class AppWindowTest {
  @TempDir Path home;
  private Stage stage;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    Application.setUserAgentStylesheet(Theme.userAgentStylesheet());
  }

  @AfterEach
  void lightAgain() {
    // The theme is the whole JVM's: leave it as the other tests expect it.
    onFx(() -> Application.setUserAgentStylesheet(Theme.userAgentStylesheet()));
  }

  private MainView openApp() {
    MainViewModel model =
        new MainViewModel(
            new ConnectionStore(home.resolve("app")), new FxBackground(), Clock.systemUTC());
    MainView view = new MainView(model, ZoneOffset.UTC, url -> {});
    onFx(
        () -> {
          stage.setScene(DesktopApp.scene(view));
          stage.show();
          stage.toFront();
          model.start();
        });
    return view;
  }

  private static void connect(MainView view, String url, String key) {
    List<String> errors = new ArrayList<>();
    onFx(() -> view.model().connect(url, key, () -> {}, errors::add));
    await("the workspace is open", () -> view.session() != null);
    assertThat(errors).isEmpty();
  }

  @Test
  void aRejectedKeyShowsItsBannerAndANewKeyEnteredThereBringsTheWorkspaceBack(FxRobot robot)
      throws Exception {
    try (TestCollector collector = TestCollector.start(home.resolve("collector"))) {
      LinkscopeClient admin = collector.client();
      admin.createLink(LinkInput.to("https://shop.example.com/spring").withSlug("spring"));
      String deskKey = admin.createKey(new ApiKeyInput("desk", "admin")).key();
      MainView view = openApp();
      Scene scene = stage.getScene();
      connect(view, collector.baseUrl(), deskKey);
      await(
          "online and synced",
          () -> text(scene, "#connection-status").startsWith("Online · synced"));
      assertThat(onFx(() -> scene.lookup("#state-banner").isVisible())).isFalse();

      admin.revokeKey(
          admin.keys().stream()
              .filter(k -> k.name().equals("desk"))
              .mapToLong(ApiKeyView::id)
              .findFirst()
              .orElseThrow());
      robot.clickOn("#sync-button");

      await(
          "the status says the key was rejected",
          () -> text(scene, "#connection-status").startsWith("Key rejected — data as of "));
      assertThat(onFx(() -> scene.lookup("#state-banner").isVisible())).isTrue();
      assertThat(text(scene, "#offline-banner"))
          .contains("no longer accepts this workspace's API key")
          .doesNotContain("Offline");
      assertThat(onFx(() -> scene.lookup("#rekey-button").isVisible())).isTrue();

      robot.clickOn("#rekey-button");
      await("the key dialog is open", () -> dialogNode("#rekey-key") != null);
      robot.clickOn(onFx(() -> dialogNode("#rekey-key"))).write("lsk_typo");
      robot.clickOn(onFx(() -> dialogNode("#rekey-save")));
      await(
          "the wrong key is refused next to the field",
          () -> dialogText("#rekey-error").startsWith("The collector did not accept"));
      assertThat(onFx(() -> ((PasswordField) dialogNode("#rekey-key")).getText()))
          .isEqualTo("lsk_typo");

      String newKey = admin.createKey(new ApiKeyInput("desk 2", "admin")).key();
      onFx(() -> ((PasswordField) dialogNode("#rekey-key")).setText(newKey));
      robot.clickOn(onFx(() -> dialogNode("#rekey-save")));
      await("the dialog closed", () -> dialogNode("#rekey-key") == null);
      await(
          "online again with the new key",
          () -> text(scene, "#connection-status").startsWith("Online · synced"));
      assertThat(onFx(() -> scene.lookup("#state-banner").isVisible())).isFalse();
      assertThat(Objects.requireNonNull(view.session()).connection().apiKey()).isEqualTo(newKey);
    }
  }

  @Test
  void aStoppedCollectorShowsTheOfflineBannerAtTheNextFailedActionNotAtTheNextSync(FxRobot robot)
      throws Exception {
    MainView view;
    Scene scene;
    try (TestCollector collector = TestCollector.start(home.resolve("collector"))) {
      view = openApp();
      scene = stage.getScene();
      connect(view, collector.baseUrl(), collector.adminKey());
      await(
          "online and synced",
          () -> text(scene, "#connection-status").startsWith("Online · synced"));
    }
    Session session = Objects.requireNonNull(view.session());
    assertThat(session.writableProperty().get()).isTrue();
    // The collector is gone; the next sync is a minute away. The user saves a new link.
    robot.clickOn("#nav-links");
    robot.clickOn("#new-link");
    await("the link dialog is open", () -> dialogNode("#link-target") != null);
    robot.clickOn(onFx(() -> dialogNode("#link-target"))).write("https://shop.example.com/x");
    robot.clickOn(onFx(() -> dialogNode("#link-save")));

    await("the banner is shown", () -> scene.lookup("#state-banner").isVisible());
    assertThat(text(scene, "#connection-status")).startsWith("Offline — data as of ");
    assertThat(text(scene, "#offline-banner"))
        .contains("changes are disabled until")
        .doesNotContain("API key");
    assertThat(onFx(() -> scene.lookup("#rekey-button").isVisible())).isFalse();
    await(
        "the dialog says why nothing was saved",
        () -> dialogText("#link-offline-reason").startsWith("You are offline"));
    assertThat(session.reachProperty().get()).isEqualTo(Reach.OFFLINE);
    assertThat(session.writableProperty().get()).isFalse();
    assertThat(session.writeBlockedReasonProperty().get()).startsWith("You are offline");
    robot.press(javafx.scene.input.KeyCode.ESCAPE).release(javafx.scene.input.KeyCode.ESCAPE);
  }

  @Test
  void theDarkThemeFollowsTheToggleAndIsRememberedForTheNextStart(FxRobot robot) {
    MainView view = openApp();
    Scene scene = stage.getScene();
    assertThat(Application.getUserAgentStylesheet()).endsWith("primer-light.bss");
    assertThat(onFx(() -> luminance(scene))).isGreaterThan(0.8);

    robot.clickOn("#theme-toggle");

    await("the dark theme is applied", () -> luminance(scene) < 0.2);
    assertThat(Application.getUserAgentStylesheet()).endsWith("primer-dark.bss");
    assertThat(view.model().darkThemeProperty().get()).isTrue();
    Color text = onFx(() -> (Color) ((Labeled) scene.lookup("#connection-status")).getTextFill());
    assertThat(text.getBrightness()).isGreaterThan(0.6);

    MainViewModel next =
        new MainViewModel(
            new ConnectionStore(home.resolve("app")), new FxBackground(), Clock.systemUTC());
    assertThat(next.darkThemeProperty().get()).isTrue();

    robot.clickOn("#theme-toggle");
    await("light again", () -> luminance(scene) > 0.8);
  }

  /**
   * Brightness (on the FX thread) of the content area's background: near 1 in the light theme, near
   * 0 in the dark.
   */
  private static double luminance(Scene scene) {
    scene.getRoot().applyCss();
    Region content = (Region) scene.getRoot().lookup(".content");
    Color fill = (Color) content.getBackground().getFills().getFirst().getFill();
    return fill.getBrightness();
  }

  /** A node of an open dialog (call on the FX thread). */
  private static Node dialogNode(String id) {
    return Window.getWindows().stream()
        .filter(window -> window.isShowing() && window.getScene() != null)
        .map(window -> window.getScene().lookup(id))
        .filter(Objects::nonNull)
        .findFirst()
        .orElse(null);
  }

  private static String dialogText(String id) {
    return dialogNode(id) instanceof Labeled labeled ? labeled.getText() : "";
  }
}
