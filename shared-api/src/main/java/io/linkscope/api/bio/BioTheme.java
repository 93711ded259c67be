package io.linkscope.api.bio;

import org.jspecify.annotations.Nullable;

/**
 * How a bio page looks: a preset, optionally with some of its values replaced. Absent fields take
 * the preset's value; the collector refuses colour pairs that are hard to read.
 *
 * @param preset one of {@code daylight}, {@code midnight}, {@code sunset}, {@code forest}
 * @param background page background, {@code #rrggbb}
 * @param backgroundEnd second colour of a top-to-bottom gradient, {@code #rrggbb}
 * @param text colour of the page's text
 * @param button fill of buttons
 * @param buttonText text colour on buttons
 * @param font {@code sans}, {@code serif}, {@code rounded} or {@code mono} (system fonts only)
 * @param buttonStyle {@code pill}, {@code rounded}, {@code square} or {@code outline}
 */
public record BioTheme(
    @Nullable String preset,
    @Nullable String background,
    @Nullable String backgroundEnd,
    @Nullable String text,
    @Nullable String button,
    @Nullable String buttonText,
    @Nullable String font,
    @Nullable String buttonStyle) {

  /** A preset as it is, without changes. */
  public static BioTheme preset(String name) {
    return new BioTheme(name, null, null, null, null, null, null, null);
  }
}
