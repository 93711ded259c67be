package io.linkscope.collector.bio;

import java.util.Map;

/**
 * Inline SVG icons of the social platforms, drawn as simple strokes in the text colour: no icon
 * font or image is fetched from anywhere.
 */
final class SocialIcons {
  private static final Map<String, String> SHAPES =
      Map.ofEntries(
          Map.entry(
              "instagram",
              "<rect x=\"3\" y=\"3\" width=\"18\" height=\"18\" rx=\"5\"/>"
                  + "<circle cx=\"12\" cy=\"12\" r=\"4\"/><path d=\"M17.2 6.8h.01\"/>"),
          Map.entry(
              "tiktok",
              "<path d=\"M14 3v11.5a3.5 3.5 0 1 1-3.5-3.5\"/><path d=\"M14 3c.6 2.6 2.4 4.3 5 4.6\"/>"),
          Map.entry(
              "youtube",
              "<rect x=\"2.5\" y=\"5\" width=\"19\" height=\"14\" rx=\"4\"/>"
                  + "<path d=\"M10 9.2v5.6l4.8-2.8z\"/>"),
          Map.entry("x", "<path d=\"M5 4l14 16M19 4L5 20\"/>"),
          Map.entry("facebook", "<path d=\"M15.5 3.5H13a3.5 3.5 0 0 0-3.5 3.5v14M6.5 10.5h8\"/>"),
          Map.entry(
              "linkedin",
              "<rect x=\"3\" y=\"3\" width=\"18\" height=\"18\" rx=\"3\"/>"
                  + "<path d=\"M8 10.5V17M8 7.2h.01M12 17v-6.5M12 13.5a2.5 2.5 0 0 1 5 0V17\"/>"),
          Map.entry(
              "github", "<path d=\"M8.5 7.5L4 12l4.5 4.5M15.5 7.5L20 12l-4.5 4.5M13.5 5l-3 14\"/>"),
          Map.entry(
              "threads",
              "<circle cx=\"12\" cy=\"12\" r=\"3.5\"/>"
                  + "<path d=\"M15.5 12v1.3a2.6 2.6 0 0 0 5.2 0V12a8.7 8.7 0 1 0-3.4 6.9\"/>"),
          Map.entry(
              "spotify",
              "<circle cx=\"12\" cy=\"12\" r=\"9\"/>"
                  + "<path d=\"M7.5 9.6c3.2-.9 6.4-.6 9.2.9M8 12.7c2.6-.7 5.1-.4 7.4.8M8.6 15.6c2-.5"
                  + " 3.8-.3 5.4.6\"/>"),
          Map.entry(
              "email",
              "<rect x=\"3\" y=\"5\" width=\"18\" height=\"14\" rx=\"2.5\"/><path d=\"M3.5 7l8.5"
                  + " 6 8.5-6\"/>"),
          Map.entry(
              "website",
              "<circle cx=\"12\" cy=\"12\" r=\"9\"/><path d=\"M3 12h18M12 3a13.5 13.5 0 0 1 0"
                  + " 18M12 3a13.5 13.5 0 0 0 0 18\"/>"));

  private SocialIcons() {}

  /** The icon of a platform validated by {@link BioRules}, decorative (the link has the name). */
  static String svg(String platform) {
    return "<svg viewBox=\"0 0 24 24\" aria-hidden=\"true\" focusable=\"false\">"
        + SHAPES.getOrDefault(platform, SHAPES.get("website"))
        + "</svg>";
  }
}
