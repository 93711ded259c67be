package io.linkscope.collector.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Directories and files that only their owner may read: credentials, and the collector's data.
 * Where the file system has no POSIX permissions (Windows), the user's own profile directory is
 * private already and nothing is changed.
 */
public final class PrivateFiles {
  private static final Set<PosixFilePermission> DIRECTORY =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private PrivateFiles() {}

  /**
   * Creates {@code directory} (and missing parents) readable only by its owner; an existing one is
   * made so too.
   */
  public static Path directory(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      if (posix(directory)) {
        Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(DIRECTORY));
      } else {
        Files.createDirectories(directory);
      }
    }
    if (posix(directory)) {
      Files.setPosixFilePermissions(directory, DIRECTORY);
    }
    return directory;
  }

  /**
   * Writes {@code content} to {@code file} readable only by its owner. The content is written to a
   * fresh owner-only file and then renamed, so that no other user ever sees it, even in part.
   */
  public static void write(Path file, String content) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent == null) {
      throw new IOException(file + " is the root directory, not a file");
    }
    Files.createDirectories(parent);
    Path temporary =
        posix(parent)
            ? Files.createTempFile(
                parent, ".private", ".tmp", PosixFilePermissions.asFileAttribute(FILE))
            : Files.createTempFile(parent, ".private", ".tmp");
    try {
      Files.writeString(temporary, content);
      Files.move(
          temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
