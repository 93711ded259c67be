package io.linkscope.collector.bio;

import io.linkscope.api.bio.BioTheme;
import io.linkscope.collector.http.HttpError;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The theme presets of bio pages and the rules for changing them: colours are {@code #rrggbb},
 * fonts are system font stacks (no web fonts: no third-party requests), and text must stay readable
 * (WCAG AA contrast of 4.5:1 against every background it sits on).
 */
final class Themes {
  static final double MIN_CONTRAST = 4.5;

  private static final PageTheme DAYLIGHT =
      new PageTheme(
          "daylight", "#f6f3ee", "#ebe4da", "#1f1a17", "#ffffff", "#1f1a17", "sans", "pill");

  static final Map<String, PageTheme> PRESETS =
      Map.of(
          "daylight",
          DAYLIGHT,
          "midnight",
          new PageTheme(
              "midnight", "#0b1022", "#231a4d", "#f1f3fb", "#5b4fe0", "#ffffff", "sans", "rounded"),
          "sunset",
          new PageTheme(
              "sunset", "#ffb38a", "#ff7a6b", "#2b0f0c", "#fffaf5", "#7a2614", "rounded", "pill"),
          "forest",
          new PageTheme(
              "forest", "#eef4ec", "#d5e6d2", "#12301e", "#1e5535", "#ffffff", "serif", "rounded"));

  private static final String SANS =
      "system-ui,-apple-system,\"Segoe UI\",Roboto,\"Helvetica Neue\",Arial,sans-serif";

  static final Map<String, String> FONTS =
      Map.of(
          "sans",
          SANS,
          "serif",
          "\"Iowan Old Style\",\"Palatino Linotype\",Palatino,Charter,Georgia,serif",
          "rounded",
          "ui-rounded,\"SF Pro Rounded\",\"Nunito\",\"Varela Round\",system-ui,sans-serif",
          "mono",
          "ui-monospace,\"SF Mono\",Menlo,Consolas,\"Liberation Mono\",monospace");

  static final Set<String> BUTTON_STYLES = Set.of("pill", "rounded", "square", "outline");

  private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");

  private Themes() {}

  /** The preset's values with the given ones on top, validated; null means the default preset. */
  static PageTheme resolve(@Nullable BioTheme requested) {
    BioTheme wanted = requested == null ? BioTheme.preset("daylight") : requested;
    String named = wanted.preset();
    String presetName =
        named == null || named.isBlank() ? "daylight" : named.strip().toLowerCase(Locale.ROOT);
    PageTheme preset = PRESETS.get(presetName);
    if (preset == null) {
      throw HttpError.invalidField(
          "theme.preset", "must be one of " + String.join(", ", PRESETS.keySet()) + ".");
    }
    PageTheme theme =
        new PageTheme(
            presetName,
            colour("theme.background", wanted.background(), preset.background()),
            colour("theme.backgroundEnd", wanted.backgroundEnd(), preset.backgroundEnd()),
            colour("theme.text", wanted.text(), preset.text()),
            colour("theme.button", wanted.button(), preset.button()),
            colour("theme.buttonText", wanted.buttonText(), preset.buttonText()),
            choice("theme.font", wanted.font(), preset.font(), FONTS.keySet()),
            choice("theme.buttonStyle", wanted.buttonStyle(), preset.buttonStyle(), BUTTON_STYLES));
    readable("theme.text", theme.text(), theme.background());
    readable("theme.text", theme.text(), theme.backgroundEnd());
    if (theme.buttonStyle().equals("outline")) {
      return theme;
    }
    readable("theme.buttonText", theme.buttonText(), theme.button());
    return theme;
  }

  /**
   * A theme as stored: {@link #resolve} completed it before it was saved, so every value is there;
   * should one not be, its preset's (or the default preset's) takes its place.
   */
  static PageTheme stored(BioTheme theme) {
    String named = theme.preset();
    PageTheme preset = named == null ? DAYLIGHT : PRESETS.getOrDefault(named, DAYLIGHT);
    return new PageTheme(
        preset.preset(),
        Objects.requireNonNullElse(theme.background(), preset.background()),
        Objects.requireNonNullElse(theme.backgroundEnd(), preset.backgroundEnd()),
        Objects.requireNonNullElse(theme.text(), preset.text()),
        Objects.requireNonNullElse(theme.button(), preset.button()),
        Objects.requireNonNullElse(theme.buttonText(), preset.buttonText()),
        Objects.requireNonNullElse(theme.font(), preset.font()),
        Objects.requireNonNullElse(theme.buttonStyle(), preset.buttonStyle()));
  }

  /** The CSS font stack of a font name; an unknown name gets the sans-serif one. */
  static String fontStack(String font) {
    return FONTS.getOrDefault(font, SANS);
  }

  private static String colour(String field, @Nullable String value, String fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    String trimmed = value.strip();
    if (!COLOUR.matcher(trimmed).matches()) {
      throw HttpError.invalidField(field, "must be a colour like #1f2937.");
    }
    return trimmed.toLowerCase(Locale.ROOT);
  }

  private static String choice(
      String field, @Nullable String value, String fallback, Set<String> allowed) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    String normalised = value.strip().toLowerCase(Locale.ROOT);
    if (!allowed.contains(normalised)) {
      throw HttpError.invalidField(
          field, "must be one of " + String.join(", ", allowed.stream().sorted().toList()) + ".");
    }
    return normalised;
  }

  private static void readable(String field, String foreground, String background) {
    double ratio = contrast(foreground, background);
    if (ratio < MIN_CONTRAST) {
      throw HttpError.invalidField(
          field,
          String.format(
              Locale.ROOT,
              "%s on %s has a contrast of %.1f:1; at least %.1f:1 keeps the page readable.",
              foreground,
              background,
              ratio,
              MIN_CONTRAST));
    }
  }

  /** The WCAG 2 contrast ratio of two {@code #rrggbb} colours, from 1 to 21. */
  static double contrast(String a, String b) {
    double la = luminance(a);
    double lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  private static double luminance(String colour) {
    int rgb = Integer.parseInt(colour.substring(1), 16);
    return 0.2126 * channel(rgb >> 16) + 0.7152 * channel(rgb >> 8) + 0.0722 * channel(rgb);
  }

  private static double channel(int value) {
    double c = (value & 0xff) / 255.0;
    return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  }
}
