package io.linkscope.desktop.testsupport;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/** Test helpers for the FX thread: run on it, wait for a condition, save a scene as PNG. */
public final class Screens {
  private Screens() {}

  public static <T> T onFx(Callable<T> work) {
    return io.linkscope.desktop.ui.FxThread.call(work);
  }

  public static void onFx(Runnable work) {
    onFx(
        () -> {
          work.run();
          return null;
        });
  }

  /** Waits until {@code condition} (checked on the FX thread) holds, failing after 30 s. */
  public static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!onFx(condition::getAsBoolean)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out waiting until " + what);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    // Let layout and CSS settle before anyone looks.
    onFx(() -> {});
  }

  /** The text of the labeled node with this id, or "" while it is not in the scene yet. */
  public static String text(Scene scene, String id) {
    return scene.lookup(id) instanceof javafx.scene.control.Labeled labeled
        ? String.valueOf(labeled.getText())
        : "";
  }

  /** Rows of the table with this id, or 0 while it is not in the scene yet. */
  public static int rows(Scene scene, String id) {
    return scene.lookup(id) instanceof javafx.scene.control.TableView<?> table
        ? table.getItems().size()
        : 0;
  }

  /** Writes the scene as a PNG (pixel by pixel: no javafx-swing needed). */
  public static void save(Scene scene, Path file) {
    WritableImage image =
        onFx(
            () -> {
              scene.getRoot().applyCss();
              scene.getRoot().layout();
              return scene.snapshot(null);
            });
    int width = (int) image.getWidth();
    int height = (int) image.getHeight();
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
    PixelReader pixels = image.getPixelReader();
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        out.setRGB(x, y, pixels.getArgb(x, y));
      }
    }
    try {
      Files.createDirectories(file.getParent());
      ImageIO.write(out, "png", file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The scene of the showing dialog (or window) whose pane has this id, once it shows. */
  public static Scene dialog(String id) {
    await(
        "the dialog " + id + " shows",
        () ->
            javafx.stage.Window.getWindows().stream()
                .anyMatch(w -> w.isShowing() && w.getScene().lookup(id) != null));
    return onFx(
        () ->
            javafx.stage.Window.getWindows().stream()
                .filter(w -> w.isShowing() && w.getScene().lookup(id) != null)
                .findFirst()
                .orElseThrow()
                .getScene());
  }
}
