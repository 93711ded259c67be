package io.linkscope.collector.bio;

import io.linkscope.collector.http.HttpError;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** The kinds of widget a bio page is built from; the wire name is stored and tracked. */
enum WidgetType {
  LINK,
  SOCIAL,
  HEADING,
  TEXT,
  IMAGE,
  VIDEO,
  DIVIDER,
  EMAIL;

  String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static WidgetType parse(@Nullable String name) {
    if (name == null || name.isBlank()) {
      throw HttpError.invalidField("type", "is required: one of " + names() + ".");
    }
    try {
      return valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new HttpError(
          400, "unknown_widget_type", "Unknown widget type; use one of " + names() + ".");
    }
  }

  private static String names() {
    return Arrays.stream(values()).map(WidgetType::wireName).collect(Collectors.joining(", "));
  }
}
