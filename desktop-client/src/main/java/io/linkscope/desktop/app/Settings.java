package io.linkscope.desktop.app;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * The app's own settings beside the saved connections ({@code settings.properties}): the workspace
 * used last, reopened at start, and the theme. A missing or unreadable file means the defaults.
 */
final class Settings {
  private static final String LAST_CONNECTION = "last.connection";
  private static final String DARK_THEME = "theme.dark";

  private final Path file;
  private final Properties values = new Properties();

  Settings(Path directory) {
    this.file = directory.resolve("settings.properties");
    if (Files.exists(file)) {
      try (Reader reader = Files.newBufferedReader(file)) {
        values.load(reader);
      } catch (IOException | IllegalArgumentException e) {
        // Settings are a convenience: a damaged file is replaced by the next change.
        values.clear();
      }
    }
  }

  Optional<String> lastConnection() {
    return Optional.ofNullable(values.getProperty(LAST_CONNECTION));
  }

  void lastConnection(String id) {
    put(LAST_CONNECTION, id);
  }

  boolean darkTheme() {
    return Boolean.parseBoolean(values.getProperty(DARK_THEME, "false"));
  }

  void darkTheme(boolean dark) {
    put(DARK_THEME, Boolean.toString(dark));
  }

  private void put(String key, String value) {
    if (value.equals(values.getProperty(key))) {
      return;
    }
    values.setProperty(key, value);
    try {
      Files.createDirectories(file.getParent());
      Path temporary = Files.createTempFile(file.getParent(), ".settings", ".tmp");
      try (Writer writer = Files.newBufferedWriter(temporary)) {
        values.store(writer, "Linkscope desktop settings");
      }
      Files.move(
          temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }
}
