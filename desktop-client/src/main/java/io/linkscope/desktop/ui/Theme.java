package io.linkscope.desktop.ui;

import atlantafx.base.theme.PrimerLight;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javafx.css.Stylesheet;

/**
 * The app's look, AtlantaFX Primer Light, read from a binary copy that the build makes (JavaFX's
 * .bss form): parsing the theme's 200 KB of CSS was a large part of a cold start.
 */
public final class Theme {
  private static final String BINARY = "primer-light.bss";

  private Theme() {}

  /** The user agent stylesheet: the build's binary copy, or the CSS when there is none. */
  public static String userAgentStylesheet() {
    URL binary = Theme.class.getResource(BINARY);
    return binary != null ? binary.toExternalForm() : new PrimerLight().getUserAgentStylesheet();
  }

  /** Build step: writes the binary copy of the theme to {@code args[0]}. */
  public static void main(String[] args) throws IOException {
    Path target = Path.of(args[0]);
    Path css = Files.createTempFile("primer-light", ".css");
    try (InputStream in =
        PrimerLight.class.getResourceAsStream(new PrimerLight().getUserAgentStylesheet())) {
      Files.copy(in, css, StandardCopyOption.REPLACE_EXISTING);
      Files.createDirectories(target.toAbsolutePath().getParent());
      Stylesheet.convertToBinary(css.toFile(), target.toFile());
    } finally {
      Files.delete(css);
    }
  }
}
