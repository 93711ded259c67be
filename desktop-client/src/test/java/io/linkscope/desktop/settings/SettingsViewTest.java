package io.linkscope.desktop.settings;

import static io.linkscope.desktop.testsupport.Screens.await;
import static io.linkscope.desktop.testsupport.Screens.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.api.workspace.ApiKeyInput;
import io.linkscope.api.workspace.ApiKeyView;
import io.linkscope.collector.testsupport.TestCollector;
import io.linkscope.desktop.testsupport.Screens;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DatePicker;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TableRow;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The settings screen in the real window against the real collector. */
@ExtendWith(ApplicationExtension.class)
class SettingsViewTest {
  @TempDir Path home;
  private Stage stage;
  private TestCollector collector;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    Application.setUserAgentStylesheet(io.linkscope.desktop.ui.Theme.userAgentStylesheet());
  }

  @BeforeEach
  void startCollector() throws Exception {
    collector = TestCollector.start(home.resolve("collector"));
  }

  @AfterEach
  void stopCollector() {
    collector.close();
  }

  @Test
  void marksAnExpiredKeyAndShowsANewKeysSecretOnce() throws Exception {
    collector
        .client()
        .createKey(new ApiKeyInput("trial", "viewer", Instant.now().plus(Duration.ofSeconds(1))));
    Thread.sleep(1_500);
    SettingsWindow window =
        SettingsWindow.open(
            stage, home, collector.baseUrl(), collector.adminKey(), "default", 1280, 800);
    await("the keys are listed", () -> window.rows("#keys-table") == 2);
    await(
        "the expired key is marked",
        () ->
            window.scene.lookup("#keys-table").lookupAll(".table-row-cell").stream()
                .anyMatch(
                    node ->
                        node instanceof TableRow<?> row
                            && row.getItem() instanceof ApiKeyView key
                            && key.name().equals("trial")
                            && row.getStyleClass().contains("key-expired")));

    window.type("#key-name", "Printer in the shop");
    LocalDate lastDay = LocalDate.now(SettingsWindow.ZONE).plusDays(3);
    onFx(() -> ((DatePicker) window.lookup("#key-expiry")).setValue(lastDay));
    window.press("#key-create");
    Scene secret = SettingsWindow.dialog("#key-secret-dialog");
    String value = onFx(() -> ((TextField) secret.lookup("#key-secret")).getText());
    assertThat(value).startsWith("lsk_");
    assertThat(Screens.text(secret, "#key-secret-note")).contains("it is not shown again");
    onFx(() -> ((Button) secret.lookup("#key-secret-copy")).fire());
    assertThat(onFx(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString()))
        .isEqualTo(value);
    onFx(() -> secret.getWindow().hide());
    await("the new key is listed", () -> window.rows("#keys-table") == 3);
    assertThat(collector.client(value).workspace().slug()).isEqualTo("default");
    assertThat(
            collector.client().keys().stream()
                .filter(k -> k.name().equals("Printer in the shop"))
                .findFirst()
                .orElseThrow()
                .expiresAt())
        .isEqualTo(lastDay.plusDays(1).atStartOfDay(SettingsWindow.ZONE).toInstant());
    assertThat(onFx(() -> ((TextField) window.lookup("#key-name")).getText())).isEmpty();

    window.tab(2);
    await("the collector is listed", () -> window.rows("#collectors-table") == 1);
    assertThat(Screens.text(window.scene, "#collectors-summary"))
        .isEqualTo("1 collector: 1 up · every answered click is in the database");
  }

  @Test
  void savesARetentionAndDeletesTheWorkspaceOnceItsSlugIsTypedThenForgetsTheConnection()
      throws Exception {
    String key = collector.createWorkspaceKey("leaving");
    SettingsWindow window =
        SettingsWindow.open(stage, home, collector.baseUrl(), key, "leaving", 1280, 800);
    window.tab(1);
    await(
        "the data is read",
        () -> Screens.text(window.scene, "#retention-meaning").startsWith("Every raw click"));

    onFx(() -> ((RadioButton) window.lookup("#retention-keep-days")).fire());
    window.type("#retention-days", "30");
    window.press("#retention-save");
    await(
        "the retention is saved",
        () ->
            Screens.text(window.scene, "#retention-meaning")
                .startsWith("Raw clicks older than 30 days"));
    assertThat(collector.client(key).retention().rawClickDays()).isEqualTo(30);

    assertThat(onFx(() -> window.lookup("#delete-workspace").isDisabled())).isTrue();
    window.type("#delete-confirmation", "leavin");
    assertThat(onFx(() -> window.lookup("#delete-workspace").isDisabled())).isTrue();
    window.type("#delete-confirmation", "leaving");
    assertThat(onFx(() -> window.lookup("#delete-workspace").isDisabled())).isFalse();
    assertThat(Screens.text(window.scene, "#delete-text"))
        .startsWith("Deletes the workspace leaving on the collector with everything in it");
    Path store = home.resolve("app").resolve("stores");
    window.press("#delete-workspace");
    Scene confirm = SettingsWindow.dialog("#workspace-delete-confirm");
    onFx(
        () ->
            ((Button)
                    ((javafx.scene.control.DialogPane) confirm.lookup("#workspace-delete-confirm"))
                        .lookupButton(ButtonType.OK))
                .fire());

    await("the connection is forgotten", () -> window.model.connections().isEmpty());
    await("no workspace is open", () -> window.view.session() == null);
    assertThat(
            org.assertj.core.api.Assertions.catchThrowableOfType(
                    io.linkscope.api.ApiException.class, () -> collector.client(key).workspace())
                .status())
        .isEqualTo(401);
    assertThat(store)
        .satisfiesAnyOf(
            dir -> assertThat(java.nio.file.Files.exists(dir)).isFalse(),
            dir -> {
              try (var files = java.nio.file.Files.list(dir)) {
                assertThat(files.filter(f -> f.toString().endsWith(".sqlite"))).isEmpty();
              }
            });
  }
}
