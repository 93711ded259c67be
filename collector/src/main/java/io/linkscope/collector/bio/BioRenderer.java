package io.linkscope.collector.bio;

import io.linkscope.api.bio.BioSocialIcon;
import io.linkscope.api.bio.BioWidgetView;
import java.util.List;
import java.util.Locale;

/**
 * Renders a bio page to one self-contained HTML document: semantic markup, inline CSS, inline SVG
 * icons, no script and no cookie. Every user-supplied value goes through {@link Html#escape}; URLs
 * were limited to http(s) and mailto when they were stored. On the public page every tap goes
 * through the collector's tracking redirect; the preview links straight to the targets.
 */
final class BioRenderer {
  /** Whether taps go through the tracking redirect (public page) or straight out (preview). */
  enum Mode {
    PUBLIC,
    PREVIEW
  }

  /** The page's own CSS; the theme only sets the custom properties at the top. */
  private static final String CSS =
      """
      *{box-sizing:border-box}html{-webkit-text-size-adjust:100%}\
      body{margin:0;min-height:100vh;font-family:var(--font);color:var(--fg);line-height:1.5;\
      background:var(--bg) fixed;background-image:radial-gradient(90% 45% at 50% 0,\
      rgba(255,255,255,.09),transparent),linear-gradient(170deg,var(--bg),var(--bg2))}\
      main{max-width:35rem;margin:0 auto;padding:3.25rem 1.25rem 2.5rem}\
      header{text-align:center;margin-bottom:2rem}\
      .avatar{display:block;width:6.5rem;height:6.5rem;margin:0 auto 1.1rem;border-radius:50%;\
      object-fit:cover;box-shadow:0 0 0 4px var(--bg),0 0 0 6px var(--btn),0 10px 30px rgba(0,0,0,.18)}\
      .monogram{display:grid;place-items:center;background:var(--btn);color:var(--btn-fg);\
      font-size:2.3rem;font-weight:700;letter-spacing:.02em}\
      h1{font-size:1.6rem;line-height:1.2;margin:0 0 .45rem;letter-spacing:-.015em}\
      .bio{margin:0 auto;max-width:26rem;font-size:1rem}\
      ul{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:.9rem}\
      .btn{display:flex;align-items:center;gap:.75rem;min-height:3.6rem;padding:.55rem 1.1rem;\
      background:var(--btn);color:var(--btn-fg);text-decoration:none;font-weight:600;\
      font-size:1.02rem;border-radius:var(--radius);border:2px solid var(--btn);\
      box-shadow:0 1px 2px rgba(0,0,0,.06),0 6px 18px rgba(0,0,0,.08);\
      transition:transform .15s ease,box-shadow .15s ease}\
      .btn span{flex:1;text-align:center;overflow-wrap:anywhere}\
      .btn img,.btn i{flex:none;width:2.6rem;height:2.6rem;border-radius:calc(var(--radius)*.7);\
      object-fit:cover}\
      .btn:hover{transform:translateY(-2px);box-shadow:0 2px 4px rgba(0,0,0,.08),0 10px 24px rgba(0,0,0,.12)}\
      .outline .btn{background:transparent;color:var(--fg);border-color:var(--fg);box-shadow:none}\
      a:focus-visible{outline:3px solid var(--fg);outline-offset:3px}\
      .social{display:flex;justify-content:center;flex-wrap:wrap;gap:.35rem}\
      .social a{display:grid;place-items:center;width:2.9rem;height:2.9rem;border-radius:50%;\
      color:var(--fg)}.social a:hover{background:rgba(127,127,127,.16)}\
      svg{width:1.6rem;height:1.6rem;fill:none;stroke:currentColor;stroke-width:1.8;\
      stroke-linecap:round;stroke-linejoin:round}\
      h2{font-size:.8rem;text-transform:uppercase;letter-spacing:.14em;text-align:center;\
      margin:1rem 0 -.2rem}\
      .text{margin:0;text-align:center;white-space:pre-line}\
      .w-image img,.w-video iframe{display:block;width:100%;border:0;border-radius:1.1rem}\
      .w-image img{height:auto}.w-video iframe{aspect-ratio:16/9;height:auto}\
      hr{width:3.5rem;height:3px;margin:.5rem auto;border:0;border-radius:2px;background:var(--fg);\
      opacity:.35}\
      .preview{position:sticky;top:0;z-index:1;margin:0;padding:.5rem;text-align:center;\
      font:600 .85rem system-ui,sans-serif;background:#fde68a;color:#422006}\
      @media (prefers-reduced-motion:reduce){.btn{transition:none}.btn:hover{transform:none}}\
      """;

  private BioRenderer() {}

  static String render(BioPage page, String publicUrl, Mode mode) {
    PageTheme theme = page.theme();
    String title = page.seoTitle().isEmpty() ? page.title() : page.seoTitle();
    String description =
        page.seoDescription().isEmpty() ? page.description() : page.seoDescription();
    String image = page.ogImageUrl().isEmpty() ? page.avatarUrl() : page.ogImageUrl();
    StringBuilder html = new StringBuilder(4096 + page.widgets().size() * 256);
    html.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
        .append("<title>")
        .append(Html.escape(title))
        .append("</title>");
    if (mode == Mode.PREVIEW) {
      html.append("<meta name=\"robots\" content=\"noindex\">");
    }
    meta(html, "name", "description", description);
    html.append("<link rel=\"canonical\" href=\"").append(Html.escape(publicUrl)).append("\">");
    meta(html, "property", "og:type", "profile");
    meta(html, "property", "og:title", title);
    meta(html, "property", "og:description", description);
    meta(html, "property", "og:url", publicUrl);
    meta(html, "property", "og:image", image);
    meta(html, "property", "profile:username", page.handle());
    meta(html, "name", "twitter:card", "summary");
    meta(html, "name", "twitter:title", title);
    meta(html, "name", "twitter:description", description);
    meta(html, "name", "theme-color", theme.background());
    html.append("<style>:root{--bg:")
        .append(theme.background())
        .append(";--bg2:")
        .append(theme.backgroundEnd())
        .append(";--fg:")
        .append(theme.text())
        .append(";--btn:")
        .append(theme.button())
        .append(";--btn-fg:")
        .append(theme.buttonText())
        .append(";--radius:")
        .append(radius(theme.buttonStyle()))
        .append(";--font:")
        .append(Themes.fontStack(theme.font()))
        .append("}")
        .append(CSS)
        .append("</style></head><body>");
    if (mode == Mode.PREVIEW) {
      html.append("<p class=\"preview\" role=\"status\">Preview")
          .append(page.published() ? "" : " — this page is not published")
          .append("</p>");
    }
    html.append("<main")
        .append(theme.buttonStyle().equals("outline") ? " class=\"outline\"" : "")
        .append("><header>");
    if (page.avatarUrl().isEmpty()) {
      html.append("<div class=\"avatar monogram\" aria-hidden=\"true\">")
          .append(Html.escape(initials(page.title())))
          .append("</div>");
    } else {
      html.append("<img class=\"avatar\" src=\"")
          .append(Html.escape(page.avatarUrl()))
          .append("\" alt=\"\" width=\"104\" height=\"104\">");
    }
    html.append("<h1>").append(Html.escape(page.title())).append("</h1>");
    if (!page.description().isEmpty()) {
      html.append("<p class=\"bio\">").append(Html.escape(page.description())).append("</p>");
    }
    html.append("</header><ul>");
    for (BioWidgetView widget : page.widgets()) {
      widget(html, page, widget, mode);
    }
    html.append("</ul></main></body></html>");
    return html.toString();
  }

  private static void widget(StringBuilder html, BioPage page, BioWidgetView widget, Mode mode) {
    WidgetType type = WidgetType.parse(widget.type());
    html.append("<li class=\"w-").append(type.wireName()).append("\">");
    switch (type) {
      case LINK, EMAIL -> {
        html.append("<a class=\"btn\" href=\"")
            .append(Html.escape(href(page, widget, -1, widget.url(), mode)))
            .append("\">");
        if (!widget.imageUrl().isEmpty()) {
          html.append("<img src=\"")
              .append(Html.escape(widget.imageUrl()))
              .append("\" alt=\"\" width=\"42\" height=\"42\" loading=\"lazy\">");
        }
        html.append("<span>").append(Html.escape(widget.title())).append("</span>");
        if (!widget.imageUrl().isEmpty()) {
          // Balances the thumbnail so that the label stays centred.
          html.append("<i aria-hidden=\"true\"></i>");
        }
        html.append("</a>");
      }
      case SOCIAL -> {
        html.append("<nav class=\"social\" aria-label=\"Social profiles\">");
        List<BioSocialIcon> icons = widget.icons();
        for (int i = 0; i < icons.size(); i++) {
          BioSocialIcon icon = icons.get(i);
          html.append("<a href=\"")
              .append(Html.escape(href(page, widget, i, icon.url(), mode)))
              .append("\" aria-label=\"")
              .append(Html.escape(BioRules.platformName(icon.platform())))
              .append("\">")
              .append(SocialIcons.svg(icon.platform()))
              .append("</a>");
        }
        html.append("</nav>");
      }
      case HEADING -> html.append("<h2>").append(Html.escape(widget.title())).append("</h2>");
      case TEXT ->
          html.append("<p class=\"text\">").append(Html.escape(widget.text())).append("</p>");
      case IMAGE -> {
        String img =
            "<img src=\""
                + Html.escape(widget.imageUrl())
                + "\" alt=\""
                + Html.escape(widget.title())
                + "\" loading=\"lazy\">";
        if (widget.url().isEmpty()) {
          html.append(img);
        } else {
          html.append("<a href=\"")
              .append(Html.escape(href(page, widget, -1, widget.url(), mode)))
              .append("\">")
              .append(img)
              .append("</a>");
        }
      }
      case VIDEO ->
          BioRules.videoEmbed(widget.url())
              .ifPresent(
                  embed ->
                      html.append("<iframe src=\"")
                          .append(Html.escape(embed))
                          .append("\" title=\"")
                          .append(Html.escape(widget.title().isEmpty() ? "Video" : widget.title()))
                          .append(
                              "\" loading=\"lazy\" allow=\"encrypted-media; picture-in-picture;"
                                  + " fullscreen\" allowfullscreen></iframe>"));
      case DIVIDER -> html.append("<hr>");
    }
    html.append("</li>");
  }

  /** Where a tap goes: the tracking redirect on the public page, the target in the preview. */
  private static String href(BioPage page, BioWidgetView widget, int icon, String url, Mode mode) {
    if (mode == Mode.PREVIEW) {
      return url;
    }
    String path = "/@" + page.handle() + "/w/" + widget.id();
    return icon < 0 ? path : path + "/" + icon;
  }

  private static void meta(StringBuilder html, String attribute, String name, String content) {
    if (content == null || content.isEmpty()) {
      return;
    }
    html.append("<meta ")
        .append(attribute)
        .append("=\"")
        .append(name)
        .append("\" content=\"")
        .append(Html.escape(content))
        .append("\">");
  }

  private static String radius(String buttonStyle) {
    return switch (buttonStyle) {
      case "rounded" -> "16px";
      case "square" -> "4px";
      default -> "999px";
    };
  }

  /** Up to two initials of the title, for pages without an avatar. */
  static String initials(String title) {
    StringBuilder initials = new StringBuilder();
    for (String word : title.strip().split("\\s+")) {
      if (!word.isEmpty() && Character.isLetterOrDigit(word.codePointAt(0))) {
        initials.appendCodePoint(word.codePointAt(0));
        if (initials.length() >= 2) {
          break;
        }
      }
    }
    return initials.toString().toUpperCase(Locale.ROOT);
  }
}
