package io.linkscope.desktop.app;

import javafx.application.Application;

/**
 * Starts the desktop app. A separate class from {@link DesktopApp} so that JavaFX can be loaded
 * from the class path (a main class that extends Application must come from the module path).
 */
public final class DesktopMain {
  private DesktopMain() {}

  /** {@code --connection-file PATH}: connect to the collector named in that file (url=, key=). */
  public static void main(String[] args) {
    DesktopApp.warmUp();
    Application.launch(DesktopApp.class, args);
  }
}
