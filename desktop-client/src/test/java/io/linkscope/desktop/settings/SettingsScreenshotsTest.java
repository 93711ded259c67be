package io.linkscope.desktop.settings;

import static io.linkscope.desktop.testsupport.Screens.await;
import static io.linkscope.desktop.testsupport.Screens.onFx;

import io.linkscope.api.LinkscopeClient;
import io.linkscope.api.link.LinkInput;
import io.linkscope.api.retention.RetentionInput;
import io.linkscope.api.workspace.ApiKeyInput;
import io.linkscope.api.workspace.ApiKeyView;
import io.linkscope.collector.testsupport.TestCollector;
import io.linkscope.desktop.testsupport.Screens;
import io.linkscope.desktop.testsupport.Visits;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.RadioButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Draws the settings screen in its hard cases against a real collector and saves them to
 * docs/screenshots/settings-*.png: keys with long names, expired, revoked and never used; a new
 * key's secret; the data tab with a retention, purges and a refused number; the deletion typed; the
 * collectors; a viewer's key; offline; the smallest window.
 */
@ExtendWith(ApplicationExtension.class)
class SettingsScreenshotsTest {
  private static final Path OUT = Path.of("..", "docs", "screenshots");

  @TempDir Path home;
  private Stage stage;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    Application.setUserAgentStylesheet(io.linkscope.desktop.ui.Theme.userAgentStylesheet());
  }

  @Test
  void drawsTheScreensHardCases() throws Exception {
    try (TestCollector collector = TestCollector.start(home.resolve("collector"))) {
      LinkscopeClient admin = collector.client();
      admin.createLink(LinkInput.to("https://shop.example.com/spring").withSlug("spring-sale"));
      Visits.visit(collector, "spring-sale", "81.2.69.160", 12);
      String laptop =
          admin.createKey(new ApiKeyInput("Anna's laptop (desktop app)", "editor")).key();
      collector.client(laptop).workspace();
      admin.createKey(
          new ApiKeyInput(
              "Zapier integration for the Acme Coffee Roasters spring campaign and its CRM sync",
              "editor",
              Instant.now().plus(Duration.ofDays(45))));
      String viewer =
          admin
              .createKey(
                  new ApiKeyInput(
                      "Client report (read only)",
                      "viewer",
                      Instant.now().plus(Duration.ofDays(3))))
              .key();
      collector.client(viewer).workspace();
      admin.createKey(
          new ApiKeyInput("Contractor trial", "viewer", Instant.now().plus(Duration.ofSeconds(1))));
      admin.createKey(new ApiKeyInput("Old office PC", "admin"));
      admin.revokeKey(
          admin.keys().stream()
              .filter(k -> k.name().equals("Old office PC"))
              .mapToLong(ApiKeyView::id)
              .findFirst()
              .orElseThrow());
      admin.setRetention(new RetentionInput(90));
      admin.purgeNow();
      Thread.sleep(1_200);

      SettingsWindow window =
          SettingsWindow.open(
              stage, home, collector.baseUrl(), collector.adminKey(), "default", 1280, 800);
      await("the keys are listed", () -> window.rows("#keys-table") == 6);
      Screens.save(window.scene, OUT.resolve("settings-keys.png"));

      window.type("#key-name", "Printer in the shop");
      window.press("#key-create");
      Scene secret = SettingsWindow.dialog("#key-secret-dialog");
      Screens.save(window.scene, OUT.resolve("settings-key-secret.png"));
      onFx(() -> secret.getWindow().hide());

      window.tab(1);
      await(
          "the data is read",
          () -> Screens.text(window.scene, "#retention-meaning").startsWith("Raw clicks older"));
      await("the purge is listed", () -> window.shows("#retention-purges"));
      Screens.save(window.scene, OUT.resolve("settings-data.png"));

      window.type("#retention-days", "forty");
      window.press("#retention-save");
      await("the refusal shows", () -> window.lookup("#retention-days-error").isVisible());
      window.type("#delete-confirmation", "default");
      Screens.save(window.scene, OUT.resolve("settings-data-error-and-delete-typed.png"));
      window.type("#delete-confirmation", "");
      window.type("#retention-days", "90");

      window.tab(2);
      await("the collector is listed", () -> window.rows("#collectors-table") == 1);
      Screens.save(window.scene, OUT.resolve("settings-collectors.png"));

      onFx(
          () -> {
            stage.setWidth(1024);
            stage.setHeight(640);
          });
      window.tab(1);
      Thread.sleep(300);
      Screens.save(window.scene, OUT.resolve("settings-data-1024x640.png"));
      onFx(
          () -> {
            stage.setWidth(1280);
            stage.setHeight(800);
          });

      // Offline: the collector stops; the keys stay as last read.
      collector.close();
      window.tab(0);
      window.press("#keys-refresh");
      await(
          "the keys say offline",
          () -> Screens.text(window.scene, "#keys-status").startsWith("Offline: the keys as of"));
      Screens.save(window.scene, OUT.resolve("settings-offline.png"));
      onFx(() -> stage.hide());
    }
  }

  @Test
  void drawsAViewersKey() throws Exception {
    try (TestCollector collector = TestCollector.start(home.resolve("collector"))) {
      String viewer =
          collector.client().createKey(new ApiKeyInput("Client report", "viewer")).key();
      collector.client().setRetention(new RetentionInput(400));
      SettingsWindow window =
          SettingsWindow.open(stage, home, collector.baseUrl(), viewer, "default", 1280, 800);
      await(
          "the keys say admin only",
          () -> Screens.text(window.scene, "#keys-status").startsWith("Only an admin key"));
      Screens.save(window.scene, OUT.resolve("settings-viewer-keys.png"));
      window.tab(1);
      await(
          "the data says admin only",
          () -> Screens.text(window.scene, "#data-read-only").startsWith("Only an admin key"));
      onFx(() -> ((RadioButton) window.lookup("#retention-keep-days")).isSelected());
      Screens.save(window.scene, OUT.resolve("settings-viewer-data.png"));
    }
  }
}
