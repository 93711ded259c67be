package io.linkscope.desktop.connection;

import com.google.gson.reflect.TypeToken;
import io.linkscope.api.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * The saved connections in the user's config directory. The file holds API keys, so it is created
 * readable and writable by the user only, and replaced atomically.
 */
public final class ConnectionStore {
  private final Path directory;
  private final Path file;

  public ConnectionStore(Path directory) {
    this.directory = directory;
    this.file = directory.resolve("connections.json");
  }

  /** The app's directory that holds the connections, their stores and the settings. */
  public Path directory() {
    return directory;
  }

  /** The app's directory: {@code linkscope.desktop.home}, else $XDG_CONFIG_HOME or ~/.config. */
  public static Path defaultDirectory() {
    String home = System.getProperty("linkscope.desktop.home");
    if (home != null && !home.isBlank()) {
      return Path.of(home);
    }
    String config = System.getenv("XDG_CONFIG_HOME");
    Path base =
        config == null || config.isBlank()
            ? Path.of(System.getProperty("user.home"), ".config")
            : Path.of(config);
    return base.resolve("linkscope-desktop");
  }

  public Path file() {
    return file;
  }

  public List<Connection> load() {
    if (!Files.exists(file)) {
      return List.of();
    }
    try {
      List<Connection> connections =
          Json.gson()
              .fromJson(
                  Files.readString(file),
                  TypeToken.getParameterized(List.class, Connection.class).getType());
      return connections == null ? List.of() : List.copyOf(connections);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  public void save(List<Connection> connections) {
    try {
      Files.createDirectories(file.getParent());
      Path temporary = Files.createTempFile(file.getParent(), ".connections", ".tmp");
      try {
        Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // Windows keeps files in the user's profile private already.
      }
      Files.writeString(temporary, Json.write(new ArrayList<>(connections)));
      Files.move(
          temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  /** Where the offline copy of a connection's workspace lives. */
  public Path storeFile(Connection connection) {
    return file.resolveSibling("stores").resolve(connection.id() + ".sqlite");
  }
}
