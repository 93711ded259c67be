package io.linkscope.collector.enrich;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import org.jspecify.annotations.Nullable;

/**
 * What identifies one version of a data file that the collector picks up again when it is replaced.
 * The file key (device and inode on Unix) catches a rename over the old file even when size and
 * modification time happen to match.
 */
record FileStamp(FileTime lastModified, long size, Object fileKey) {

  /** Returns the file's current stamp, or null if it cannot be read. */
  static @Nullable FileStamp of(Path file) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return new FileStamp(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey());
    } catch (IOException e) {
      return null;
    }
  }
}
