package io.linkscope.desktop.webhooks;

import static io.linkscope.desktop.testsupport.Screens.await;
import static io.linkscope.desktop.testsupport.Screens.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.desktop.testsupport.Screens;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The webhooks screen in the real window against the real collector, its endpoints in the states
 * real deliveries to real receivers brought them to.
 */
@ExtendWith(ApplicationExtension.class)
class WebhooksViewTest {
  @TempDir Path home;
  private Stage stage;
  private WebhookCollector collector;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    Application.setUserAgentStylesheet(io.linkscope.desktop.ui.Theme.userAgentStylesheet());
  }

  @BeforeEach
  void startCollector() throws Exception {
    collector = WebhookCollector.start(home);
    collector.sample();
  }

  @AfterEach
  void stopCollector() {
    collector.close();
  }

  @Test
  void showsStatesTheLogAndATestEventsAnswer() {
    WebhooksWindow window = WebhooksWindow.open(stage, home, collector, 1280, 800);
    assertThat(Screens.text(window.scene, "#webhook-state")).isEqualTo("Active");
    assertThat(onFx(() -> window.lookup("#webhook-warning").isVisible())).isFalse();

    window.select(collector.disabled);
    await("the disabled endpoint shows", () -> window.lookup("#webhook-warning").isVisible());
    assertThat(Screens.text(window.scene, "#webhook-state"))
        .isEqualTo("Disabled after failed deliveries");
    assertThat(Screens.text(window.scene, "#webhook-warning"))
        .startsWith("The collector stopped sending to this endpoint: deliveries failed for");
    assertThat(onFx(() -> window.lookup("#webhook-warning").getStyleClass()))
        .contains("webhook-danger");
    assertThat(Screens.text(window.scene, "#webhook-enable")).isEqualTo("Enable");

    window.select(collector.failing);
    await("the log's first page", () -> Screens.rows(window.scene, "#webhook-attempts") == 25);
    assertThat(onFx(() -> window.lookup("#webhook-older").isVisible())).isTrue();
    window.press("#webhook-older");
    await(
        "older attempts",
        () -> Screens.rows(window.scene, "#webhook-attempts") == WebhookCollector.CLICKS);

    // The receiver is back: a test event reaches it.
    collector.unavailable.answer(200, "{\"ok\":true}");
    window.press("#webhook-test");
    await(
        "the test's answer",
        () -> Screens.text(window.scene, "#webhook-test-result").startsWith("Test event"));
    assertThat(Screens.text(window.scene, "#webhook-test-result"))
        .matches("Test event delivered: 200 OK in \\d+ ms · \\{\"ok\":true\\}");
  }

  @Test
  void aRefusedUrlStaysUnderItsFieldAndTheSecretIsShownOnce() {
    WebhooksWindow window = WebhooksWindow.open(stage, home, collector, 1280, 800);
    window.press("#webhook-new");
    Scene form = WebhooksWindow.dialog("#endpoint-dialog");
    onFx(
        () -> {
          ((TextField) form.lookup("#endpoint-url"))
              .setText("https://relay:hunter2@hooks.example.com/in");
          ((TextField) form.lookup("#endpoint-links")).setText("spring-sale");
          ((Button) form.lookup("#endpoint-save")).fire();
        });
    await("the refusal shows", () -> form.lookup("#endpoint-url-error").isVisible());
    assertThat(Screens.text(form, "#endpoint-url-error"))
        .isEqualTo("Must not contain a user name or password.");
    assertThat(onFx(() -> form.getWindow().isShowing())).isTrue();
    assertThat(onFx(() -> ((TextField) form.lookup("#endpoint-links")).getText()))
        .isEqualTo("spring-sale");

    onFx(
        () -> {
          ((TextField) form.lookup("#endpoint-url")).setText(collector.ok.url() + "?new");
          ((Button) form.lookup("#endpoint-save")).fire();
        });
    Scene secret = WebhooksWindow.dialog("#webhook-secret-dialog");
    assertThat(onFx(() -> form.getWindow().isShowing())).isFalse();
    String value = onFx(() -> ((TextField) secret.lookup("#webhook-secret")).getText());
    assertThat(value).startsWith("whsec_");
    assertThat(Screens.text(secret, "#webhook-secret-note"))
        .startsWith("Copy it into the receiver now: you will not see it again.");
    onFx(() -> ((Button) secret.lookup("#webhook-secret-copy")).fire());
    assertThat(onFx(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString()))
        .isEqualTo(value);
    onFx(() -> secret.getWindow().hide());
    assertThat(onFx(() -> window.list().getItems().size())).isEqualTo(5);
    assertThat(Screens.text(window.scene, "#webhook-url")).isEqualTo(collector.ok.url() + "?new");
    assertThat(collector.admin.webhookEndpoints()).hasSize(5);
  }

  @Test
  void offlineTheScreenSaysSoKeepsTheListAndDisablesChanges() {
    WebhooksWindow window = WebhooksWindow.open(stage, home, collector, 1280, 800);
    collector.stop();
    window.press("#webhooks-refresh");
    await("the offline status", () -> window.lookup("#webhooks-status").isVisible());
    assertThat(Screens.text(window.scene, "#webhooks-status"))
        .startsWith("Offline: the endpoints as of");
    await("changes are disabled", () -> window.lookup("#webhook-test").isDisabled());
    assertThat(onFx(() -> window.list().getItems().size())).isEqualTo(4);
    for (String id :
        java.util.List.of("#webhook-new", "#webhook-edit", "#webhook-delete", "#replay-send")) {
      assertThat(onFx(() -> window.lookup(id).isDisabled())).as(id).isTrue();
    }
    assertThat(Screens.text(window.scene, "#webhooks-read-only"))
        .startsWith("You are offline")
        .endsWith("You can still see the endpoints and their deliveries.");
  }
}
