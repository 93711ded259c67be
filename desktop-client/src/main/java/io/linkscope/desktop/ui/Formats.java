package io.linkscope.desktop.ui;

import java.text.NumberFormat;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Number formats shared by the screens. */
public final class Formats {
  private Formats() {}

  public static String count(long value) {
    return NumberFormat.getIntegerInstance(Locale.US).format(value);
  }

  /** "+12.5 %", "−3.0 %" or "new" when there is nothing to compare with. */
  public static String change(@Nullable Double percent) {
    if (percent == null) {
      return "no earlier data";
    }
    return (percent >= 0 ? "▲ +" : "▼ −")
        + String.format(Locale.US, "%.1f %%", Math.abs(percent))
        + " vs previous period";
  }

  /** Country display name for an alpha-2 code ("unknown" stays as is). */
  public static String country(String alpha2) {
    if (alpha2 == null || alpha2.length() != 2) {
      return alpha2 == null || alpha2.isBlank() ? "Unknown" : capitalize(alpha2);
    }
    String name = Locale.of("", alpha2).getDisplayCountry(Locale.ENGLISH);
    return name.isBlank() || name.equals(alpha2) ? alpha2 : name;
  }

  /** A breakdown value fit for a label: empty values read "(none)", wire names are capitalised. */
  public static String value(String dimension, String raw) {
    if (raw == null || raw.isBlank()) {
      return "(none)";
    }
    return dimension.equals("country") ? country(raw) : capitalize(raw);
  }

  private static String capitalize(String text) {
    return text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
  }
}
