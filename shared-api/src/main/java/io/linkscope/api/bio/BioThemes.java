package io.linkscope.api.bio;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The presets of bio page themes and the readability rule both programs apply: the collector
 * refuses a theme that breaks it, the desktop shows the same verdict while colours are picked. Text
 * must keep a WCAG 2 contrast of {@value #MIN_CONTRAST}:1 against both background colours, and
 * button text against the button fill (outline buttons have no fill, so theirs is not checked).
 */
public final class BioThemes {
  public static final double MIN_CONTRAST = 4.5;

  /** Every preset with all of its values. */
  public static final Map<String, BioTheme> PRESETS =
      Map.of(
          "daylight",
          new BioTheme(
              "daylight", "#f6f3ee", "#ebe4da", "#1f1a17", "#ffffff", "#1f1a17", "sans", "pill"),
          "midnight",
          new BioTheme(
              "midnight", "#0b1022", "#231a4d", "#f1f3fb", "#5b4fe0", "#ffffff", "sans", "rounded"),
          "sunset",
          new BioTheme(
              "sunset", "#ffb38a", "#ff7a6b", "#2b0f0c", "#fffaf5", "#7a2614", "rounded", "pill"),
          "forest",
          new BioTheme(
              "forest", "#eef4ec", "#d5e6d2", "#12301e", "#1e5535", "#ffffff", "serif", "rounded"));

  /** Preset names in the order a picker lists them. */
  public static final List<String> PRESET_NAMES =
      List.of("daylight", "midnight", "sunset", "forest");

  public static final List<String> FONTS = List.of("sans", "serif", "rounded", "mono");

  public static final Set<String> BUTTON_STYLES = Set.of("pill", "rounded", "square", "outline");

  private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");

  /**
   * A colour pair that is too hard to read.
   *
   * @param field the theme field to change, e.g. {@code theme.text}
   * @param ratio the pair's contrast
   * @param message what is wrong, e.g. "#777777 on #888888 has a contrast of 1.2:1; ..."
   */
  public record Problem(String field, double ratio, String message) {}

  private BioThemes() {}

  /** Whether {@code value} is a colour a theme accepts ({@code #rrggbb}). */
  public static boolean isColour(@Nullable String value) {
    return value != null && COLOUR.matcher(value.strip()).matches();
  }

  /**
   * The pairs of a theme that break the rule, text first; a pair with a missing colour is skipped.
   */
  public static List<Problem> problems(BioTheme theme) {
    List<Problem> problems = new ArrayList<>();
    readable("theme.text", theme.text(), theme.background()).ifPresent(problems::add);
    readable("theme.text", theme.text(), theme.backgroundEnd()).ifPresent(problems::add);
    if (!"outline".equals(theme.buttonStyle())) {
      readable("theme.buttonText", theme.buttonText(), theme.button()).ifPresent(problems::add);
    }
    return problems;
  }

  private static Optional<Problem> readable(
      String field, @Nullable String foreground, @Nullable String background) {
    if (foreground == null
        || background == null
        || !isColour(foreground)
        || !isColour(background)) {
      return Optional.empty();
    }
    double ratio = contrast(foreground, background);
    if (ratio >= MIN_CONTRAST) {
      return Optional.empty();
    }
    return Optional.of(
        new Problem(
            field,
            ratio,
            String.format(
                Locale.ROOT,
                "%s on %s has a contrast of %.1f:1; at least %.1f:1 keeps the page readable.",
                foreground,
                background,
                ratio,
                MIN_CONTRAST)));
  }

  /** The WCAG 2 contrast ratio of two {@code #rrggbb} colours, from 1 to 21. */
  public static double contrast(String a, String b) {
    double la = luminance(a);
    double lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  private static double luminance(String colour) {
    int rgb = Integer.parseInt(colour.strip().substring(1), 16);
    return 0.2126 * channel(rgb >> 16) + 0.7152 * channel(rgb >> 8) + 0.0722 * channel(rgb);
  }

  private static double channel(int value) {
    double c = (value & 0xff) / 255.0;
    return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  }
}
