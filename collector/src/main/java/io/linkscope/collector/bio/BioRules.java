package io.linkscope.collector.bio;

import io.linkscope.api.bio.BioSocialIcon;
import io.linkscope.api.bio.BioWidgetInput;
import io.linkscope.api.bio.BioWidgetView;
import io.linkscope.collector.http.HttpError;
import io.linkscope.collector.link.LinkRules;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The validation rules of bio pages and widgets. Only http(s) and {@code mailto:} URLs get through,
 * so no {@code javascript:} or {@code data:} URL ever reaches a page; text is length-limited and
 * escaped at render time.
 */
final class BioRules {
  static final int MAX_TITLE = 100;
  static final int MAX_DESCRIPTION = 300;
  static final int MAX_WIDGET_TITLE = 200;
  static final int MAX_TEXT = 2000;
  static final int MAX_ICONS = 12;
  static final int MAX_WIDGETS = 100;

  private static final Pattern HANDLE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,29}");
  private static final Pattern MAILTO =
      Pattern.compile(
          "mailto:[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,253}(\\?[A-Za-z0-9=&%._~+-]*)?");
  private static final Pattern YOUTUBE_ID = Pattern.compile("[A-Za-z0-9_-]{11}");
  private static final Pattern VIMEO_ID = Pattern.compile("[0-9]{1,12}");

  /** Social platforms a row may show, with the name screen readers announce and taps record. */
  static final Map<String, String> PLATFORMS = BioSocialIcon.PLATFORMS;

  private BioRules() {}

  /** The name of a social platform as screen readers announce it; its key if it has none. */
  static String platformName(String platform) {
    return PLATFORMS.getOrDefault(platform, platform);
  }

  /** Whether a path segment can be a handle at all: anything else is answered without a look-up. */
  static boolean isHandle(String handle) {
    return HANDLE.matcher(handle).matches();
  }

  static String handle(@Nullable String handle) {
    if (handle == null || !HANDLE.matcher(handle.strip()).matches()) {
      throw HttpError.invalidField(
          "handle",
          "must be 1-30 letters A-Z, digits, '.', '_' or '-', starting with a letter or digit.");
    }
    return handle.strip().toLowerCase(Locale.ROOT);
  }

  static String title(String field, @Nullable String value, int max) {
    String text = LinkRules.text(field, value, max);
    if (text.isEmpty()) {
      throw HttpError.invalidField(field, "is required.");
    }
    return oneLine(field, text);
  }

  /** Optional single-line text: line breaks have no place in titles and meta tags. */
  static String line(String field, @Nullable String value, int max) {
    return oneLine(field, LinkRules.text(field, value, max));
  }

  private static String oneLine(String field, String text) {
    if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
      throw HttpError.invalidField(field, "must be a single line.");
    }
    return text.replace('\t', ' ');
  }

  /** An optional http(s) URL; empty when absent. */
  static String optionalUrl(String field, @Nullable String value) {
    return value == null || value.isBlank() ? "" : LinkRules.url(field, value);
  }

  static String mailto(String field, @Nullable String value) {
    if (value == null || value.isBlank()) {
      throw HttpError.invalidField(
          field, "is required: a mailto: URL such as mailto:hi@example.com.");
    }
    String trimmed = value.strip();
    if (!MAILTO.matcher(trimmed).matches()) {
      throw HttpError.invalidField(
          field, "must be a mailto: URL such as mailto:hi@example.com (optionally ?subject=...).");
    }
    return trimmed;
  }

  /** A validated widget, ready to store; {@code id} and {@code position} are the caller's. */
  static BioWidgetView widget(long id, int position, BioWidgetInput input) {
    WidgetType type = WidgetType.parse(input.type());
    String title = "";
    String url = "";
    String imageUrl = "";
    String text = "";
    List<BioSocialIcon> icons = List.of();
    switch (type) {
      case LINK -> {
        title = title("title", input.title(), MAX_WIDGET_TITLE);
        url = LinkRules.url("url", input.url());
        imageUrl = optionalUrl("imageUrl", input.imageUrl());
      }
      case SOCIAL -> icons = icons(input.icons());
      case HEADING -> title = title("title", input.title(), MAX_WIDGET_TITLE);
      case TEXT -> {
        text = LinkRules.text("text", input.text(), MAX_TEXT);
        if (text.isEmpty()) {
          throw HttpError.invalidField("text", "is required.");
        }
      }
      case IMAGE -> {
        imageUrl = LinkRules.url("imageUrl", input.imageUrl());
        title = line("title", input.title(), MAX_WIDGET_TITLE);
        url = optionalUrl("url", input.url());
      }
      case VIDEO -> {
        url = LinkRules.url("url", input.url());
        if (videoEmbed(url).isEmpty()) {
          throw HttpError.invalidField(
              "url", "must be a YouTube or Vimeo video URL, e.g. https://youtu.be/<id>.");
        }
        title = line("title", input.title(), MAX_WIDGET_TITLE);
      }
      case DIVIDER -> {}
      case EMAIL -> {
        url = mailto("url", input.url());
        title = line("title", input.title(), MAX_WIDGET_TITLE);
        if (title.isEmpty()) {
          title = "Email me";
        }
      }
    }
    return new BioWidgetView(id, type.wireName(), position, title, url, imageUrl, text, icons);
  }

  private static List<BioSocialIcon> icons(@Nullable List<BioSocialIcon> icons) {
    if (icons == null || icons.isEmpty()) {
      throw HttpError.invalidField("icons", "a social row needs at least one icon.");
    }
    if (icons.size() > MAX_ICONS) {
      throw HttpError.invalidField("icons", "at most " + MAX_ICONS + " icons per row.");
    }
    List<BioSocialIcon> valid = new ArrayList<>();
    for (BioSocialIcon icon : icons) {
      if (icon == null || icon.platform() == null) {
        throw HttpError.invalidField("icons", "every icon needs a platform and a url.");
      }
      String platform = icon.platform().strip().toLowerCase(Locale.ROOT);
      if (!PLATFORMS.containsKey(platform)) {
        throw HttpError.invalidField(
            "icons.platform",
            "must be one of "
                + String.join(", ", PLATFORMS.keySet().stream().sorted().toList())
                + ".");
      }
      String url =
          platform.equals("email")
              ? mailto("icons.url", icon.url())
              : LinkRules.url("icons.url", icon.url());
      valid.add(new BioSocialIcon(platform, url));
    }
    return List.copyOf(valid);
  }

  /**
   * The privacy-friendly embed URL of a YouTube or Vimeo video URL, built from the validated video
   * id only (so nothing of the owner's URL reaches the iframe but the id).
   */
  static Optional<String> videoEmbed(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    String path = uri.getPath() == null ? "" : uri.getPath();
    @Nullable String id = null;
    if (host.equals("youtu.be")) {
      id = path.length() > 1 ? path.substring(1) : null;
    } else if (host.equals("youtube.com") || host.endsWith(".youtube.com")) {
      if (path.equals("/watch") && uri.getQuery() != null) {
        Matcher v = Pattern.compile("(?:^|&)v=([^&]+)").matcher(uri.getQuery());
        id = v.find() ? v.group(1) : null;
      } else if (path.startsWith("/shorts/") || path.startsWith("/embed/")) {
        id = path.substring(path.indexOf('/', 1) + 1);
      }
    } else if (host.equals("vimeo.com") || host.equals("www.vimeo.com")) {
      String vimeo = path.length() > 1 ? path.substring(1) : "";
      return VIMEO_ID.matcher(vimeo).matches()
          ? Optional.of("https://player.vimeo.com/video/" + vimeo + "?dnt=1")
          : Optional.empty();
    }
    if (id != null && YOUTUBE_ID.matcher(id).matches()) {
      return Optional.of("https://www.youtube-nocookie.com/embed/" + id);
    }
    return Optional.empty();
  }
}
