package io.linkscope.collector.importing;

import io.linkscope.collector.http.HttpError;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The file formats an import reads, by the names the API uses. */
enum ImportFormat {
  BITLY,
  SHLINK,
  KUTT,
  YOURLS,
  REBRANDLY,
  LINKSCOPE,
  /** Any CSV file with a header row, its columns found by name or named in the request. */
  CSV;

  String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The named format, or null for "auto" (or none): detect it from the file. */
  static @org.jspecify.annotations.Nullable ImportFormat parse(String name) {
    if (name.isBlank() || name.equalsIgnoreCase("auto")) {
      return null;
    }
    for (ImportFormat format : values()) {
      if (format.wireName().equalsIgnoreCase(name.strip())) {
        return format;
      }
    }
    throw HttpError.invalidParameter(
        "format",
        "must be auto or one of "
            + Arrays.stream(values()).map(ImportFormat::wireName).collect(Collectors.joining(", "))
            + ".");
  }

  /**
   * The format whose export has these column names (normalised by {@link Columns#normalise}): the
   * shape of each shortener's own export, else the generic CSV.
   */
  static ImportFormat fromColumns(Set<String> names) {
    if (names.contains("shortcode") && names.contains("longurl")) {
      return SHLINK;
    }
    if (names.contains("slashtag")) {
      return REBRANDLY;
    }
    if ((names.contains("keyword") || names.contains("shorturl")) && names.contains("url")) {
      return YOURLS;
    }
    if (names.contains("address") && names.contains("target")) {
      return KUTT;
    }
    if ((names.contains("destinationurl") || names.contains("longurl"))
        && (names.contains("link") || names.contains("bitlink") || names.contains("customlink"))) {
      return BITLY;
    }
    if (names.contains("slug") && names.contains("targeturl")) {
      return LINKSCOPE;
    }
    return CSV;
  }
}
