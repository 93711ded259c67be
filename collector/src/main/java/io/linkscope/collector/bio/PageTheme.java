package io.linkscope.collector.bio;

import io.linkscope.api.bio.BioTheme;

/**
 * A bio page's theme with every value present: a preset with the owner's changes on top, as {@link
 * Themes#resolve} validated it.
 */
record PageTheme(
    String preset,
    String background,
    String backgroundEnd,
    String text,
    String button,
    String buttonText,
    String font,
    String buttonStyle) {

  /** The theme as the API shows it. */
  BioTheme view() {
    return new BioTheme(
        preset, background, backgroundEnd, text, button, buttonText, font, buttonStyle);
  }
}
