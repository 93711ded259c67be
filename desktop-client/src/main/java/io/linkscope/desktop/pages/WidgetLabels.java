package io.linkscope.desktop.pages;

import io.linkscope.api.bio.BioSocialIcon;
import io.linkscope.api.bio.BioWidgetView;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How widgets read in the editor: the kind as the user knows it ("Social icons", "Email button"), a
 * main line (title, text, or the icons with their handles) and a detail line (where a tap goes).
 */
public final class WidgetLabels {
  /** The widget types the collector knows, in the order the editor offers them. */
  public static final List<String> TYPES =
      List.of("link", "social", "heading", "text", "image", "video", "divider", "email");

  /** The social platforms a row may show, with the names the collector announces and records. */
  public static final Map<String, String> PLATFORMS = BioSocialIcon.PLATFORMS;

  /** Platforms in the order a picker lists them. */
  public static final List<String> PLATFORM_ORDER =
      List.of(
          "instagram",
          "tiktok",
          "youtube",
          "x",
          "facebook",
          "linkedin",
          "threads",
          "spotify",
          "github",
          "email",
          "website");

  private static final Map<String, String> KINDS =
      Map.of(
          "link", "Link",
          "social", "Social icons",
          "heading", "Heading",
          "text", "Text",
          "image", "Image",
          "video", "Video",
          "divider", "Divider",
          "email", "Email button");

  private WidgetLabels() {}

  /** "Link", "Social icons", "Email button"… */
  public static String kind(String type) {
    return KINDS.getOrDefault(type, type);
  }

  /** "Instagram", "TikTok"… (the platform itself when unknown). */
  public static String platform(String platform) {
    return PLATFORMS.getOrDefault(platform.toLowerCase(Locale.ROOT), platform);
  }

  /** The line the user recognises the widget by: its title, its text, or its icons. */
  public static String main(BioWidgetView widget) {
    return switch (widget.type()) {
      case "social" -> icons(widget.icons());
      case "text" -> firstLine(widget.text());
      case "divider" -> "A line between widgets";
      case "image" -> present(widget.title()) ? widget.title() : fileName(widget.imageUrl());
      case "video" -> present(widget.title()) ? widget.title() : shortUrl(widget.url());
      case "email" ->
          (present(widget.title()) ? widget.title() : "Email me")
              + " → "
              + mailAddress(widget.url());
      default -> present(widget.title()) ? widget.title() : shortUrl(widget.url());
    };
  }

  /** Where a tap goes (or the image shown); empty when the main line says it all. */
  public static String detail(BioWidgetView widget) {
    return switch (widget.type()) {
      case "link", "video" -> shortUrl(widget.url());
      case "image" ->
          present(widget.url()) ? "Opens " + shortUrl(widget.url()) : shortUrl(widget.imageUrl());
      default -> "";
    };
  }

  /** One line for lists and questions: "Link: Spring sale", "Social icons: Instagram @anna". */
  public static String label(BioWidgetView widget) {
    return kind(widget.type()) + ": " + main(widget);
  }

  /** "Instagram @anna · TikTok @anna.roasts · Email hi@example.com". */
  static String icons(@Nullable List<BioSocialIcon> icons) {
    if (icons == null || icons.isEmpty()) {
      return "No icons";
    }
    List<String> parts = new ArrayList<>();
    for (BioSocialIcon icon : icons) {
      String handle = handle(icon);
      parts.add(platform(icon.platform()) + (handle.isEmpty() ? "" : " " + handle));
    }
    return String.join(" · ", parts);
  }

  /** The account an icon points to: "@anna" from a profile URL, the address of an email. */
  static String handle(BioSocialIcon icon) {
    String url = icon.url() == null ? "" : icon.url().strip();
    if (url.regionMatches(true, 0, "mailto:", 0, 7)) {
      return mailAddress(url);
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return url;
    }
    String host = uri.getHost() == null ? "" : uri.getHost().replaceFirst("^www\\.", "");
    if ("website".equalsIgnoreCase(icon.platform())) {
      return host + (uri.getPath() == null || uri.getPath().equals("/") ? "" : uri.getPath());
    }
    String path = uri.getPath() == null ? "" : uri.getPath();
    String last = "";
    for (String segment : path.split("/")) {
      if (!segment.isBlank() && !segment.equals("in") && !segment.equals("user")) {
        last = segment;
        break;
      }
    }
    if (last.isEmpty()) {
      return host;
    }
    return last.startsWith("@") ? last : "@" + last;
  }

  private static String mailAddress(@Nullable String mailto) {
    if (mailto == null) {
      return "";
    }
    String address = mailto.replaceFirst("(?i)^mailto:", "");
    int query = address.indexOf('?');
    return query < 0 ? address : address.substring(0, query);
  }

  /** A URL without its scheme and "www.", as people say it. */
  static String shortUrl(@Nullable String url) {
    if (url == null) {
      return "";
    }
    return url.strip().replaceFirst("(?i)^https?://", "").replaceFirst("^www\\.", "");
  }

  private static String fileName(@Nullable String url) {
    String shortened = shortUrl(url);
    int slash = shortened.lastIndexOf('/');
    return slash < 0 || slash == shortened.length() - 1
        ? shortened
        : shortened.substring(slash + 1);
  }

  private static String firstLine(@Nullable String text) {
    if (text == null) {
      return "";
    }
    String stripped = text.strip();
    int end = stripped.indexOf('\n');
    return end < 0 ? stripped : stripped.substring(0, end).strip() + " …";
  }

  private static boolean present(@Nullable String value) {
    return value != null && !value.isBlank();
  }
}
