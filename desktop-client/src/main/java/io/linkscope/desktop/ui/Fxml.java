package io.linkscope.desktop.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

/** Loads the FXML file that sits next to a view class (same package path, same simple name). */
public final class Fxml {
  private Fxml() {}

  public static Parent load(Object view) {
    URL location = view.getClass().getResource(view.getClass().getSimpleName() + ".fxml");
    if (location == null) {
      throw new IllegalStateException("No FXML for " + view.getClass().getName());
    }
    FXMLLoader loader = new FXMLLoader(location);
    loader.setController(view);
    try {
      return loader.load();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot load " + location, e);
    }
  }
}
