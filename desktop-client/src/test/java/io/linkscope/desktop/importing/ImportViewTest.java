package io.linkscope.desktop.importing;

import static io.linkscope.desktop.testsupport.Screens.await;
import static io.linkscope.desktop.testsupport.Screens.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.api.LinkscopeClient;
import io.linkscope.api.importing.ImportRow;
import io.linkscope.api.link.LinkView;
import io.linkscope.collector.testsupport.TestCollector;
import io.linkscope.desktop.connection.Connection;
import io.linkscope.desktop.connection.Session;
import io.linkscope.desktop.links.LinksView;
import io.linkscope.desktop.links.LinksViewModel;
import io.linkscope.desktop.store.LocalStore;
import io.linkscope.desktop.testsupport.Screens;
import io.linkscope.desktop.ui.FxBackground;
import io.linkscope.desktop.ui.Notice;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The import wizard opened from the Links screen and driven through its controls against a real
 * collector with the sample exports; draws docs/screenshots/import-*.png on the way.
 */
@ExtendWith(ApplicationExtension.class)
class ImportViewTest {
  private static final Path OUT = Path.of("..", "docs", "screenshots");
  private static final String DOMAIN = "go.import-view.test";

  @TempDir Path home;
  private Stage stage;
  private TestCollector collector;
  private Session session;
  private final List<Notice> notices = new CopyOnWriteArrayList<>();

  @Start
  void start(Stage stage) {
    this.stage = stage;
    Application.setUserAgentStylesheet(io.linkscope.desktop.ui.Theme.userAgentStylesheet());
  }

  @AfterEach
  void stop() {
    onFx(
        () ->
            List.copyOf(Window.getWindows()).stream()
                .filter(w -> w != stage && w instanceof Stage)
                .forEach(Window::hide));
    if (session != null) {
      session.close();
    }
    if (collector != null) {
      collector.close();
    }
  }

  @Test
  void checksImportsAndShowsTheNewLinksOnTheLinksScreen() throws Exception {
    collector = TestCollector.start(home.resolve("collector"));
    // promo is taken on the domain by a link to somewhere else: a conflict.
    collector
        .client()
        .importLinks(
            "slug,url\npromo,https://elsewhere.example.com/\n".getBytes(StandardCharsets.UTF_8),
            "text/csv",
            Map.of("domain", DOMAIN));
    LinksViewModel links = openLinksScreen();

    onFx(() -> button(stage.getScene(), "#import-links").fire());
    await("the wizard", () -> find("#import-path") != null);
    Scene wizard = onFx(() -> find("#import-path").getScene());
    assertThat(onFx(() -> button(wizard, "#import-run").isDisabled()))
        .as("import before a dry run")
        .isTrue();

    onFx(
        () -> {
          ((TextField) wizard.lookup("#import-path")).setText(sample("shlink.csv").toString());
          ((TextField) wizard.lookup("#import-domain")).setText(DOMAIN);
          button(wizard, "#import-dry-run").fire();
        });
    await("the dry run's rows", () -> Screens.rows(wizard, "#import-rows") == 3);
    assertThat(Screens.text(wizard, "#import-counts"))
        .isEqualTo("3 rows: 1 created · 1 conflict · 1 invalid");
    assertThat(Screens.text(wizard, "#import-detected")).isEqualTo("Read as: Shlink");
    Screens.save(wizard, OUT.resolve("import-dry-run.png"));

    onFx(() -> ((CheckBox) wizard.lookup("#import-only-problems")).setSelected(true));
    assertThat(onFx(() -> table(wizard).getItems().stream().map(ImportRow::status).toList()))
        .containsExactly(ImportRow.CONFLICT, ImportRow.INVALID);
    onFx(() -> ((CheckBox) wizard.lookup("#import-only-problems")).setSelected(false));

    onFx(() -> button(wizard, "#import-run").fire());
    await(
        "the import and its links",
        () ->
            Screens.text(wizard, "#import-status").endsWith("The links are on the Links screen."));
    assertThat(Screens.text(wizard, "#import-counts"))
        .isEqualTo("3 rows: 1 created · 1 conflict · 1 invalid");
    await(
        "the Links screen shows the new link",
        () -> links.links().stream().map(LinkView::slug).toList().contains("launch"));
    assertThat(onFx(() -> button(wizard, "#import-run").isDisabled())).isTrue();
    Screens.save(wizard, OUT.resolve("import-result.png"));

    // A generic CSV: the columns of its header are offered for the fields.
    onFx(
        () ->
            ((TextField) wizard.lookup("#import-path")).setText(sample("generic.csv").toString()));
    onFx(() -> button(wizard, "#import-dry-run").fire());
    await("the mapping step", () -> wizard.lookup("#import-mapping").isVisible());
    @SuppressWarnings("unchecked")
    ComboBox<String> slugColumn = (ComboBox<String>) wizard.lookup("#import-map-slug");
    assertThat(onFx(() -> List.copyOf(slugColumn.getItems())))
        .contains("Code", "Labels", "Destination");
    onFx(
        () -> {
          slugColumn.setValue("Code");
          @SuppressWarnings("unchecked")
          ComboBox<String> tags = (ComboBox<String>) wizard.lookup("#import-map-tags");
          tags.setValue("Labels");
        });
    onFx(() -> button(wizard, "#import-dry-run").fire());
    await(
        "the mapped dry run",
        () ->
            !table(wizard).getItems().isEmpty()
                && "cat-2026".equals(table(wizard).getItems().getFirst().slug()));
    Screens.save(wizard, OUT.resolve("import-mapping.png"));
  }

  @Test
  void cancelStopsWaitingAndSaysWhatTheCollectorMayStillDo() throws Exception {
    collector = TestCollector.start(home.resolve("collector"));
    openLinksScreen();
    Path big = home.resolve("big.csv");
    StringBuilder csv = new StringBuilder("slug,url\n");
    for (int i = 0; i < 20_000; i++) {
      csv.append("bulk-").append(i).append(",https://shop.example.com/p/").append(i).append('\n');
    }
    Files.writeString(big, csv);

    onFx(() -> button(stage.getScene(), "#import-links").fire());
    await("the wizard", () -> find("#import-path") != null);
    Scene wizard = onFx(() -> find("#import-path").getScene());
    onFx(
        () -> {
          ((TextField) wizard.lookup("#import-path")).setText(big.toString());
          ((TextField) wizard.lookup("#import-domain")).setText("bulk.import-view.test");
          button(wizard, "#import-dry-run").fire();
        });
    await("the dry run", () -> Screens.rows(wizard, "#import-rows") == 20_000);
    onFx(
        () -> {
          button(wizard, "#import-run").fire();
          assertThat(wizard.lookup("#import-cancel").isVisible()).isTrue();
          assertThat(wizard.lookup("#import-progress").isVisible()).isTrue();
          button(wizard, "#import-cancel").fire();
        });

    assertThat(Screens.text(wizard, "#import-status")).startsWith("Import cancelled.");
    assertThat(onFx(() -> wizard.lookup("#import-progress").isVisible())).isFalse();
    assertThat(onFx(() -> button(wizard, "#import-run").isDisabled()))
        .as("a new dry run first")
        .isTrue();
    assertThat(onFx(() -> ((TextField) wizard.lookup("#import-path")).getText()))
        .isEqualTo(big.toString());
  }

  private LinksViewModel openLinksScreen() {
    String url = collector.baseUrl();
    String key = collector.adminKey();
    session =
        new Session(
            new Connection("test", url, key, "Acme Coffee Roasters"),
            new LinkscopeClient(url, key),
            LocalStore.open(home.resolve("store.sqlite")),
            new FxBackground(),
            Clock.systemUTC());
    LinksViewModel links = new LinksViewModel(session, notices::add);
    LinksView view = new LinksView(links, ZoneOffset.UTC, link -> {}, address -> {});
    onFx(
        () -> {
          Scene scene = new Scene(view.load(), 1280, 800);
          scene
              .getStylesheets()
              .add(
                  Objects.requireNonNull(
                          io.linkscope.desktop.app.DesktopApp.class.getResource("app.css"))
                      .toExternalForm());
          stage.setScene(scene);
          stage.show();
          links.reload();
        });
    return links;
  }

  private Path sample(String name) {
    Path file = home.resolve(name);
    try (InputStream in =
        ImportViewTest.class.getResourceAsStream("/io/linkscope/collector/importing/" + name)) {
      Files.copy(Objects.requireNonNull(in, name), file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return file;
  }

  private static Button button(Scene scene, String id) {
    return (Button) scene.lookup(id);
  }

  @SuppressWarnings("unchecked")
  private static TableView<ImportRow> table(Scene scene) {
    return (TableView<ImportRow>) scene.lookup("#import-rows");
  }

  /** The node with this id in any showing window, or null; on the FX thread. */
  private static Node find(String id) {
    return Window.getWindows().stream()
        .filter(window -> window.isShowing() && window.getScene() != null)
        .map(window -> window.getScene().lookup(id))
        .filter(Objects::nonNull)
        .findFirst()
        .orElse(null);
  }
}
