package io.linkscope.collector.bio;

import io.linkscope.api.bio.BioTheme;
import io.linkscope.api.bio.BioThemes;
import io.linkscope.collector.http.HttpError;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The theme presets of bio pages and the rules for changing them: colours are {@code #rrggbb},
 * fonts are system font stacks (no web fonts: no third-party requests), and text must stay readable
 * (the rule of {@link BioThemes}, which the desktop shows while colours are picked).
 */
final class Themes {
  static final double MIN_CONTRAST = BioThemes.MIN_CONTRAST;

  /** The presets of the shared rule, each with every value set. */
  static final Map<String, PageTheme> PRESETS =
      BioThemes.PRESETS.entrySet().stream()
          .collect(
              Collectors.toUnmodifiableMap(
                  Map.Entry::getKey, preset -> complete(preset.getValue())));

  private static final PageTheme DAYLIGHT = Objects.requireNonNull(PRESETS.get("daylight"));

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

  static final Set<String> BUTTON_STYLES = BioThemes.BUTTON_STYLES;

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
    List<BioThemes.Problem> problems = BioThemes.problems(theme.view());
    if (!problems.isEmpty()) {
      throw HttpError.invalidField(problems.getFirst().field(), problems.getFirst().message());
    }
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

  private static PageTheme complete(BioTheme preset) {
    return new PageTheme(
        Objects.requireNonNull(preset.preset()),
        Objects.requireNonNull(preset.background()),
        Objects.requireNonNull(preset.backgroundEnd()),
        Objects.requireNonNull(preset.text()),
        Objects.requireNonNull(preset.button()),
        Objects.requireNonNull(preset.buttonText()),
        Objects.requireNonNull(preset.font()),
        Objects.requireNonNull(preset.buttonStyle()));
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

  /** The WCAG 2 contrast ratio of two {@code #rrggbb} colours, from 1 to 21. */
  static double contrast(String a, String b) {
    return BioThemes.contrast(a, b);
  }
}
