package io.linkscope.desktop.webhooks;

import static io.linkscope.desktop.testsupport.Screens.await;
import static io.linkscope.desktop.testsupport.Screens.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.api.webhook.WebhookAttempt;
import io.linkscope.desktop.testsupport.Screens;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Draws the webhooks screen in its hard cases and saves them to docs/screenshots/webhooks-*.png:
 * long URLs, a disabled endpoint, the delivery log, the secret, a refused URL, no endpoints,
 * offline, and the smallest window.
 */
@ExtendWith(ApplicationExtension.class)
class WebhooksScreenshotsTest {
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
    try (WebhookCollector collector = WebhookCollector.start(home)) {
      collector.sample();
      WebhooksWindow window = WebhooksWindow.open(stage, home, collector, 1280, 800);
      window.select(collector.failing);
      await("the log", () -> Screens.rows(window.scene, "#webhook-attempts") == 25);
      Screens.save(window.scene, OUT.resolve("webhooks-list-long-urls.png"));

      window.select(collector.disabled);
      await("the disabled endpoint", () -> window.lookup("#webhook-warning").isVisible());
      await(
          "its log of 500s",
          () ->
              window.lookup("#webhook-attempts") instanceof TableView<?> table
                  && !table.getItems().isEmpty()
                  && table.getItems().getFirst() instanceof WebhookAttempt first
                  && Integer.valueOf(500).equals(first.status()));
      Screens.save(window.scene, OUT.resolve("webhooks-disabled.png"));

      window.select(collector.failing);
      await("the log", () -> Screens.rows(window.scene, "#webhook-attempts") == 25);
      window.press("#webhook-older");
      await(
          "older attempts",
          () -> Screens.rows(window.scene, "#webhook-attempts") == WebhookCollector.CLICKS);
      window.press("#webhook-test");
      await(
          "the test's answer",
          () -> Screens.text(window.scene, "#webhook-test-result").startsWith("Test event"));
      onFx(() -> ((TableView<?>) window.lookup("#webhook-attempts")).getSelectionModel().select(2));
      window.scrollTo("#webhook-log");
      Screens.save(window.scene, OUT.resolve("webhooks-delivery-log.png"));

      window.press("#webhook-new");
      Scene form = WebhooksWindow.dialog("#endpoint-dialog");
      onFx(
          () -> {
            ((TextField) form.lookup("#endpoint-url"))
                .setText("https://relay:hunter2@192.168.1.20:8443/hooks/in");
            ((TextField) form.lookup("#endpoint-links")).setText("spring-sale, store-berlin");
            ((TextField) form.lookup("#endpoint-tags")).setText("campaign-a");
            ((Button) form.lookup("#endpoint-save")).fire();
          });
      await("the refusal", () -> form.lookup("#endpoint-url-error").isVisible());
      Screens.save(form, OUT.resolve("webhooks-error.png"));
      onFx(
          () -> {
            ((TextField) form.lookup("#endpoint-url")).setText(collector.ok.url() + "?new");
            ((Button) form.lookup("#endpoint-save")).fire();
          });
      Scene secret = WebhooksWindow.dialog("#webhook-secret-dialog");
      Screens.save(secret, OUT.resolve("webhooks-secret-dialog.png"));
      onFx(() -> secret.getWindow().hide());
      await("the confirmation has passed", () -> window.scene.lookup(".notification") == null);

      onFx(
          () -> {
            stage.setWidth(1024);
            stage.setHeight(640);
          });
      await("the smallest window", () -> window.scene.getWidth() == 1024);
      window.select(collector.failing);
      await("the log", () -> Screens.rows(window.scene, "#webhook-attempts") >= 25);
      Screens.save(window.scene, OUT.resolve("webhooks-minimum-1024x640.png"));

      onFx(
          () -> {
            stage.setWidth(1280);
            stage.setHeight(800);
          });
      collector.stop();
      window.press("#webhooks-refresh");
      await("offline", () -> window.lookup("#webhooks-status").isVisible());
      await("changes disabled", () -> window.lookup("#webhook-test").isDisabled());
      Screens.save(window.scene, OUT.resolve("webhooks-offline.png"));
    }
  }

  @Test
  void drawsAWorkspaceWithoutEndpoints() throws Exception {
    try (WebhookCollector collector = WebhookCollector.start(home)) {
      WebhooksWindow window = WebhooksWindow.open(stage, home, collector, 1280, 800);
      await("the empty state", () -> window.lookup("#webhooks-empty").isVisible());
      assertThat(Screens.text(window.scene, "#webhooks-empty .empty-title"))
          .isEqualTo("No webhook endpoints yet");
      Screens.save(window.scene, OUT.resolve("webhooks-empty.png"));
    }
  }
}
