package io.linkscope.collector.deeplink;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.util.BufferUtil;

/**
 * The frame of the small pages a link answers with before the visitor is sent on (the password
 * form, "open in the app"): one look, every inserted string escaped, and a Content Security Policy
 * under which no script runs at all.
 */
public final class GatePage {
  /**
   * No script, no outside resource, styles only inline. A form may post only here, and the answer
   * to a right password may send the visitor on to any web address (Chromium checks a form's
   * redirects against form-action too).
   */
  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none';"
          + " form-action 'self' https: http:; frame-ancestors 'none'";

  public static final HttpField CSP =
      new PreEncodedHttpField("Content-Security-Policy", CONTENT_SECURITY_POLICY);
  public static final HttpField NOSNIFF =
      new PreEncodedHttpField("X-Content-Type-Options", "nosniff");

  /** The target must not leak to the next site through the Referer of a link or a form. */
  public static final HttpField NO_REFERRER =
      new PreEncodedHttpField("Referrer-Policy", "no-referrer");

  private static final String STYLE =
      """
      *{box-sizing:border-box}\
      body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;\
      background:#f4f5f7;color:#1d2330;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}\
      main{width:100%;max-width:380px;margin:16px;padding:28px 24px;background:#fff;\
      border-radius:14px;box-shadow:0 2px 12px rgba(0,0,0,.08)}\
      h1{font-size:1.3rem;margin:0 0 8px}p{margin:0 0 16px;color:#4a5263}\
      label{display:block;font-weight:600;margin-bottom:6px}\
      input{width:100%;font:inherit;padding:11px 12px;border:1px solid #b8bfcc;border-radius:8px}\
      input:focus{outline:2px solid #3b6ef5;border-color:#3b6ef5}\
      .error{color:#b3261e;font-weight:600;margin:8px 0 0}\
      button,.button{display:block;width:100%;margin-top:14px;padding:12px;font:inherit;font-weight:600;\
      text-align:center;text-decoration:none;border-radius:8px;border:0;background:#3b6ef5;color:#fff;cursor:pointer}\
      .secondary{background:#e8ebf2;color:#1d2330}\
      p.hint{margin:16px 0 0;font-size:.9rem}\
      """;

  private GatePage() {}

  /** A whole page: {@code title} is escaped here, {@code body} must already be escaped HTML. */
  public static ByteBuffer of(String title, String body) {
    String html =
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
            + "<meta name=\"robots\" content=\"noindex,nofollow\">"
            + "<title>"
            + escape(title)
            + "</title><style>"
            + STYLE
            + "</style></head><body><main>"
            + body
            + "</main></body></html>";
    return BufferUtil.toBuffer(html, StandardCharsets.UTF_8).asReadOnlyBuffer();
  }

  /** Escapes the five characters that can end a text node or a quoted attribute value. */
  public static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      switch (ch) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(ch);
      }
    }
    return out.toString();
  }
}
