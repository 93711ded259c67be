package io.linkscope.desktop.webhooks;

import static io.linkscope.desktop.testsupport.Screens.await;
import static io.linkscope.desktop.testsupport.Screens.onFx;

import io.linkscope.api.webhook.WebhookEndpointView;
import io.linkscope.desktop.app.DesktopApp;
import io.linkscope.desktop.app.MainView;
import io.linkscope.desktop.app.MainViewModel;
import io.linkscope.desktop.connection.Connection;
import io.linkscope.desktop.connection.ConnectionStore;
import io.linkscope.desktop.ui.FxBackground;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ListView;
import javafx.stage.Stage;

/** The real app window on the webhooks screen, connected to the real collector. */
final class WebhooksWindow {
  final MainView view;
  final Scene scene;

  private WebhooksWindow(MainView view, Scene scene) {
    this.view = view;
    this.scene = scene;
  }

  /**
   * Opens the window at {@code width}×{@code height} connected to {@code collector} with its admin
   * key, and shows the webhooks screen once it has read the endpoints.
   */
  static WebhooksWindow open(
      Stage stage, Path home, WebhookCollector collector, int width, int height) {
    ConnectionStore connections = new ConnectionStore(home.resolve("app"));
    Connection connection =
        new Connection(
            "acme", collector.baseUrl(), collector.collector.adminKey(), "Acme Coffee Roasters");
    connections.save(List.of(connection));
    int expected = collector.admin.webhookEndpoints().size();
    MainViewModel model = new MainViewModel(connections, new FxBackground(), Clock.systemUTC());
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
    onFx(view::showWebhooks);
    await(
        "the endpoints are read",
        () ->
            scene.lookup("#webhook-list") instanceof ListView<?> list
                && list.getItems().size() == expected
                && !scene.lookup("#webhooks-status").isVisible());
    return new WebhooksWindow(view, scene);
  }

  /** The node with this id; may be called on the FX thread too. */
  Node lookup(String id) {
    if (Platform.isFxApplicationThread()) {
      return Objects.requireNonNull(scene.lookup(id), id);
    }
    return onFx(() -> Objects.requireNonNull(scene.lookup(id), id));
  }

  /** The endpoint list; call on the FX thread. */
  @SuppressWarnings("unchecked")
  ListView<WebhookEndpointView> list() {
    return (ListView<WebhookEndpointView>) scene.lookup("#webhook-list");
  }

  void select(long id) {
    onFx(
        () ->
            list().getItems().stream()
                .filter(e -> e.id() == id)
                .findFirst()
                .ifPresent(e -> list().getSelectionModel().select(e)));
  }

  /** Presses a button later on the FX thread: it may open a dialog that waits for an answer. */
  void press(String id) {
    ButtonBase button = (ButtonBase) lookup(id);
    Platform.runLater(button::fire);
  }

  /** The scene of the showing dialog whose pane has this id, once it shows. */
  static Scene dialog(String id) {
    return io.linkscope.desktop.testsupport.Screens.dialog(id);
  }

  /** Scrolls the endpoint's details so that {@code id} is at the top. */
  void scrollTo(String id) {
    onFx(
        () -> {
          Node node = scene.lookup(id);
          var scroll = (javafx.scene.control.ScrollPane) scene.lookup("#webhook-detail");
          Node content = scroll.getContent();
          double y = content.sceneToLocal(node.localToScene(0, 0)).getY();
          double range =
              content.getBoundsInLocal().getHeight() - scroll.getViewportBounds().getHeight();
          scroll.setVvalue(range <= 0 ? 0 : Math.min(1, (y - 8) / range));
        });
    onFx(() -> scene.getRoot().layout());
  }
}
