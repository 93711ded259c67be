package io.linkscope.desktop.app;

import io.linkscope.api.link.LinkView;
import io.linkscope.desktop.connection.ConnectionStore;
import io.linkscope.desktop.ui.FxBackground;
import io.linkscope.desktop.ui.FxThread;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.jspecify.annotations.Nullable;

/**
 * The training run of the app's ahead-of-time cache ({@code java -XX:AOTCacheOutput=...}, see the
 * README): opens a small made-up workspace offline without a screen, waits for the drawn dashboard,
 * visits link analytics, links and bio pages, and exits. The JVM then stores the classes it loaded
 * and linked, and the method profiles, so that the next starts of the app skip that work. Not an
 * {@link Application} itself: JavaFX then loads from the class path, as for {@link DesktopMain}.
 */
public final class StartupTraining {
  private static @Nullable Path directory;

  private StartupTraining() {}

  public static void main(String[] args) throws IOException {
    // No screen needed: the headless window system and the software renderer.
    System.setProperty("glass.platform", "Headless");
    System.setProperty("prism.order", "sw");
    directory = Files.createTempDirectory("linkscope-training");
    try {
      SyntheticStore.write(directory, 40, 60);
      DesktopApp.warmUp();
      Application.launch(Window.class, args);
    } finally {
      delete(directory);
    }
  }

  /** The app's window on the made-up workspace (launched by JavaFX, hence public). */
  public static final class Window extends Application {
    @Override
    public void start(Stage stage) {
      MainViewModel model =
          new MainViewModel(
              new ConnectionStore(Objects.requireNonNull(directory)),
              new FxBackground(),
              Clock.fixed(SyntheticStore.NOW, ZoneOffset.UTC));
      MainView view = new MainView(model, ZoneOffset.UTC, url -> {});
      model.start();
      DesktopApp.show(stage, view);
      Thread.ofPlatform()
          .daemon()
          .name("linkscope-training")
          .start(
              () -> {
                try {
                  visit(stage.getScene(), view);
                } finally {
                  Platform.runLater(
                      () -> {
                        model.close();
                        Platform.exit();
                      });
                }
              });
    }
  }

  private static void visit(Scene scene, MainView view) {
    await(
        () ->
            scene.lookup("#dashboard-top-links") instanceof TableView<?> t
                && !t.getItems().isEmpty());
    List<LinkView> links = onFx(() -> Objects.requireNonNull(view.session()).store().links());
    for (LinkView link : links.subList(0, Math.min(4, links.size()))) {
      String before = onFx(() -> total(scene));
      onFx(
          () -> {
            view.showAnalytics(link);
            return null;
          });
      await(() -> !total(scene).isEmpty() && !total(scene).equals(before));
    }
    for (Runnable screen :
        List.<Runnable>of(view::showLinks, view::showPages, view::showDashboard)) {
      onFx(
          () -> {
            screen.run();
            return null;
          });
    }
    // A few more frames of the last screen.
    for (int i = 0; i < 5; i++) {
      onFx(() -> null);
      sleep(20);
    }
  }

  private static String total(Scene scene) {
    return scene.lookup("#analytics-total") instanceof Label label ? label.getText() : "";
  }

  private static void await(Callable<Boolean> condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!onFx(condition)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("The training run did not get its screens drawn");
      }
      sleep(10);
    }
  }

  private static <T> T onFx(Callable<T> work) {
    return FxThread.call(work);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void delete(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(StartupTraining::deleteFile);
    }
  }

  private static void deleteFile(Path path) {
    try {
      Files.delete(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
