package io.linkscope.api.bio;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a client sends to add or change a widget of a bio page. Which fields a type uses:
 *
 * <ul>
 *   <li>{@code link}: title, url, optional imageUrl (a thumbnail)
 *   <li>{@code social}: icons
 *   <li>{@code heading}: title
 *   <li>{@code text}: text
 *   <li>{@code image}: imageUrl, title (the alternative text), optional url (where a tap goes)
 *   <li>{@code video}: url (a YouTube or Vimeo video), optional title
 *   <li>{@code divider}: nothing
 *   <li>{@code email}: url ({@code mailto:}), optional title (the button label)
 * </ul>
 *
 * @param type one of the types above; it cannot change once the widget exists
 */
public record BioWidgetInput(
    @Nullable String type,
    @Nullable String title,
    @Nullable String url,
    @Nullable String imageUrl,
    @Nullable String text,
    @Nullable List<BioSocialIcon> icons) {

  public static BioWidgetInput link(String title, String url) {
    return new BioWidgetInput("link", title, url, null, null, null);
  }

  public static BioWidgetInput heading(String title) {
    return new BioWidgetInput("heading", title, null, null, null, null);
  }

  public static BioWidgetInput text(String text) {
    return new BioWidgetInput("text", null, null, null, text, null);
  }

  public static BioWidgetInput social(List<BioSocialIcon> icons) {
    return new BioWidgetInput("social", null, null, null, null, icons);
  }

  public static BioWidgetInput image(String imageUrl, String altText, String url) {
    return new BioWidgetInput("image", altText, url, imageUrl, null, null);
  }

  public static BioWidgetInput video(String url, String title) {
    return new BioWidgetInput("video", title, url, null, null, null);
  }

  public static BioWidgetInput divider() {
    return new BioWidgetInput("divider", null, null, null, null, null);
  }

  public static BioWidgetInput email(String label, String mailto) {
    return new BioWidgetInput("email", label, mailto, null, null, null);
  }

  public BioWidgetInput withImageUrl(String newImageUrl) {
    return new BioWidgetInput(type, title, url, newImageUrl, text, icons);
  }
}
