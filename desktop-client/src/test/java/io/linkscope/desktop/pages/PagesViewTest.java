package io.linkscope.desktop.pages;

import static io.linkscope.desktop.testsupport.Screens.await;
import static io.linkscope.desktop.testsupport.Screens.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.api.bio.BioPageView;
import io.linkscope.collector.testsupport.TestCollector;
import io.linkscope.desktop.testsupport.SampleWorkspace;
import io.linkscope.desktop.testsupport.Screens;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.scene.control.Button;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The bio page editor in the real window against a real collector. */
@ExtendWith(ApplicationExtension.class)
class PagesViewTest {
  private static final List<String> HEADER_BUTTONS =
      List.of("#page-open", "#page-copy", "#page-publish", "#page-delete", "#new-page");

  @TempDir Path home;
  private Stage stage;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    Application.setUserAgentStylesheet(io.linkscope.desktop.ui.Theme.userAgentStylesheet());
  }

  @ParameterizedTest(name = "{0}×{1}")
  @CsvSource({"1024, 640", "1280, 800"})
  void theHeaderShowsFullButtonTextsAndTheWholeAddressOfALongPage(int width, int height)
      throws Exception {
    try (TestCollector collector = TestCollector.start(home.resolve("collector"))) {
      BioPageView page = PagesWindow.longPage(collector.client());
      PagesWindow window =
          PagesWindow.open(stage, home, collector.baseUrl(), collector.adminKey(), width, height);

      assertThat(onFx(() -> window.scene.getWidth())).isEqualTo(width);
      for (String id : HEADER_BUTTONS) {
        Button button = (Button) window.lookup(id);
        assertThat(PagesWindow.shown(button)).as(id).isEqualTo(onFx(button::getText));
      }
      assertThat(PagesWindow.shown(window.lookup("#page-publish"))).isEqualTo("Unpublish");
      Label url = (Label) window.lookup("#page-url");
      assertThat(onFx(() -> url.getText())).isEqualTo(page.publicUrl());
      // A wrapped label lays out each line as a text node of its own; none may be cut short.
      assertThat(
              onFx(
                  () ->
                      url.lookupAll(".text").stream()
                          .map(node -> ((javafx.scene.text.Text) node).getText())
                          .noneMatch(text -> text.contains("…"))))
          .isTrue();
      assertThat(PagesWindow.shown(window.lookup("#page-heading")))
          .isEqualTo(PagesWindow.LONG_TITLE);
    }
  }

  /**
   * The collector caps handles at 30 characters; a page in the local copy with a 60-character
   * handle and title shows the editor's header at its widest demand.
   */
  @Test
  void theHeaderHoldsASixtyCharacterHandleAndTitleAtTheMinimumWindowSize() {
    String handle = "acme-coffee-roasters-berlin-mitte-and-london-shoreditch-2026";
    String title = "Acme Coffee Roasters – Berlin Mitte and London Shoreditch 26";
    assertThat(handle).hasSize(60);
    assertThat(title).hasSize(60);
    BioPageView sample = SampleWorkspace.page();
    BioPageView page =
        new BioPageView(
            sample.id(),
            handle,
            sample.domain(),
            "https://go.acme-coffee.example/@" + handle,
            title,
            sample.description(),
            sample.avatarUrl(),
            sample.theme(),
            sample.seoTitle(),
            sample.seoDescription(),
            sample.ogImageUrl(),
            false,
            sample.widgets(),
            sample.createdAt(),
            sample.updatedAt());
    PagesWindow window = PagesWindow.openOffline(stage, home, List.of(page), 1024, 640);

    for (String id : HEADER_BUTTONS) {
      Button button = (Button) window.lookup(id);
      assertThat(PagesWindow.shown(button)).as(id).isEqualTo(onFx(button::getText));
    }
    assertThat(PagesWindow.shown(window.lookup("#page-publish"))).isEqualTo("Publish");
    assertThat(PagesWindow.shown(window.lookup("#page-heading"))).isEqualTo(title);
    assertThat(
            onFx(
                () ->
                    window.scene.lookup("#page-url").lookupAll(".text").stream()
                        .map(node -> ((javafx.scene.text.Text) node).getText())
                        .reduce("", String::concat)))
        .isEqualTo(page.publicUrl());
    Screens.save(
        window.scene, Path.of("..", "docs", "screenshots", "pages-sixty-character-handle.png"));
  }

  @Test
  void theWidgetDialogKeepsWhatWasTypedAndShowsTheErrorBesideTheFieldUntilItIsFixed()
      throws Exception {
    try (TestCollector collector = TestCollector.start(home.resolve("collector"))) {
      BioPageView page = PagesWindow.longPage(collector.client());
      PagesWindow window =
          PagesWindow.open(stage, home, collector.baseUrl(), collector.adminKey(), 1280, 800);
      WidgetEditorViewModel editor =
          new WidgetEditorViewModel(window.view.session(), window.view.notifier(), page.id(), null);
      Dialog<BioPageView> dialog =
          onFx(
              () -> {
                Dialog<BioPageView> shown = new WidgetEditorView(editor).dialog(stage);
                shown.show();
                return shown;
              });
      await("the dialog is showing", dialog::isShowing);
      TextField title = (TextField) onFx(() -> dialog.getDialogPane().lookup("#widget-title"));
      TextField url = (TextField) onFx(() -> dialog.getDialogPane().lookup("#widget-url"));
      Label urlError = (Label) onFx(() -> dialog.getDialogPane().lookup("#widget-url-error"));
      Button save = (Button) onFx(() -> dialog.getDialogPane().lookup("#widget-save"));
      assertThat(onFx(urlError::isVisible)).isFalse();

      @SuppressWarnings("unchecked")
      javafx.scene.control.ComboBox<String> kind =
          (javafx.scene.control.ComboBox<String>)
              onFx(() -> dialog.getDialogPane().lookup("#widget-type"));
      onFx(
          () -> {
            kind.setValue("video");
            title.setText("Video: how we roast");
            url.setText("https://www.youtube.com/watch?v=short");
            save.fire();
          });
      await("the collector's answer is shown", () -> urlError.isVisible());

      assertThat(onFx(dialog::isShowing)).isTrue();
      assertThat(onFx(urlError::getText)).contains("YouTube or Vimeo");
      assertThat(onFx(() -> title.getText())).isEqualTo("Video: how we roast");
      assertThat(onFx(() -> url.getText())).isEqualTo("https://www.youtube.com/watch?v=short");
      // The error sits right under its field.
      double fieldBottom = onFx(() -> url.localToScene(url.getBoundsInLocal()).getMaxY());
      double errorTop = onFx(() -> urlError.localToScene(urlError.getBoundsInLocal()).getMinY());
      assertThat(errorTop - fieldBottom).isBetween(0.0, 12.0);

      onFx(() -> url.setText("https://youtu.be/dQw4w9WgXcQ"));
      assertThat(onFx(urlError::isVisible)).isFalse();
      onFx(() -> save.fire());
      await("the dialog closes once the collector accepted the widget", () -> !dialog.isShowing());
      assertThat(onFx(dialog::getResult).widgets()).hasSize(page.widgets().size() + 1);
    }
  }

  @Test
  void showsThePreviewOfTheChosenPageAndRefreshesItAfterASave() throws Exception {
    try (TestCollector collector = TestCollector.start(home.resolve("collector"))) {
      PagesWindow.longPage(collector.client());
      PagesWindow window =
          PagesWindow.open(stage, home, collector.baseUrl(), collector.adminKey(), 1280, 800);
      javafx.scene.web.WebView preview = (javafx.scene.web.WebView) window.lookup("#page-preview");
      await(
          "the preview shows the page",
          () ->
              preview.getEngine().getDocument() != null
                  && String.valueOf(preview.getEngine().getTitle())
                      .contains("Acme Coffee Roasters"));
      assertThat(Screens.text(window.scene, "#preview-status")).isEmpty();

      TextField title = (TextField) window.lookup("#page-title");
      onFx(() -> title.setText("Acme Coffee – renamed in the editor"));
      onFx(() -> ((Button) window.scene.lookup("#page-save")).fire());
      await(
          "the preview shows the saved title",
          () -> String.valueOf(preview.getEngine().getTitle()).contains("renamed in the editor"));
    }
  }
}
