package io.linkscope.desktop.settings;

import static io.linkscope.desktop.testsupport.Screens.await;
import static io.linkscope.desktop.testsupport.Screens.onFx;

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
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;

/** The real app window on the settings screen, connected to a collector with a given key. */
final class SettingsWindow {
  static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  final MainViewModel model;
  final MainView view;
  final Scene scene;

  private SettingsWindow(MainViewModel model, MainView view, Scene scene) {
    this.model = model;
    this.view = view;
    this.scene = scene;
  }

  /** Opens the window at {@code width}×{@code height} on the settings, once its first sync ran. */
  static SettingsWindow open(
      Stage stage, Path home, String url, String key, String workspace, int width, int height) {
    ConnectionStore connections = new ConnectionStore(home.resolve("app"));
    connections.save(List.of(new Connection(workspace, url, key, "Acme Coffee Roasters")));
    MainViewModel model = new MainViewModel(connections, new FxBackground(), Clock.systemUTC());
    MainView view = new MainView(model, ZONE, address -> {});
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
    onFx(view::showSettings);
    await("the settings show", () -> scene.lookup("#settings-tabs") != null);
    return new SettingsWindow(model, view, scene);
  }

  /** The node with this id; may be called on the FX thread too. */
  Node lookup(String id) {
    if (Platform.isFxApplicationThread()) {
      return Objects.requireNonNull(scene.lookup(id), id);
    }
    return onFx(() -> Objects.requireNonNull(scene.lookup(id), id));
  }

  /** Runs {@code work} on the FX thread, at once when called on it (inside an await). */
  private static <T> T fx(java.util.concurrent.Callable<T> work) {
    if (Platform.isFxApplicationThread()) {
      try {
        return work.call();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return onFx(work);
  }

  void tab(int index) {
    fx(
        () -> {
          ((TabPane) lookup("#settings-tabs")).getSelectionModel().select(index);
          return null;
        });
  }

  void type(String id, String text) {
    fx(
        () -> {
          ((TextInputControl) lookup(id)).setText(text);
          return null;
        });
  }

  /** The rows of a table, or -1 while its tab's content is not in the scene yet. */
  int rows(String id) {
    return fx(() -> scene.lookup(id) instanceof TableView<?> table ? table.getItems().size() : -1);
  }

  /** Whether a node with this id is in the scene now (a tab's content joins it when laid out). */
  boolean shows(String id) {
    return fx(() -> scene.lookup(id) != null);
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
}
