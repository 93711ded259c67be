package io.linkscope.desktop.app;

import io.linkscope.desktop.connection.ConnectionStore;
import io.linkscope.desktop.map.WorldMap;
import io.linkscope.desktop.store.LocalStore;
import io.linkscope.desktop.ui.FxBackground;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Properties;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.jspecify.annotations.Nullable;

/** The JavaFX application: wires the window together (the desktop's composition root). */
public final class DesktopApp extends Application {
  private @Nullable MainViewModel model;

  @Override
  public void start(Stage stage) {
    MainViewModel model =
        new MainViewModel(
            new ConnectionStore(ConnectionStore.defaultDirectory()),
            new FxBackground(),
            Clock.systemDefaultZone());
    this.model = model;
    List<String> args = getParameters().getRaw();
    int at = args.indexOf("--connection-file");
    boolean connectionFile = at >= 0 && at + 1 < args.size();
    if (!connectionFile) {
      // The local store opens in the background while the window is built.
      model.start();
    }
    show(stage, new MainView(model, ZoneId.systemDefault(), getHostServices()::showDocument));
    if (connectionFile) {
      Properties file = readConnectionFile(Path.of(args.get(at + 1)));
      model.connect(
          file.getProperty("url"), file.getProperty("key"), () -> {}, problem -> model.start());
    }
  }

  /**
   * Starts what the first window needs and can be done before JavaFX is up, on a thread of its own:
   * SQLite's native library for the local store, then the country shapes of the maps.
   */
  public static void warmUp() {
    Thread.ofPlatform()
        .daemon()
        .name("linkscope-warm-up")
        .start(
            () -> {
              LocalStore.preload();
              WorldMap.preload();
            });
  }

  /** Shows the window of {@code view} on {@code stage}, in the app's theme. */
  public static void show(Stage stage, MainView view) {
    MainView.applyTheme(view.model().darkThemeProperty().get());
    stage.setScene(scene(view));
    stage.setTitle("Linkscope");
    stage.setMinWidth(1024);
    stage.setMinHeight(640);
    stage.show();
  }

  /** The window's scene at 1280×800 with the app's styles and shortcuts. */
  public static Scene scene(MainView view) {
    Scene scene = new Scene(view.load(), 1280, 800);
    scene.getStylesheets().add(DesktopApp.class.getResource("app.css").toExternalForm());
    view.installShortcuts(scene);
    return scene;
  }

  private static Properties readConnectionFile(Path path) {
    Properties properties = new Properties();
    try (var reader = Files.newBufferedReader(path)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the connection file " + path, e);
    }
    return properties;
  }

  @Override
  public void stop() {
    if (model != null) {
      model.close();
    }
  }
}
