package io.linkscope.api.bio;

import java.util.Map;

/**
 * One icon of a social icons row.
 *
 * @param platform {@code instagram}, {@code tiktok}, {@code youtube}, {@code x}, {@code facebook},
 *     {@code linkedin}, {@code github}, {@code threads}, {@code spotify}, {@code email} or {@code
 *     website}
 * @param url the profile URL (http/https; {@code mailto:} for email)
 */
public record BioSocialIcon(String platform, String url) {
  /** The platforms a row may show, with the names screen readers announce and taps record. */
  public static final Map<String, String> PLATFORMS =
      Map.ofEntries(
          Map.entry("instagram", "Instagram"),
          Map.entry("tiktok", "TikTok"),
          Map.entry("youtube", "YouTube"),
          Map.entry("x", "X"),
          Map.entry("facebook", "Facebook"),
          Map.entry("linkedin", "LinkedIn"),
          Map.entry("github", "GitHub"),
          Map.entry("threads", "Threads"),
          Map.entry("spotify", "Spotify"),
          Map.entry("email", "Email"),
          Map.entry("website", "Website"));
}
