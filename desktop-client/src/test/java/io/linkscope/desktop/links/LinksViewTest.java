package io.linkscope.desktop.links;

import static io.linkscope.desktop.links.LinksScreen.find;
import static io.linkscope.desktop.links.LinksScreen.windowOf;
import static io.linkscope.desktop.testsupport.Screens.await;
import static io.linkscope.desktop.testsupport.Screens.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.api.link.LinkInput;
import io.linkscope.api.link.LinkQuery;
import io.linkscope.api.link.LinkView;
import io.linkscope.collector.testsupport.TestCollector;
import io.linkscope.collector.testsupport.TestGeoDatabase;
import io.linkscope.desktop.testsupport.Visits;
import io.linkscope.desktop.ui.Notice;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javafx.application.Application;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The links screen and its dialogs, driven through their controls against a real collector. */
@ExtendWith(ApplicationExtension.class)
class LinksViewTest {
  private static final List<String> ERRORS =
      List.of(
          "#link-target-error",
          "#link-slug-error",
          "#link-title-error",
          "#link-tags-error",
          "#link-expires-error",
          "#link-max-clicks-error",
          "#link-fallback-error",
          "#link-notes-error");

  @TempDir Path home;
  private Stage stage;
  private TestCollector collector;
  private LinksScreen screen;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    Application.setUserAgentStylesheet(io.linkscope.desktop.ui.Theme.userAgentStylesheet());
  }

  @AfterEach
  void stop() {
    if (screen != null) {
      screen.close();
    }
    if (collector != null) {
      collector.close();
    }
  }

  /** The screen on a real collector holding {@code slugs}, already in the local copy. */
  private LinksScreen online(int width, int height, String... slugs) throws Exception {
    collector = TestCollector.start(home.resolve("collector"));
    screen =
        LinksScreen.open(stage, home, collector.baseUrl(), collector.adminKey(), width, height);
    List<LinkView> created =
        java.util.Arrays.stream(slugs)
            .map(
                slug ->
                    collector
                        .client()
                        .createLink(
                            LinkInput.to("https://shop.example.com/" + slug)
                                .withSlug(slug)
                                .withTitle("Link " + slug)))
            .toList();
    screen.session.store().upsertLinks(created, List.of());
    onFx(screen.model::reload);
    await("the links are listed", () -> screen.table().getItems().size() == slugs.length);
    return screen;
  }

  @Test
  void theDialogWithSeveralLongErrorsFitsTheSmallestWindowWithButtonsAndWholeMessages(FxRobot robot)
      throws Exception {
    online(1024, 640);
    Dialog<LinkView> dialog =
        onFx(
            () -> {
              LinkEditorViewModel editor = screen.model.editor(ZoneOffset.UTC, null);
              editor.targetProperty().set("shop.acme-coffee.example/winter-sale/landing");
              editor.slugProperty().set("winter sale for the whole family!");
              editor.titleProperty().set("Winter sale – ".repeat(15));
              editor.tagsProperty().set("campaign-winter, #promo");
              editor.maxClicksProperty().set("-5");
              editor.fallbackProperty().set("ftp://files.acme-coffee.example");
              editor.notesProperty().set("n".repeat(10_050));
              editor.validFromProperty().set(java.time.LocalDate.now().plusDays(30));
              editor.expiresProperty().set(java.time.LocalDate.now().plusDays(2));
              Dialog<LinkView> shown = new LinkEditorView(editor).dialog(stage);
              shown.show();
              return shown;
            });
    await("the dialog is showing", dialog::isShowing);

    robot.clickOn(onFx(() -> find("#link-save")));
    await("every error is shown", () -> ERRORS.stream().allMatch(id -> find(id).isVisible()));
    // The dialog is fitted after the layout pass that wrapped the messages.
    onFx(() -> {});
    onFx(() -> {});

    Window window = onFx(() -> windowOf("#link-editor"));
    Bounds area = new javafx.geometry.BoundingBox(0, 0, 1024, 640);
    assertThat(onFx(() -> window.getHeight())).isLessThanOrEqualTo(640);
    assertThat(onFx(() -> window.getY())).isGreaterThanOrEqualTo(area.getMinY());
    assertThat(onFx(() -> window.getY() + window.getHeight())).isLessThanOrEqualTo(640);
    DialogPane pane = dialog.getDialogPane();
    for (Button button :
        onFx(
            () ->
                List.of(
                    (Button) pane.lookupButton(pane.getButtonTypes().get(0)),
                    (Button) pane.lookupButton(pane.getButtonTypes().get(1))))) {
      assertThat(onFx(button::getText)).isIn("Cancel", "Create");
      assertThat(onFx(() -> button.isVisible() && insideScene(button)))
          .as(button.getText() + " is inside the dialog")
          .isTrue();
    }
    for (String id : ERRORS) {
      Label error = onFx(() -> (Label) find(id));
      assertThat(onFx(error::getText)).as(id).isNotEmpty().doesNotContain("…");
      assertThat(onFx(error::isTextTruncated)).as(id + " shows its whole message").isFalse();
    }
    assertThat(onFx(() -> ((Label) find("#link-expires-error")).getText()))
        .startsWith("The link would end before it starts");
    onFx(dialog::close);
  }

  @Test
  void theCollectorsRefusalAppearsNextToItsFieldScrolledIntoViewWithEverythingTypedKept(
      FxRobot robot) throws Exception {
    online(1024, 640, "taken");
    Dialog<LinkView> dialog =
        onFx(
            () -> {
              LinkEditorViewModel editor = screen.model.editor(ZoneOffset.UTC, null);
              editor.targetProperty().set("https://shop.example.com/spring");
              editor.slugProperty().set("taken");
              editor.notesProperty().set("Printed on the spring flyer.");
              editor.utmProperty("utm_content").set("flyer");
              Dialog<LinkView> shown = new LinkEditorView(editor).dialog(stage);
              shown.show();
              return shown;
            });
    await("the dialog is showing", dialog::isShowing);
    ScrollPane scroll = onFx(() -> (ScrollPane) find("#link-editor-scroll"));
    assertThat(onFx(() -> scroll.getContent().getBoundsInLocal().getHeight()))
        .as("the form is taller than the dialog at 1024x640")
        .isGreaterThan(onFx(() -> scroll.getViewportBounds().getHeight()));
    onFx(() -> scroll.setVvalue(1));

    robot.clickOn(onFx(() -> find("#link-save")));
    await(
        "the refusal is next to the slug",
        () ->
            ((Label) find("#link-slug-error"))
                .getText()
                .equals("The slug 'taken' is already used."));
    await(
        "and scrolled into view",
        () -> {
          Node error = find("#link-slug-error");
          Bounds bounds = scroll.sceneToLocal(error.localToScene(error.getBoundsInLocal()));
          return bounds.getMinY() >= 0 && bounds.getMaxY() <= scroll.getHeight();
        });
    assertThat(onFx(() -> ((TextField) find("#link-target")).getText()))
        .isEqualTo("https://shop.example.com/spring");
    assertThat(onFx(() -> ((TextArea) find("#link-notes")).getText()))
        .isEqualTo("Printed on the spring flyer.");
    assertThat(onFx(dialog::isShowing)).isTrue();
    assertThat(screen.notices).isEmpty();
    onFx(dialog::close);
  }

  @Test
  void theDatesAreTypedInTheFormatLocalesMediumFormAndAnUnreadableOneIsExplainedAtItsField(
      FxRobot robot) throws Exception {
    Locale before = Locale.getDefault(Locale.Category.FORMAT);
    Locale.setDefault(Locale.Category.FORMAT, Locale.UK);
    try {
      online(1280, 800);
      LinkEditorViewModel editor = onFx(() -> screen.model.editor(ZoneOffset.UTC, null));
      Dialog<LinkView> dialog =
          onFx(
              () -> {
                Dialog<LinkView> shown = new LinkEditorView(editor).dialog(stage);
                shown.show();
                return shown;
              });
      await("the dialog is showing", dialog::isShowing);
      LocalDate today = LocalDate.now(ZoneOffset.UTC);
      LocalDate start = today.plusDays(10);
      LocalDate end = today.plusDays(40);
      // "15 Dec 2026": the medium form of the British format locale.
      String startText = start.format(DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK));
      String endText = end.format(DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK));

      typeDate(robot, "#link-valid-from", startText);
      typeDate(robot, "#link-expires", endText);

      await(
          "both dates are read",
          () ->
              start.equals(editor.validFromProperty().get())
                  && end.equals(editor.expiresProperty().get()));
      assertThat(onFx(() -> ((DatePicker) find("#link-expires")).getEditor().getText()))
          .isEqualTo(endText);

      typeDate(robot, "#link-expires", "next Tuesday");
      await(
          "the text is explained next to the expiry",
          () -> !((Label) find("#link-expires-error")).getText().isEmpty());
      assertThat(onFx(() -> ((Label) find("#link-expires-error")).getText()))
          .startsWith("\u201cnext Tuesday\u201d is not a date: write it like ")
          .endsWith(" The expiry date is unchanged.");
      assertThat(onFx(() -> find("#link-expires-error").isVisible())).isTrue();
      assertThat(editor.expiresProperty().get()).isEqualTo(end);
      assertThat(editor.validFromProperty().get()).isEqualTo(start);
      onFx(dialog::close);
    } finally {
      Locale.setDefault(Locale.Category.FORMAT, before);
    }
  }

  @Test
  void aTitleOrTargetLongerThanItsColumnShowsWholeOnHover(FxRobot robot) throws Exception {
    String slug = "winter-espresso-blend-launch-instagram-story-with-voucher";
    online(1024, 640, slug);
    for (String text : List.of("Link " + slug, "https://shop.example.com/" + slug)) {
      await("the row is drawn", () -> cellShowing(text) != null);
      TableCell<?, ?> cell = onFx(() -> cellShowing(text));
      assertThat(onFx(cell::isTextTruncated)).as(text + " is cut in its column").isTrue();
      assertThat(onFx(() -> cell.getTooltip().getText())).isEqualTo(text);
    }
  }

  /** The links table's cell showing {@code text}, or null; on the FX thread. */
  private TableCell<?, ?> cellShowing(String text) {
    return screen.table().lookupAll(".table-cell").stream()
        .filter(node -> node instanceof TableCell<?, ?> c && text.equals(c.getText()))
        .map(node -> (TableCell<?, ?>) node)
        .findFirst()
        .orElse(null);
  }

  private static void typeDate(FxRobot robot, String picker, String text) {
    robot.clickOn(onFx(() -> ((DatePicker) find(picker)).getEditor()));
    robot.push(KeyCode.CONTROL, KeyCode.A);
    robot.write(text);
    // Tab, not Enter: Enter would also press the dialog's default button.
    robot.type(KeyCode.TAB);
  }

  private static boolean insideScene(Node node) {
    Bounds bounds = node.localToScene(node.getBoundsInLocal());
    return bounds.getMinX() >= 0
        && bounds.getMinY() >= 0
        && bounds.getMaxX() <= node.getScene().getWidth()
        && bounds.getMaxY() <= node.getScene().getHeight();
  }

  @Test
  void theContextMenuCopiesOpensShowsTheQrCodeAnalyticsAndTheEditor(FxRobot robot)
      throws Exception {
    online(1280, 800, "alpha", "beta");
    String shortUrl = collector.baseUrl().replaceFirst("/+$", "") + "/beta";

    // Right-clicking a row that is not selected acts on that row.
    screen.select("alpha");
    robot.clickOn(screen.drawn("beta"), MouseButton.SECONDARY);
    await("the menu is open", () -> find("#menu-copy") != null && find("#menu-copy").isVisible());
    robot.clickOn(onFx(() -> find("#menu-copy")));
    await("the copy is confirmed", () -> !screen.notices.isEmpty());
    assertThat(screen.notices).containsExactly(Notice.info("Copied " + shortUrl));
    assertThat(onFx(() -> Clipboard.getSystemClipboard().getString())).isEqualTo(shortUrl);

    menu(robot, "beta", "#menu-open");
    assertThat(screen.browsed).containsExactly(shortUrl);

    menu(robot, "beta", "#menu-analytics");
    assertThat(screen.analysed).extracting(LinkView::slug).containsExactly("beta");

    menu(robot, "beta", "#menu-qr");
    await("the QR export opens", () -> find("#qr-export") != null);
    assertThat(onFx(() -> ((Label) find("#qr-short-url")).getText())).isEqualTo(shortUrl);
    onFx(() -> ((Stage) windowOf("#qr-export")).close());

    menu(robot, "alpha", "#menu-edit");
    await("the editor opens", () -> find("#link-editor") != null);
    assertThat(onFx(() -> ((javafx.scene.control.TextField) find("#link-slug")).getText()))
        .isEqualTo("alpha");
    onFx(() -> ((Stage) windowOf("#link-editor")).close());
  }

  @Test
  void theQrExportSavesTheChosenSizeWhereTheUserSaidAndSaysSo(FxRobot robot) throws Exception {
    online(1280, 800, "poster");
    LinkView link = screen.table().getItems().getFirst();
    Path chosen = home.resolve("poster-qr");
    Dialog<Path> dialog =
        onFx(
            () -> {
              Dialog<Path> shown =
                  new QrExportView(screen.model.qrExport(link), (owner, export) -> chosen)
                      .dialog(stage);
              shown.show();
              return shown;
            });
    await("the export dialog is showing", dialog::isShowing);
    robot.clickOn(onFx(() -> find("#qr-size")));
    robot.clickOn("2,048 × 2,048 px");

    robot.clickOn(onFx(() -> find("#qr-save")));
    await("the dialog closed", () -> !dialog.isShowing());

    Path file = home.resolve("poster-qr.png");
    java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(file.toFile());
    assertThat(image.getWidth()).isEqualTo(2048);
    assertThat(image.getHeight()).isEqualTo(2048);
    await("the save is confirmed", () -> screen.notices.contains(Notice.info("Saved to " + file)));
  }

  @Test
  void theContextMenuDeletesAfterAConfirmationWithOrWithoutTheClicks(FxRobot robot)
      throws Exception {
    online(1280, 800, "alpha", "beta", "gamma");
    io.linkscope.desktop.testsupport.Visits.visit(collector, "beta", "81.2.69.160", 3);
    io.linkscope.desktop.testsupport.Visits.visit(collector, "gamma", "81.2.69.160", 2);

    menu(robot, "alpha", "#menu-delete");
    await("the confirmation asks", () -> find("#delete-confirmation") != null);
    assertThat(onFx(() -> ((DialogPane) find("#delete-confirmation")).getContentText()))
        .startsWith("Delete Link alpha? Its short URL stops working.")
        .contains("Keep clicks: the raw clicks and every statistic stay");
    robot.clickOn(onFx(() -> cancelOf((DialogPane) find("#delete-confirmation"))));
    assertThat(collector.client().links(LinkQuery.firstPage()).items()).hasSize(3);

    menu(robot, "alpha", "#menu-delete");
    await("the confirmation asks again", () -> find("#delete-confirmation") != null);
    robot.clickOn(onFx(() -> find("#delete-keep-clicks")));
    await(
        "the deletion is confirmed", () -> screen.notices.contains(Notice.info("Deleted 1 link")));
    await("the table follows", () -> screen.table().getItems().size() == 2);
    assertThat(collector.client().links(LinkQuery.firstPage()).items())
        .extracting(LinkView::slug)
        .containsExactlyInAnyOrder("gamma", "beta");
    assertThat(collector.client().retention().purges()).isEmpty();

    // With its clicks: the collector reports the link's three clicks deleted.
    LinkView beta =
        screen.session.store().links().stream()
            .filter(l -> l.slug().equals("beta"))
            .findFirst()
            .orElseThrow();
    menu(robot, "beta", "#menu-delete");
    await("the confirmation asks for beta", () -> find("#delete-confirmation") != null);
    robot.clickOn(onFx(() -> find("#delete-with-clicks")));
    await(
        "the deletion with clicks is confirmed",
        () -> screen.notices.contains(Notice.info("Deleted 1 link and 3 raw clicks")));
    await("the table follows again", () -> screen.table().getItems().size() == 1);
    assertThat(collector.client().retention().purges())
        .singleElement()
        .satisfies(
            purge -> {
              assertThat(purge.linkId()).isEqualTo(beta.id());
              assertThat(purge.rows()).isEqualTo(3);
            });

    // Clicks only: the link stays, in the table and on the collector.
    menu(robot, "gamma", "#menu-delete-clicks");
    await("the clicks confirmation asks", () -> find("#delete-clicks-confirmation") != null);
    robot.clickOn(
        onFx(
            () ->
                ((DialogPane) find("#delete-clicks-confirmation"))
                    .lookupButton(javafx.scene.control.ButtonType.OK)));
    await(
        "the clicks deletion is confirmed",
        () ->
            screen.notices.contains(Notice.info("Deleted 2 raw clicks of 1 link; kept the link")));
    assertThat(onFx(() -> screen.table().getItems().size())).isEqualTo(1);
    assertThat(collector.client().links(LinkQuery.firstPage()).items())
        .extracting(LinkView::slug)
        .containsExactly("gamma");
    assertThat(collector.client().retention().purges()).hasSize(2);
  }

  private static Node cancelOf(DialogPane pane) {
    return pane.lookupButton(javafx.scene.control.ButtonType.CANCEL);
  }

  /** Right-clicks the row of {@code slug} and picks the menu item with this id. */
  private void menu(FxRobot robot, String slug, String item) {
    // A row can be redrawn between finding it and the click: then right-click it again.
    for (int attempt = 1; ; attempt++) {
      onFx(stage::toFront);
      Node cell = screen.row(slug);
      robot.clickOn(cell, MouseButton.SECONDARY);
      try {
        awaitShort(() -> find(item) != null && find(item).isVisible());
        break;
      } catch (AssertionError notOpen) {
        if (attempt == 3) {
          throw new AssertionError("the menu did not open on " + slug, notOpen);
        }
      }
    }
    robot.clickOn(onFx(() -> find(item)));
    onFx(() -> {});
  }

  private static void awaitShort(java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(3);
    while (!onFx(condition::getAsBoolean)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not yet");
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  @Test
  void warnsBeforeChangingTheSlugOfALinkWithClicksAndKeepsItOnCancel(FxRobot robot)
      throws Exception {
    online(1280, 800, "flyer");
    Visits.visit(collector, "flyer", TestGeoDatabase.BERLIN_IP, 2);
    LinkView clicked = collector.client().link(screen.table().getItems().getFirst().id());
    screen.session.store().upsertLinks(List.of(clicked), List.of());
    onFx(screen.model::reload);
    await("the clicks are listed", () -> screen.table().getItems().getFirst().totalClicks() == 2);

    menu(robot, "flyer", "#menu-edit");
    await("the editor opens", () -> find("#link-slug") != null);
    onFx(() -> ((javafx.scene.control.TextField) find("#link-slug")).setText("flyer-2026"));
    robot.clickOn(onFx(() -> find("#link-save")));
    await("the warning asks", () -> find("#slug-change-warning") != null);
    String warning = onFx(() -> ((DialogPane) find("#slug-change-warning")).getContentText());
    assertThat(warning)
        .startsWith("The old short URL " + clicked.shortUrl() + " has 2 clicks and stops working")
        .contains("/flyer-2026");

    robot.clickOn(onFx(() -> cancelOf((DialogPane) find("#slug-change-warning"))));
    await("the warning is gone", () -> find("#slug-change-warning") == null);
    assertThat(onFx(() -> find("#link-editor") != null)).as("the editor stays open").isTrue();
    assertThat(onFx(() -> ((javafx.scene.control.TextField) find("#link-slug")).getText()))
        .isEqualTo("flyer-2026");
    assertThat(collector.client().link(clicked.id()).slug()).isEqualTo("flyer");

    robot.clickOn(onFx(() -> find("#link-save")));
    await("the warning asks again", () -> find("#slug-change-warning") != null);
    robot.clickOn("Change slug");
    await("the editor closes", () -> find("#link-editor") == null);
    assertThat(collector.client().link(clicked.id()).slug()).isEqualTo("flyer-2026");
    await(
        "the save is confirmed",
        () -> screen.notices.stream().anyMatch(n -> n.message().startsWith("Saved ")));
  }

  @Test
  void offlineNewLinkAndSaveAreDisabledWithTheReasonShown(FxRobot robot) {
    screen = LinksScreen.offline(stage, home, 1280, 800);

    assertThat(onFx(() -> find("#new-link").isDisabled())).isTrue();
    assertThat(onFx(() -> ((Label) find("#links-offline-reason")).getText()))
        .startsWith("You are offline: 127.0.0.1:9 cannot be reached, so changes are not possible.");
    assertThat(onFx(() -> find("#links-offline-reason").isVisible())).isTrue();

    menu(robot, "spring-sale", "#menu-edit");
    await("the editor opens", () -> find("#link-save") != null);
    assertThat(onFx(() -> find("#link-save").isDisabled())).isTrue();
    assertThat(onFx(() -> ((Label) find("#link-offline-reason")).getText()))
        .startsWith("You are offline: 127.0.0.1:9 cannot be reached, so changes are not possible.")
        .endsWith("What you typed stays here until then.");
    onFx(() -> ((Stage) windowOf("#link-editor")).close());

    // Ctrl+N reaches create() even though the button is disabled: it says why instead.
    onFx(screen.view::create);
    await("the refusal is shown", () -> !screen.notices.isEmpty());
    assertThat(screen.notices.getFirst().level()).isEqualTo(Notice.Level.ERROR);
    assertThat(screen.notices.getFirst().title()).isEqualTo("Cannot create a link");
  }
}
