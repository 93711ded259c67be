package io.linkscope.desktop.links;

import static io.linkscope.desktop.links.LinksScreen.find;
import static io.linkscope.desktop.links.LinksScreen.windowOf;
import static io.linkscope.desktop.testsupport.Screens.await;
import static io.linkscope.desktop.testsupport.Screens.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.api.link.LinkInput;
import io.linkscope.api.link.LinkView;
import io.linkscope.api.routing.Variant;
import io.linkscope.collector.testsupport.TestCollector;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javafx.application.Application;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Promoting a variant through the link dialog's A/B tab against a real collector, drawn on the way
 * to docs/screenshots/links-smart-ab-{end-date,promote-confirmation,ended}.png.
 */
@ExtendWith(ApplicationExtension.class)
class PromoteDialogTest {
  private static final Path OUT = Path.of("..", "docs", "screenshots");

  @TempDir Path home;
  private Stage stage;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    Application.setUserAgentStylesheet(io.linkscope.desktop.ui.Theme.userAgentStylesheet());
  }

  private LinksScreen screen(TestCollector collector) {
    LinksScreen screen =
        LinksScreen.open(stage, home, collector.baseUrl(), collector.adminKey(), 1280, 800);
    await("the screen is up", () -> screen.table() != null);
    return screen;
  }

  @Test
  void promotesTheWinnerAfterConfirmingAndShowsTheEndedSplit(FxRobot robot) throws Exception {
    try (TestCollector collector = TestCollector.start(home.resolve("collector"));
        LinksScreen screen = screen(collector)) {
      LinkView link =
          collector
              .client()
              .createLink(
                  LinkInput.to("https://shop.acme-coffee.example/winter-sale")
                      .withSlug("winter")
                      .withTitle("Winter sale – every channel")
                      .withClickIdParam("lsclid")
                      .withRouting(
                          List.of(),
                          List.of(
                              new Variant(
                                  null, "https://shop.acme-coffee.example/a", 50, "Photo hero"),
                              new Variant(
                                  null, "https://shop.acme-coffee.example/b", 50, "Video hero")))
                      .withExperimentEndsAt(Instant.parse("2030-01-31T18:00:00Z")));
      Experiments.seed(collector, "winter", "lsclid", 400, Map.of("/a", 25, "/b", 3));
      LinkView stored = collector.client().link(link.id());
      screen.session.store().upsertLinks(List.of(stored), List.of());
      onFx(screen.model::reload);
      await("the link is listed", () -> screen.table().getItems().size() == 1);

      Dialog<LinkView> dialog = SmartLinksScreenshotsTest.show(screen, stored, "tab-variants");
      await(
          "the live test names a winner",
          () ->
              ((TableView<?>) find("#significance-table")).getItems().size() == 2
                  && find("#promote-winner").isVisible());
      assertThat(onFx(() -> ((DatePicker) find("#experiment-end-date")).getValue()))
          .hasToString("2030-01-31");
      assertThat(onFx(() -> ((TextField) find("#experiment-end-time")).getText()))
          .isEqualTo("18:00");
      assertThat(onFx(() -> ((Label) find("#experiment-end-state")).getText()))
          .startsWith("The split ends ");
      SmartLinksScreenshotsTest.save(screen, "links-smart-ab-end-date.png");

      robot.clickOn(onFx(() -> find("#promote-winner")));
      await("the confirmation shows", () -> find("#promote-confirmation") != null);
      assertThat(onFx(() -> ((Label) find("#promote-confirmation .content")).getText()))
          .contains("Video hero (https://shop.acme-coffee.example/b) becomes the link's target")
          .contains("The split ends now");
      Window editor = onFx(() -> windowOf("#link-editor"));
      Window confirmation = onFx(() -> windowOf("#promote-confirmation"));
      screen.saveAsSeen(
          OUT.resolve("links-smart-ab-promote-confirmation.png"), editor, confirmation);
      robot.clickOn("Promote Video hero");

      await(
          "the split has ended",
          () -> find("#experiment-end-state").getStyleClass().contains("ended"));
      assertThat(onFx(() -> ((Label) find("#experiment-end-state")).getText()))
          .startsWith("The split has ended (")
          .contains("Video hero was promoted");
      assertThat(onFx(() -> find("#promote-winner").isDisabled())).isTrue();
      assertThat(onFx(() -> ((Label) find("#promote-blocked")).getText()))
          .startsWith("The split has ended");
      LinkView promoted = collector.client().link(link.id());
      assertThat(promoted.targetUrl()).isEqualTo("https://shop.acme-coffee.example/b");
      assertThat(promoted.promotedVariantId()).isEqualTo(stored.variants().get(1).id());
      onFx(
          () ->
              ((javafx.scene.control.TabPane) find("#link-editor-tabs"))
                  .getSelectionModel()
                  .select(2));
      SmartLinksScreenshotsTest.save(screen, "links-smart-ab-ended.png");
      onFx(dialog::close);
    }
  }

  @Test
  void aPastEndDateIsShownAtItsFieldOnTheAbTabAndNothingIsSent(FxRobot robot) throws Exception {
    try (TestCollector collector = TestCollector.start(home.resolve("collector"));
        LinksScreen screen = screen(collector)) {
      LinkView link =
          collector
              .client()
              .createLink(
                  LinkInput.to("https://shop.example.com/")
                      .withSlug("late")
                      .withRouting(List.of(), SmartLinkViews.twoVariants()));
      Dialog<LinkView> dialog = SmartLinksScreenshotsTest.show(screen, link, "tab-variants");
      onFx(
          () ->
              ((DatePicker) find("#experiment-end-date"))
                  .setValue(java.time.LocalDate.of(2020, 1, 1)));
      robot.clickOn(onFx(() -> find("#experiment-end-time")));
      robot.write("7:30");
      onFx(
          () ->
              ((javafx.scene.control.TabPane) find("#link-editor-tabs"))
                  .getSelectionModel()
                  .select(0));

      robot.clickOn(onFx(() -> find("#link-save")));

      await(
          "the A/B tab is shown",
          () -> find("#experiment-end-error") != null && find("#experiment-end-error").isVisible());
      assertThat(onFx(() -> ((Label) find("#experiment-end-error")).getText()))
          .startsWith("The end must lie ahead.");
      assertThat(
              onFx(
                  () ->
                      ((javafx.scene.control.TabPane) find("#link-editor-tabs"))
                          .getSelectionModel()
                          .getSelectedItem()
                          .getId()))
          .as("the tab with the error comes to the front")
          .isEqualTo("tab-variants");
      assertThat(onFx(() -> ((TextField) find("#experiment-end-time")).getText()))
          .isEqualTo("7:30");
      assertThat(collector.client().link(link.id()).experimentEndsAt()).isNull();
      assertThat(dialog.isShowing()).isTrue();
      onFx(dialog::close);
    }
  }
}
