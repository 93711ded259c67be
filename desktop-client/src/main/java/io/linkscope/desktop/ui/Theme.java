package io.linkscope.desktop.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javafx.css.Stylesheet;

/**
 * The app's look, AtlantaFX Primer Light or Primer Dark, read from binary copies that the build
 * makes (JavaFX's .bss form): parsing a theme's 200 KB of CSS was a large part of a cold start.
 */
public enum Theme {
  LIGHT("primer-light.bss", new PrimerLight().getUserAgentStylesheet()),
  DARK("primer-dark.bss", new PrimerDark().getUserAgentStylesheet());

  private final String binary;
  private final String css;

  Theme(String binary, String css) {
    this.binary = binary;
    this.css = css;
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
