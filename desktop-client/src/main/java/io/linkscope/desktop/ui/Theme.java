package io.linkscope.desktop.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javafx.application.Application;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.css.Stylesheet;
import javafx.scene.paint.Color;

/**
 * The app's look, AtlantaFX Primer Light or Primer Dark, read from binary copies that the build
 * makes (JavaFX's .bss form): parsing a theme's 200 KB of CSS was a large part of a cold start.
 */
public enum Theme {
  LIGHT(
      "primer-light.bss",
      new PrimerLight().getUserAgentStylesheet(),
      new Palette(
          Color.web("#e6e8eb"),
          Color.web("#c6dbef"),
          Color.web("#08519c"),
          Color.WHITE,
          Color.web("#1f2937"),
          Color.web("#eef2f7"),
          Color.web("#1d4ed8"))),
  // On the dark background more clicks are brighter, and "no data" is a grey that still stands
  // apart from the page (#0d1117) and from the first blue of the scale.
  DARK(
      "primer-dark.bss",
      new PrimerDark().getUserAgentStylesheet(),
      new Palette(
          Color.web("#30363d"),
          Color.web("#173b6c"),
          Color.web("#79c0ff"),
          Color.web("#0d1117"),
          Color.web("#f0f6fc"),
          Color.web("#21262d"),
          Color.web("#58a6ff")));

  /**
   * The colours the charts draw themselves (the map's countries, the heatmap's cells), which no
   * stylesheet reaches: each scale runs from its low to its high colour.
   *
   * @param mapNoData a country without clicks
   * @param mapLow a country with the fewest clicks
   * @param mapHigh the country with the most clicks
   * @param mapOutline the border between countries (the page's background)
   * @param mapHighlight the border of the country under the pointer
   * @param heatLow a heatmap cell without clicks
   * @param heatHigh the heatmap cell with the most clicks
   */
  public record Palette(
      Color mapNoData,
      Color mapLow,
      Color mapHigh,
      Color mapOutline,
      Color mapHighlight,
      Color heatLow,
      Color heatHigh) {}

  private static final ReadOnlyObjectWrapper<Theme> CURRENT =
      new ReadOnlyObjectWrapper<>(Theme.class, "current", LIGHT);

  private final String binary;
  private final String css;

  // JavaFX's Color is immutable, but not annotated so.
  @SuppressWarnings("ImmutableEnumChecker")
  private final Palette palette;

  Theme(String binary, String css, Palette palette) {
    this.binary = binary;
    this.css = css;
    this.palette = palette;
  }

  /**
   * The theme the app shows now; charts that draw their own colours listen to it (FX thread). It is
   * a single value for the whole app, as the user agent stylesheet is.
   */
  public static ReadOnlyObjectProperty<Theme> currentProperty() {
    return CURRENT.getReadOnlyProperty();
  }

  /** Shows the app in this theme: sets the user agent stylesheet and {@link #currentProperty}. */
  public void apply() {
    Application.setUserAgentStylesheet(stylesheet());
    CURRENT.set(this);
  }

  public Palette palette() {
    return palette;
  }

  /** The light theme's user agent stylesheet (the default). */
  public static String userAgentStylesheet() {
    return LIGHT.stylesheet();
  }

  /** The user agent stylesheet: the build's binary copy, or the CSS when there is none. */
  public String stylesheet() {
    URL copy = Theme.class.getResource(binary);
    return copy != null ? copy.toExternalForm() : css;
  }

  /** Build step: writes the binary copies of both themes into the directory {@code args[0]}. */
  public static void main(String[] args) throws IOException {
    Path directory = Path.of(args[0]);
    Files.createDirectories(directory);
    for (Theme theme : values()) {
      Path css = Files.createTempFile("linkscope-theme", ".css");
      try (InputStream in = Theme.class.getResourceAsStream(theme.css)) {
        if (in == null) {
          throw new IOException("AtlantaFX has no " + theme.css);
        }
        Files.copy(in, css, StandardCopyOption.REPLACE_EXISTING);
        Stylesheet.convertToBinary(css.toFile(), directory.resolve(theme.binary).toFile());
      } finally {
        Files.delete(css);
      }
    }
  }
}
