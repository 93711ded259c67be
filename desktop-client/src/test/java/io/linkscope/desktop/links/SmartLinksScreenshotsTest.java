package io.linkscope.desktop.links;

import static io.linkscope.desktop.links.LinksScreen.find;
import static io.linkscope.desktop.links.LinksScreen.windowOf;
import static io.linkscope.desktop.testsupport.Screens.await;
import static io.linkscope.desktop.testsupport.Screens.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.api.gate.AppTarget;
import io.linkscope.api.gate.DeepLinks;
import io.linkscope.api.link.LinkInput;
import io.linkscope.api.link.LinkView;
import io.linkscope.api.routing.QueryCondition;
import io.linkscope.api.routing.RoutingRule;
import io.linkscope.api.routing.RuleConditions;
import io.linkscope.api.routing.TimeWindow;
import io.linkscope.api.routing.Variant;
import io.linkscope.collector.testsupport.TestCollector;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.application.Application;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Draws the link dialog's smart-link tabs as the user sees them over a 1280×800 window, against a
 * real collector, to docs/screenshots/links-smart-*.png. Each also asserts what it shows.
 */
@ExtendWith(ApplicationExtension.class)
class SmartLinksScreenshotsTest {
  private static final Path OUT = Path.of("..", "docs", "screenshots");

  @TempDir Path home;
  private Stage stage;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    Application.setUserAgentStylesheet(io.linkscope.desktop.ui.Theme.userAgentStylesheet());
  }

  /** Twelve rules of every kind, several with long destination URLs. */
  static List<RoutingRule> manyRules() {
    String longUrl =
        "https://shop.acme-coffee.example/landing/winter-sale-2026/espresso-machines/"
            + "barista-pro-with-double-boiler?utm_source=instagram&utm_medium=story";
    List<RoutingRule> rules = new ArrayList<>();
    rules.add(
        new RoutingRule(
            null,
            RuleConditions.any().withBot(true),
            "redirect",
            "https://shop.acme-coffee.example/preview-card",
            "Link previews"));
    rules.add(
        RoutingRule.redirect(
            RuleConditions.any().withOs(List.of("iOS")).withCountries(List.of("DE", "AT", "CH")),
            "https://apps.apple.com/de/app/acme-coffee/id1234567890"));
    rules.add(
        RoutingRule.redirect(
            RuleConditions.any().withOs(List.of("Android")),
            "https://play.google.com/store/apps/details?id=com.acmecoffee.shop&hl=de"));
    rules.add(
        RoutingRule.redirect(
            RuleConditions.any().withInApp(List.of("Instagram", "TikTok")), longUrl));
    rules.add(
        new RoutingRule(
            null,
            RuleConditions.any().withCountries(List.of("GB")),
            "not_found",
            null,
            "Not in the UK yet"));
    rules.add(
        RoutingRule.redirect(
            RuleConditions.any()
                .withIpRanges(List.of("203.0.113.0/24"))
                .withQuery(List.of(new QueryCondition("preview", null))),
            "https://staging.acme-coffee.example/"));
    rules.add(
        new RoutingRule(
            null,
            RuleConditions.any()
                .withTime(
                    new TimeWindow(null, null, List.of("SAT", "SUN"), 22, 6, "Europe/Berlin")),
            "fallback",
            null,
            "Closed at night"));
    rules.add(
        RoutingRule.redirect(
            RuleConditions.any().withLanguages(List.of("fr")).withDevices(List.of("mobile")),
            "https://shop.acme-coffee.example/fr/m/"));
    rules.add(
        RoutingRule.redirect(
            RuleConditions.any().withLanguages(List.of("it", "es")), longUrl + "&lang=south"));
    rules.add(
        RoutingRule.redirect(
            new RuleConditions(
                null,
                null,
                null,
                null,
                List.of("DE"),
                List.of("BY"),
                List.of("Munich"),
                null,
                null,
                null,
                null,
                null,
                null),
            "https://shop.acme-coffee.example/muenchen"));
    rules.add(
        RoutingRule.redirect(
            new RuleConditions(
                null,
                null,
                List.of("Firefox"),
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(new QueryCondition("ref", "newsletter")),
                List.of("Email"),
                null,
                null),
            "https://shop.acme-coffee.example/newsletter-offer"));
    rules.add(
        RoutingRule.redirect(
            RuleConditions.any().withDevices(List.of("tv", "console")),
            "https://shop.acme-coffee.example/big-screen"));
    return rules;
  }

  private LinksScreen screen(TestCollector collector) {
    LinksScreen screen =
        LinksScreen.open(stage, home, collector.baseUrl(), collector.adminKey(), 1280, 800);
    await("the screen is up", () -> screen.table() != null);
    return screen;
  }

  static Dialog<LinkView> show(LinksScreen screen, LinkView link, String tab) {
    Dialog<LinkView> dialog =
        onFx(
            () -> {
              Dialog<LinkView> shown =
                  new LinkEditorView(screen.model.editor(ZoneOffset.UTC, link))
                      .dialog(screen.stage);
              shown.show();
              return shown;
            });
    await("the dialog is showing", dialog::isShowing);
    onFx(
        () ->
            ((TabPane) find("#link-editor-tabs"))
                .getSelectionModel()
                .select(
                    ((TabPane) find("#link-editor-tabs"))
                        .getTabs().stream()
                            .filter(t -> tab.equals(t.getId()))
                            .findFirst()
                            .orElseThrow()));
    onFx(() -> {});
    return dialog;
  }

  static void save(LinksScreen screen, String name) {
    Window window = onFx(() -> windowOf("#link-editor"));
    assertThat(onFx(window::getHeight)).isLessThanOrEqualTo(800);
    screen.saveAsSeen(OUT.resolve(name), window);
  }

  @Test
  void drawsManyRulesTheLiveTestAndTheAppTab(FxRobot robot) throws Exception {
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
                                  null, "https://shop.acme-coffee.example/b", 50, "Video hero"))));
      // Visits first: the rules, the app links and the password would answer them otherwise.
      Experiments.seed(collector, "winter", "lsclid", 400, Map.of("/a", 12, "/b", 5));
      com.google.gson.JsonObject patch = new com.google.gson.JsonObject();
      patch.add("rules", io.linkscope.api.Json.gson().toJsonTree(manyRules()));
      patch.addProperty("password", "espresso42");
      patch.add(
          "deepLinks",
          io.linkscope.api.Json.gson()
              .toJsonTree(
                  new DeepLinks(
                      new AppTarget(
                          "https://app.acme-coffee.example/p/42",
                          "https://apps.apple.com/app/id1234567890",
                          null),
                      new AppTarget(
                          "acmecoffee://p/42",
                          "https://play.google.com/store/apps/details?id=com.acmecoffee.shop",
                          "com.acmecoffee.shop"))));
      collector.client().updateLink(link.id(), patch);
      LinkView stored = collector.client().link(link.id());
      screen.session.store().upsertLinks(List.of(stored), List.of());
      onFx(screen.model::reload);
      await("the link is listed", () -> screen.table().getItems().size() == 1);

      Dialog<LinkView> dialog = show(screen, stored, "tab-rules");
      assertThat(onFx(() -> ((ListView<?>) find("#rules-list")).getItems().size())).isEqualTo(12);
      save(screen, "links-smart-rules-many.png");
      onFx(dialog::close);

      dialog = show(screen, stored, "tab-variants");
      await(
          "the live test has numbers",
          () ->
              ((TableView<?>) find("#significance-table")).getItems().size() == 2
                  && ((Label) find("#significance-status")).getText().startsWith("Updated"));
      assertThat(onFx(() -> ((Label) find("#significance-verdict")).getText())).isNotBlank();
      save(screen, "links-smart-ab-live-test.png");
      onFx(dialog::close);

      dialog = show(screen, stored, "tab-app");
      assertThat(onFx(() -> ((Label) find("#password-state")).getText())).startsWith("Protected");
      save(screen, "links-smart-app-and-password.png");
      onFx(dialog::close);
    }
  }

  @Test
  void drawsAWrongSumAndARuleTheCollectorRefused(FxRobot robot) throws Exception {
    try (TestCollector collector = TestCollector.start(home.resolve("collector"));
        LinksScreen screen = screen(collector)) {
      Dialog<LinkView> dialog =
          onFx(
              () -> {
                LinkEditorViewModel editor = screen.model.editor(ZoneOffset.UTC, null);
                editor.targetProperty().set("https://shop.acme-coffee.example/winter-sale");
                editor.slugProperty().set("winter-staging");
                for (RoutingRule rule : manyRules().subList(0, 5)) {
                  editor.rules().rules().add(RuleViewModel.of(rule));
                }
                editor.rules().add();
                RuleViewModel staging = editor.rules().selectedProperty().get();
                staging.nameProperty().set("Office preview");
                staging.ipRangesProperty().set("203.0.113.0/24, 10.0.0.0/33");
                staging.queryProperty().set("preview");
                staging.targetProperty().set("https://staging.acme-coffee.example/winter-sale");
                editor.variants().add();
                editor
                    .variants()
                    .rows()
                    .get(0)
                    .targetProperty()
                    .set("https://shop.acme-coffee.example/a");
                editor
                    .variants()
                    .rows()
                    .get(1)
                    .targetProperty()
                    .set("https://shop.acme-coffee.example/b");
                editor.variants().rows().get(1).weightProperty().set("40");
                Dialog<LinkView> shown = new LinkEditorView(editor).dialog(screen.stage);
                shown.show();
                return shown;
              });
      await("the dialog is showing", dialog::isShowing);
      robot.clickOn(onFx(() -> find("#link-save")));
      await(
          "the sum is refused",
          () -> find("#variants-error") != null && find("#variants-error").isVisible());
      assertThat(onFx(() -> ((Label) find("#variants-error")).getText()))
          .startsWith("The weights must add up to 100, not 90.");
      save(screen, "links-smart-weights-error.png");

      robot.clickOn(onFx(() -> find("#variants-split-evenly")));
      robot.clickOn(onFx(() -> find("#link-save")));
      await(
          "the rule is refused",
          () -> find("#rule-error") != null && find("#rule-error").isVisible());
      assertThat(onFx(() -> ((Label) find("#rules-error")).getText()))
          .startsWith("Rule 6: ipRanges[1]");
      save(screen, "links-smart-rule-refused.png");
      onFx(dialog::close);
    }
  }

  @Test
  void drawsTheLiveTestWhileTheCollectorCannotBeReached(FxRobot robot) {
    try (LinksScreen screen = LinksScreen.offline(stage, home, 1280, 800)) {
      LinkView l = screen.table().getItems().getFirst();
      LinkView split =
          SmartLinkViews.with(
              l,
              false,
              "lsclid",
              List.of(),
              List.of(
                  new Variant(1L, "https://shop.acme-coffee.example/a", 50, "Photo hero"),
                  new Variant(2L, "https://shop.acme-coffee.example/b", 50, "Video hero")));
      Dialog<LinkView> dialog = show(screen, split, "tab-variants");
      await(
          "the panel says it is offline",
          () -> ((Label) find("#significance-status")).getText().startsWith("Offline"));
      save(screen, "links-smart-live-test-offline.png");
      onFx(dialog::close);
    }
  }

  @Test
  void theRulesTabFitsTheSmallestWindow(FxRobot robot) {
    try (LinksScreen screen = LinksScreen.offline(stage, home, 1024, 640)) {
      LinkView l = screen.table().getItems().getFirst();
      LinkView routed = SmartLinkViews.with(l, false, null, manyRules(), List.of());
      Dialog<LinkView> dialog = show(screen, routed, "tab-rules");
      Window window = onFx(() -> windowOf("#link-editor"));
      assertThat(onFx(window::getHeight)).isLessThanOrEqualTo(640);
      assertThat(onFx(window::getWidth)).isLessThanOrEqualTo(1024);
      assertThat(onFx(() -> find("#link-save").isVisible())).isTrue();
      screen.saveAsSeen(OUT.resolve("links-smart-rules-1024x640.png"), window);
      onFx(dialog::close);
    }
  }
}
