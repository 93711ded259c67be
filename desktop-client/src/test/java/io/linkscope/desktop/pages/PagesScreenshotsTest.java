package io.linkscope.desktop.pages;

import static io.linkscope.desktop.testsupport.Screens.await;
import static io.linkscope.desktop.testsupport.Screens.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.api.bio.BioPageView;
import io.linkscope.api.bio.BioWidgetView;
import io.linkscope.collector.testsupport.TestCollector;
import io.linkscope.desktop.testsupport.Screens;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.scene.control.ColorPicker;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.paint.Color;
import javafx.scene.web.WebView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Draws the bio page editor in its hard cases and saves them to docs/screenshots/pages-*.png: a
 * long title and address at the window's largest usual and smallest size, every widget type, the
 * social icons dialog, a refused widget, a theme the collector would refuse, the preview.
 */
@ExtendWith(ApplicationExtension.class)
class PagesScreenshotsTest {
  private static final Path OUT = Path.of("..", "docs", "screenshots");

  @TempDir Path home;
  private Stage stage;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    Application.setUserAgentStylesheet(io.linkscope.desktop.ui.Theme.userAgentStylesheet());
  }

  @Test
  void drawsTheEditorsHardCases() throws Exception {
    try (TestCollector collector = TestCollector.start(home.resolve("collector"))) {
      BioPageView page = PagesWindow.longPage(collector.client());
      PagesWindow window =
          PagesWindow.open(stage, home, collector.baseUrl(), collector.adminKey(), 1280, 800);
      awaitPreview(window);
      Screens.save(window.scene, OUT.resolve("pages-long-title-and-preview.png"));

      onFx(
          () -> {
            stage.setWidth(1024);
            stage.setHeight(640);
          });
      await("the window is at its minimum size", () -> window.scene.getWidth() == 1024);
      assertThat(PagesWindow.shown(window.lookup("#page-publish"))).isEqualTo("Unpublish");
      Screens.save(window.scene, OUT.resolve("pages-minimum-size.png"));

      onFx(
          () -> {
            stage.setWidth(1280);
            stage.setHeight(800);
          });
      await("the window is large again", () -> window.scene.getWidth() == 1280);
      window.scrollTo("#widget-list");
      assertThat(onFx(() -> window.widgetList().getItems().size())).isEqualTo(8);
      Screens.save(window.scene, OUT.resolve("pages-every-widget-type.png"));

      BioWidgetView social =
          page.widgets().stream().filter(w -> w.type().equals("social")).findFirst().orElseThrow();
      Dialog<BioPageView> socialDialog =
          onFx(
              () -> {
                WidgetEditorViewModel editor =
                    new WidgetEditorViewModel(
                        window.view.session(), window.view.notifier(), page.id(), social);
                Dialog<BioPageView> shown = new WidgetEditorView(editor).dialog(stage);
                shown.show();
                return shown;
              });
      await("the social dialog is showing", socialDialog::isShowing);
      Screens.save(
          socialDialog.getDialogPane().getScene(), OUT.resolve("pages-social-widget-dialog.png"));
      onFx(socialDialog::close);

      WidgetEditorViewModel refused =
          new WidgetEditorViewModel(window.view.session(), window.view.notifier(), page.id(), null);
      Dialog<BioPageView> refusedDialog =
          onFx(
              () -> {
                refused.typeProperty().set("video");
                refused.titleProperty().set("Roastery tour – behind the scenes");
                refused.urlProperty().set("https://www.youtube.com/watch?v=short");
                Dialog<BioPageView> shown = new WidgetEditorView(refused).dialog(stage);
                shown.show();
                return shown;
              });
      await("the refused dialog is showing", refusedDialog::isShowing);
      onFx(
          () ->
              ((javafx.scene.control.Button) refusedDialog.getDialogPane().lookup("#widget-save"))
                  .fire());
      await("the collector's answer is shown", () -> !refused.urlErrorProperty().get().isEmpty());
      Screens.save(refusedDialog.getDialogPane().getScene(), OUT.resolve("pages-widget-error.png"));
      onFx(refusedDialog::close);

      window.scrollTo("#page-theme");
      onFx(
          () -> {
            ((ColorPicker) window.scene.lookup("#theme-text")).setValue(Color.web("#8a8a8a"));
            ((ColorPicker) window.scene.lookup("#theme-button")).setValue(Color.web("#f0e0c8"));
            ((ColorPicker) window.scene.lookup("#theme-button-text"))
                .setValue(Color.web("#ffffff"));
          });
      Label verdict = (Label) window.lookup("#page-contrast");
      assertThat(onFx(verdict::getText))
          .startsWith("Too hard to read")
          .contains("#8a8a8a on #f6f3ee has a contrast of");
      assertThat(onFx(() -> window.scene.lookup("#page-save").isDisabled())).isFalse();
      Screens.save(window.scene, OUT.resolve("pages-contrast-error.png"));
    }
  }

  @Test
  void drawsTheEditorOfflineWithChangesDisabledAndTheReason() {
    PagesWindow window = PagesWindow.openOffline(stage, home);
    await("the offline reason shows", () -> window.scene.lookup("#pages-offline").isVisible());
    assertThat(Screens.text(window.scene, "#pages-offline"))
        .startsWith("You are offline: 127.0.0.1");
    for (String id : List.of("#new-page", "#page-publish", "#page-delete", "#widget-add")) {
      assertThat(onFx(() -> window.scene.lookup(id).isDisabled())).as(id).isTrue();
    }
    assertThat(Screens.text(window.scene, "#preview-status"))
        .isEqualTo("No preview while offline: the collector renders it.");
    Screens.save(window.scene, OUT.resolve("pages-offline.png"));
  }

  private static void awaitPreview(PagesWindow window) {
    WebView preview = (WebView) window.lookup("#page-preview");
    await(
        "the preview shows the page",
        () ->
            preview.getEngine().getDocument() != null
                && String.valueOf(preview.getEngine().getTitle()).contains("Acme Coffee Roasters"));
  }
}
