package io.linkscope.desktop.app;

import java.io.IOException;
import java.util.Arrays;
import javafx.application.Application;

/**
 * Starts the desktop app. A separate class from {@link DesktopApp} so that JavaFX can be loaded
 * from the class path (a main class that extends Application must come from the module path).
 */
public final class DesktopMain {
  /** The first argument that runs the start-up cache's training run instead of the app. */
  public static final String TRAINING_RUN = "--training-run";

  private DesktopMain() {}

  /**
   * {@code --connection-file PATH}: connect to the collector named in that file (url=, key=).
   * {@code --training-run}: the start-up cache's training run ({@link StartupTraining}), through
   * the app's own launcher, so that a package needs one launcher and one menu entry.
   */
  public static void main(String[] args) throws IOException {
    if (args.length > 0 && args[0].equals(TRAINING_RUN)) {
      StartupTraining.main(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    DesktopApp.warmUp();
    Application.launch(DesktopApp.class, args);
  }
}
