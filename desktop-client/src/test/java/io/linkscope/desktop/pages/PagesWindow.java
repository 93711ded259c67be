package io.linkscope.desktop.pages;

import static io.linkscope.desktop.testsupport.Screens.await;
import static io.linkscope.desktop.testsupport.Screens.onFx;

import io.linkscope.api.LinkscopeClient;
import io.linkscope.api.bio.BioPageInput;
import io.linkscope.api.bio.BioPageView;
import io.linkscope.api.bio.BioSocialIcon;
import io.linkscope.api.bio.BioWidgetInput;
import io.linkscope.desktop.app.DesktopApp;
import io.linkscope.desktop.app.MainView;
import io.linkscope.desktop.app.MainViewModel;
import io.linkscope.desktop.connection.Connection;
import io.linkscope.desktop.connection.ConnectionStore;
import io.linkscope.desktop.store.LocalStore;
import io.linkscope.desktop.testsupport.SampleWorkspace;
import io.linkscope.desktop.testsupport.Screens;
import io.linkscope.desktop.testsupport.Sessions;
import io.linkscope.desktop.ui.FxBackground;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.text.Text;
import javafx.stage.Stage;

/** The real app window on the bio pages screen, connected to a real collector. */
final class PagesWindow {
  /** 60 characters, as an agency names a client's campaign page. */
  static final String LONG_TITLE = "Acme Coffee Roasters – Spring collection and store openings";

  /** The longest handle the collector accepts (30 characters). */
  static final String LONG_HANDLE = "acme-coffee-roasters.berlin-01";

  /** A client's own long domain: with the handle, an address of about 90 characters. */
  static final String LONG_DOMAIN = "links.acme-coffee-roasters-berlin.example";

  final MainView view;
  final Scene scene;

  private PagesWindow(MainView view, Scene scene) {
    this.view = view;
    this.scene = scene;
  }

  /** A page with a long title and address and one widget of every type, on the collector. */
  static BioPageView longPage(LinkscopeClient client) {
    BioPageView page =
        client.createPage(
            BioPageInput.of(LONG_HANDLE, LONG_TITLE)
                .withDomain(LONG_DOMAIN)
                .withDescription("Small-batch roasters from Berlin and London."));
    long id = page.id();
    client.addWidget(id, BioWidgetInput.heading("Shop our coffee"));
    client.addWidget(
        id,
        BioWidgetInput.link(
            "Spring sale – 20 % off every single origin from Ethiopia, Colombia and Guatemala"
                + " until the end of April",
            "https://shop.acme-coffee.example/collections/spring?ref=bio"));
    client.addWidget(
        id,
        BioWidgetInput.social(
            List.of(
                new BioSocialIcon("instagram", "https://instagram.com/acme.coffee"),
                new BioSocialIcon("tiktok", "https://www.tiktok.com/@acmecoffee"),
                new BioSocialIcon("youtube", "https://youtube.com/@AcmeCoffeeRoasters"),
                new BioSocialIcon("email", "mailto:hello@acme-coffee.example"))));
    client.addWidget(
        id,
        BioWidgetInput.text(
            "Open daily 8–18 in Berlin Mitte and London Shoreditch.\nDogs welcome."));
    client.addWidget(
        id,
        BioWidgetInput.image(
            "https://cdn.acme-coffee.example/shop-mitte.jpg",
            "Our shop in Berlin Mitte",
            "https://maps.example.com/?q=Acme+Coffee+Berlin"));
    client.addWidget(id, BioWidgetInput.video("https://youtu.be/dQw4w9WgXcQ", "How we roast"));
    client.addWidget(id, BioWidgetInput.divider());
    client.addWidget(id, BioWidgetInput.email("Write to us", "mailto:hello@acme-coffee.example"));
    return client.publishPage(id);
  }

  /** Opens the window at {@code width}×{@code height} on the bio pages screen. */
  static PagesWindow open(Stage stage, Path home, String url, String key, int width, int height) {
    ConnectionStore connections = new ConnectionStore(home.resolve("app"));
    connections.save(List.of(new Connection("acme", url, key, "Acme Coffee Roasters")));
    return open(stage, connections, width, height);
  }

  /** Opens the window on the sample workspace's copy, its collector unreachable. */
  static PagesWindow openOffline(Stage stage, Path home) {
    return openOffline(stage, home, List.of(), 1280, 800);
  }

  /**
   * Opens the window on the sample workspace's copy with {@code pages} in place of its bio pages
   * (none: the sample's), its collector unreachable.
   */
  static PagesWindow openOffline(
      Stage stage, Path home, List<BioPageView> pages, int width, int height) {
    ConnectionStore connections = new ConnectionStore(home.resolve("app"));
    Connection connection =
        new Connection("acme", Sessions.UNREACHABLE, "lsk_offline", "Acme Coffee Roasters");
    connections.save(List.of(connection));
    SampleWorkspace.copyTo(connections.storeFile(connection));
    if (!pages.isEmpty()) {
      try (LocalStore store = LocalStore.open(connections.storeFile(connection))) {
        store.replacePages(pages);
      }
    }
    return open(stage, connections, width, height);
  }

  private static PagesWindow open(Stage stage, ConnectionStore connections, int width, int height) {
    MainViewModel model =
        new MainViewModel(
            connections, new FxBackground(), Clock.fixed(SampleWorkspace.NOW, ZoneOffset.UTC));
    MainView view = new MainView(model, ZoneId.of("Europe/Berlin"), address -> {});
    Scene scene =
        onFx(
            () -> {
              Scene created = DesktopApp.scene(view);
              stage.setScene(created);
              stage.setWidth(width);
              stage.setHeight(height);
              stage.show();
              model.start();
              return created;
            });
    await(
        "the first sync finished",
        () -> view.session() != null && !view.session().syncingProperty().get());
    onFx(view::showPages);
    await(
        "the bio page editor shows a page", () -> !Screens.text(scene, "#page-heading").isEmpty());
    return new PagesWindow(view, scene);
  }

  /** What a labeled node really shows: its text as laid out, "…" included when it is cut. */
  static String shown(Node node) {
    onFx(
        () -> {
          node.getScene().getRoot().applyCss();
          node.getScene().getRoot().layout();
        });
    return onFx(
        () -> {
          Node text = node.lookup(".text");
          return text instanceof Text t ? t.getText() : ((Labeled) node).getText();
        });
  }

  Node lookup(String id) {
    return onFx(() -> scene.lookup(id));
  }

  /** Scrolls the editor so that {@code id} is at the top. */
  void scrollTo(String id) {
    onFx(
        () -> {
          Node node = scene.lookup(id);
          ScrollPane scroll = (ScrollPane) scene.lookup("#page-editor .scroll-pane");
          Node content = scroll.getContent();
          double y = content.sceneToLocal(node.localToScene(0, 0)).getY();
          double range =
              content.getBoundsInLocal().getHeight() - scroll.getViewportBounds().getHeight();
          scroll.setVvalue(range <= 0 ? 0 : Math.min(1, (y - 8) / range));
        });
    onFx(() -> scene.getRoot().layout());
  }

  /** The widget list; call on the FX thread. */
  @SuppressWarnings("unchecked")
  ListView<Object> widgetList() {
    return (ListView<Object>) scene.lookup("#widget-list");
  }

  void select(String handle) {
    onFx(
        () -> {
          @SuppressWarnings("unchecked")
          ListView<BioPageView> list = (ListView<BioPageView>) scene.lookup("#page-list");
          list.getItems().stream()
              .filter(p -> p.handle().equals(handle))
              .findFirst()
              .ifPresent(p -> list.getSelectionModel().select(p));
        });
  }
}
