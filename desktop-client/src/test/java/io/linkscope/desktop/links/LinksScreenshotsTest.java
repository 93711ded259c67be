package io.linkscope.desktop.links;

import static io.linkscope.desktop.links.LinksScreen.find;
import static io.linkscope.desktop.links.LinksScreen.windowOf;
import static io.linkscope.desktop.testsupport.Screens.await;
import static io.linkscope.desktop.testsupport.Screens.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.api.link.LinkInput;
import io.linkscope.api.link.LinkView;
import io.linkscope.collector.testsupport.TestCollector;
import io.linkscope.collector.testsupport.TestGeoDatabase;
import io.linkscope.desktop.testsupport.SampleWorkspace;
import io.linkscope.desktop.testsupport.Visits;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Draws the links screen's hard cases as the user sees them, dialogs and menus over the window, to
 * docs/screenshots/links-*.png. Each also asserts what it shows.
 */
@ExtendWith(ApplicationExtension.class)
class LinksScreenshotsTest {
  private static final Path OUT = Path.of("..", "docs", "screenshots");

  @TempDir Path home;
  private Stage stage;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    Application.setUserAgentStylesheet(io.linkscope.desktop.ui.Theme.userAgentStylesheet());
  }

  private static LinksScreen sample(Stage stage, Path home, TestCollector collector, int w, int h) {
    SampleWorkspace.copyTo(home.resolve("store.sqlite"));
    LinksScreen screen =
        LinksScreen.open(stage, home, collector.baseUrl(), collector.adminKey(), w, h);
    await("the links are listed", () -> screen.table().getItems().size() == 12);
    return screen;
  }

  private static Dialog<LinkView> dialogWithErrors(LinksScreen screen) {
    return onFx(
        () -> {
          LinkEditorViewModel editor = screen.model.editor(ZoneOffset.UTC, null);
          editor.targetProperty().set("shop.acme-coffee.example/winter-sale/landing");
          editor.slugProperty().set("winter sale for the whole family!");
          editor.titleProperty().set("Winter sale – Instagram story, ".repeat(8));
          editor.tagsProperty().set("campaign-winter, #promo");
          editor.maxClicksProperty().set("-5");
          editor.fallbackProperty().set("ftp://files.acme-coffee.example");
          editor.notesProperty().set("Printed on the flyer. ".repeat(500));
          // Fixed days well ahead, so the picture is the same every day it is drawn.
          editor.validFromProperty().set(LocalDate.of(2031, 3, 2));
          editor.expiresProperty().set(LocalDate.of(2031, 2, 14));
          editor.utmProperty("utm_source").set("instagram");
          Dialog<LinkView> shown = new LinkEditorView(editor).dialog(screen.stage);
          shown.show();
          return shown;
        });
  }

  @Test
  void drawsTheDialogWithErrorsAtTheSmallestAndTheUsualWindow(FxRobot robot) throws Exception {
    try (TestCollector collector = TestCollector.start(home.resolve("collector"))) {
      for (int[] size : new int[][] {{1024, 640}, {1280, 800}}) {
        try (LinksScreen screen =
            sample(stage, home.resolve("w" + size[0]), collector, size[0], size[1])) {
          Dialog<LinkView> dialog = dialogWithErrors(screen);
          await("the dialog is showing", dialog::isShowing);
          robot.clickOn(onFx(() -> find("#link-save")));
          await("the errors are shown", () -> find("#link-notes-error").isVisible());
          onFx(() -> {});
          onFx(() -> {});
          Window window = onFx(() -> windowOf("#link-editor"));
          assertThat(onFx(window::getHeight)).isLessThanOrEqualTo(size[1]);
          screen.saveAsSeen(
              OUT.resolve("links-dialog-errors-%dx%d.png".formatted(size[0], size[1])), window);
          onFx(dialog::close);
        }
      }
    }
  }

  @Test
  void drawsTheContextMenuAndTheQrExport(FxRobot robot) throws Exception {
    try (TestCollector collector = TestCollector.start(home.resolve("collector"));
        LinksScreen screen = sample(stage, home, collector, 1280, 800)) {
      Node row = screen.row("holiday-gift-guide");
      robot.clickOn(row, MouseButton.SECONDARY);
      await("the menu is open", () -> find("#menu-qr") != null);
      Window menu = onFx(() -> windowOf("#menu-qr"));
      screen.saveAsSeen(OUT.resolve("links-context-menu.png"), menu);

      robot.clickOn(onFx(() -> find("#menu-qr")));
      await("the QR export is open", () -> find("#qr-export") != null);
      assertThat(onFx(() -> ((Label) find("#qr-short-url")).getText()))
          .endsWith("/holiday-gift-guide");
      screen.saveAsSeen(OUT.resolve("links-qr-export.png"), onFx(() -> windowOf("#qr-export")));
    }
  }

  @Test
  void drawsTheOfflineStateWithChangesDisabled(FxRobot robot) {
    try (LinksScreen screen = LinksScreen.offline(stage, home, 1280, 800)) {
      assertThat(onFx(() -> find("#new-link").isDisabled())).isTrue();
      screen.saveAsSeen(OUT.resolve("links-offline.png"));

      screen.select("spring-sale");
      Dialog<LinkView> dialog =
          onFx(
              () -> {
                LinkView link = screen.table().getSelectionModel().getSelectedItem();
                Dialog<LinkView> shown =
                    new LinkEditorView(screen.model.editor(ZoneOffset.UTC, link))
                        .dialog(screen.stage);
                shown.show();
                return shown;
              });
      await("the editor is showing", dialog::isShowing);
      assertThat(onFx(() -> find("#link-save").isDisabled())).isTrue();
      screen.saveAsSeen(
          OUT.resolve("links-offline-editor.png"), onFx(() -> windowOf("#link-editor")));
      onFx(dialog::close);
    }
  }

  @Test
  void drawsTheWarningBeforeTheSlugOfALinkWithClicksChanges(FxRobot robot) throws Exception {
    try (TestCollector collector = TestCollector.start(home.resolve("collector"));
        LinksScreen screen = sample(stage, home, collector, 1280, 800)) {
      LinkView created =
          collector
              .client()
              .createLink(
                  LinkInput.to("https://acme-coffee.example/flyer")
                      .withSlug("winter-flyer")
                      .withTitle("Winter flyer (printed)"));
      Visits.visit(collector, "winter-flyer", TestGeoDatabase.BERLIN_IP, 3);
      LinkView clicked = collector.client().link(created.id());
      screen.session.store().upsertLinks(List.of(clicked), List.of());
      onFx(screen.model::reload);
      await(
          "the link is listed",
          () -> screen.table().getItems().stream().anyMatch(l -> l.slug().equals("winter-flyer")));
      Dialog<LinkView> dialog =
          onFx(
              () -> {
                LinkEditorViewModel editor = screen.model.editor(ZoneOffset.UTC, clicked);
                editor.slugProperty().set("winter-flyer-2027");
                Dialog<LinkView> shown = new LinkEditorView(editor).dialog(screen.stage);
                shown.show();
                return shown;
              });
      await("the editor is showing", dialog::isShowing);
      robot.clickOn(onFx(() -> find("#link-save")));
      await("the warning asks", () -> find("#slug-change-warning") != null);
      assertThat(onFx(() -> ((DialogPane) find("#slug-change-warning")).getContentText()))
          .contains("has 3 clicks and stops working");
      screen.saveAsSeen(
          OUT.resolve("links-slug-warning.png"),
          onFx(() -> windowOf("#link-editor")),
          onFx(() -> windowOf("#slug-change-warning")));
      robot.clickOn(
          onFx(
              () ->
                  ((DialogPane) find("#slug-change-warning"))
                      .lookupButton(javafx.scene.control.ButtonType.CANCEL)));
      assertThat(collector.client().link(clicked.id()).slug()).isEqualTo("winter-flyer");
    }
  }
}
