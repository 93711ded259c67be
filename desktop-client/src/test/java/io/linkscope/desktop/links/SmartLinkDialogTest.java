package io.linkscope.desktop.links;

import static io.linkscope.desktop.links.LinksScreen.find;
import static io.linkscope.desktop.testsupport.Screens.await;
import static io.linkscope.desktop.testsupport.Screens.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.api.link.LinkQuery;
import io.linkscope.api.link.LinkView;
import io.linkscope.api.routing.RoutingRule;
import io.linkscope.api.routing.Variant;
import io.linkscope.collector.testsupport.TestCollector;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The link dialog's smart-link tabs driven through their controls, against a real collector: what
 * is typed is what the collector stores, and what it refuses is shown where it was typed.
 */
@ExtendWith(ApplicationExtension.class)
class SmartLinkDialogTest {
  @TempDir Path home;
  private Stage stage;
  private TestCollector collector;
  private LinksScreen screen;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    Application.setUserAgentStylesheet(io.linkscope.desktop.ui.Theme.userAgentStylesheet());
  }

  @BeforeEach
  void open() throws Exception {
    collector = TestCollector.start(home.resolve("collector"));
    screen = LinksScreen.open(stage, home, collector.baseUrl(), collector.adminKey(), 1280, 800);
    await("the screen is up", () -> screen.table() != null);
  }

  @AfterEach
  void stop() {
    screen.close();
    collector.close();
  }

  private void type(FxRobot robot, String id, String text) {
    Node field = onFx(() -> find(id));
    robot.clickOn(field);
    onFx(() -> ((TextField) field).clear());
    robot.write(text);
  }

  private void tab(FxRobot robot, String id) {
    robot.clickOn(onFx(() -> find("#" + id)));
    await(id + " is chosen", () -> selectedTab().getId().equals(id));
  }

  private static Tab selectedTab() {
    return ((TabPane) find("#link-editor-tabs")).getSelectionModel().getSelectedItem();
  }

  private void newLink(FxRobot robot) {
    robot.clickOn(onFx(() -> find("#new-link")));
    await("the dialog is open", () -> find("#link-editor") != null);
    assertThat(onFx(() -> LinksScreen.windowOf("#link-editor").getWidth()))
        .as("as wide as it asks, within the window")
        .isBetween(960.0, 1232.0);
    type(robot, "#link-target", "https://shop.example.com/spring");
  }

  @Test
  void createsALinkWithRulesVariantsAppLinksAndAPasswordAsTyped(FxRobot robot) {
    newLink(robot);
    type(robot, "#link-slug", "smart-spring");

    tab(robot, "tab-rules");
    robot.clickOn(onFx(() -> find("#rule-add")));
    type(robot, "#rule-os", "iOS");
    type(robot, "#rule-countries", "de, at");
    type(robot, "#rule-target", "https://apps.apple.com/app/id1");
    robot.clickOn(onFx(() -> find("#rule-day-sat")));
    type(robot, "#rule-from-hour", "9");
    type(robot, "#rule-zone", "Europe/Berlin");
    robot.clickOn(onFx(() -> find("#rule-add")));
    type(robot, "#rule-countries", "GB");
    robot.clickOn(onFx(() -> find("#rule-action")));
    robot.clickOn("Not found (404 page)");
    type(robot, "#rule-name", "Not in the UK yet");
    robot.clickOn(onFx(() -> find("#rule-up")));
    assertThat(onFx(() -> ((ListView<?>) find("#rules-list")).getItems().size())).isEqualTo(2);
    assertThat(onFx(() -> selectedTab().getText())).isEqualTo("Rules (2)");

    tab(robot, "tab-variants");
    robot.clickOn(onFx(() -> find("#variant-add")));
    type(robot, "#variant-target-0", "https://shop.example.com/a");
    type(robot, "#variant-name-0", "Photo");
    type(robot, "#variant-target-1", "https://shop.example.com/b");
    assertThat(onFx(() -> ((Label) find("#variants-sum")).getText()))
        .isEqualTo("Sum of the weights: 100 % ✓");
    robot.clickOn(onFx(() -> find("#click-ids")));

    tab(robot, "tab-app");
    type(robot, "#ios-app-url", "https://app.example.com/p/1");
    type(robot, "#android-app-url", "shopapp://p/1");
    type(robot, "#android-package", "com.example.shop");
    type(robot, "#link-password", "open sesame");

    robot.clickOn(onFx(() -> find("#link-save")));
    await("the dialog closed", () -> find("#link-editor") == null);

    LinkView stored =
        collector.client().links(LinkQuery.firstPage()).items().stream()
            .filter(link -> link.slug().equals("smart-spring"))
            .findFirst()
            .orElseThrow();
    assertThat(stored.rules())
        .extracting(RoutingRule::name, RoutingRule::action, RoutingRule::targetUrl)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Not in the UK yet", "not_found", null),
            org.assertj.core.groups.Tuple.tuple(
                null, "redirect", "https://apps.apple.com/app/id1"));
    RoutingRule ios = stored.rules().get(1);
    assertThat(ios.when().os()).containsExactly("iOS");
    assertThat(ios.when().countries()).containsExactly("DE", "AT");
    assertThat(ios.when().time().weekdays()).containsExactly("SAT");
    assertThat(ios.when().time().fromHour()).isEqualTo(9);
    assertThat(ios.when().time().zone()).isEqualTo("Europe/Berlin");
    assertThat(stored.rules().get(0).when().countries()).containsExactly("GB");
    assertThat(stored.variants())
        .extracting(Variant::targetUrl, Variant::weight, Variant::name)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("https://shop.example.com/a", 50, "Photo"),
            org.assertj.core.groups.Tuple.tuple("https://shop.example.com/b", 50, null));
    assertThat(stored.clickIdParam()).isEqualTo("lsclid");
    assertThat(stored.deepLinks().ios().appUrl()).isEqualTo("https://app.example.com/p/1");
    assertThat(stored.deepLinks().android().androidPackage()).isEqualTo("com.example.shop");
    assertThat(stored.passwordProtected()).isTrue();
  }

  @Test
  void showsAWrongSumAndTheCollectorsRefusalWhereTheyWereTypedKeepingEverything(FxRobot robot) {
    newLink(robot);
    tab(robot, "tab-rules");
    robot.clickOn(onFx(() -> find("#rule-add")));
    type(robot, "#rule-target", "https://staging.example.com/");
    type(robot, "#rule-ip-ranges", "10.0.0.0/33");
    tab(robot, "tab-variants");
    robot.clickOn(onFx(() -> find("#variant-add")));
    type(robot, "#variant-target-0", "https://shop.example.com/a");
    type(robot, "#variant-target-1", "https://shop.example.com/b");
    type(robot, "#variant-weight-1", "40");
    tab(robot, "tab-link");

    robot.clickOn(onFx(() -> find("#link-save")));

    await("the A/B tab is shown", () -> selectedTab().getId().equals("tab-variants"));
    assertThat(onFx(() -> ((Label) find("#variants-error")).getText()))
        .isEqualTo("The weights must add up to 100, not 90. Try \"Split evenly\".");
    assertThat(onFx(() -> ((Label) find("#variants-sum")).getText()))
        .isEqualTo("Sum of the weights: 90 % (must be 100 %)");
    assertThat(onFx(() -> selectedTab().getStyleClass())).contains("tab-error");

    robot.clickOn(onFx(() -> find("#variants-split-evenly")));
    assertThat(onFx(() -> find("#variants-error").isVisible())).isFalse();
    robot.clickOn(onFx(() -> find("#link-save")));

    await("the rules tab is shown", () -> selectedTab().getId().equals("tab-rules"));
    await("the refusal is shown", () -> find("#rule-error").isVisible());
    assertThat(onFx(() -> ((Label) find("#rule-error")).getText()))
        .startsWith("ipRanges[0]: ")
        .contains("10.0.0.0/33");
    assertThat(onFx(() -> ((Label) find("#rules-error")).getText())).startsWith("Rule 1: ");
    assertThat(onFx(() -> ((TextField) find("#rule-ip-ranges")).getText()))
        .isEqualTo("10.0.0.0/33");
    assertThat(onFx(() -> ((TextField) find("#rule-target")).getText()))
        .isEqualTo("https://staging.example.com/");
    assertThat(find("#link-editor")).as("the dialog stays open").isNotNull();
    assertThat(collector.client().links(LinkQuery.firstPage()).items()).isEmpty();
    assertThat(screen.notices).isEmpty();

    type(robot, "#rule-ip-ranges", "10.0.0.0/8");
    robot.clickOn(onFx(() -> find("#link-save")));
    await("the dialog closed", () -> find("#link-editor") == null);
    assertThat(collector.client().links(LinkQuery.firstPage()).items())
        .singleElement()
        .satisfies(
            link ->
                assertThat(link.rules().getFirst().when().ipRanges())
                    .containsExactly("10.0.0.0/8"));
  }
}
