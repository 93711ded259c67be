package io.linkscope.collector.journal;

import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A segment file known to the journal: its number, path and, once no longer written, its size. */
final class Segment {

  private static final Pattern NAME = Pattern.compile("segment-(\\d{20})\\.journal");

  static final long ACTIVE = -1;

  final long number;
  final Path path;

  /** The final size once sealed; {@link #ACTIVE} while appends may still go here. */
  private volatile long sealedSize;

  Segment(long number, Path path, long sealedSize) {
    this.number = number;
    this.path = path;
    this.sealedSize = sealedSize;
  }

  static String fileName(long number) {
    return String.format("segment-%020d.journal", number);
  }

  static OptionalLong parseNumber(String fileName) {
    Matcher matcher = NAME.matcher(fileName);
    if (!matcher.matches()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(matcher.group(1)));
    } catch (NumberFormatException tooLarge) {
      return OptionalLong.empty();
    }
  }

  long sealedSize() {
    return sealedSize;
  }

  boolean sealed() {
    return sealedSize != ACTIVE;
  }

  void seal(long size) {
    sealedSize = size;
  }

  @Override
  public String toString() {
    return path.getFileName().toString();
  }
}
