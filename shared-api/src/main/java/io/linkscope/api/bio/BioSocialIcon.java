package io.linkscope.api.bio;

/**
 * One icon of a social icons row.
 *
 * @param platform {@code instagram}, {@code tiktok}, {@code youtube}, {@code x}, {@code facebook},
 *     {@code linkedin}, {@code github}, {@code threads}, {@code spotify}, {@code email} or {@code
 *     website}
 * @param url the profile URL (http/https; {@code mailto:} for email)
 */
public record BioSocialIcon(String platform, String url) {}
