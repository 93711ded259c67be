package io.linkscope.collector.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The small, unbranded HTML page the public handlers answer with when there is nothing to show (not
 * found, unavailable). Title and text are constants of the caller, never user input.
 */
public final class MessagePage {
  private MessagePage() {}

  /** A read-only buffer with the page; callers write {@code slice()}s of it. */
  public static ByteBuffer of(String title, String text) {
    String html =
        """
        <!doctype html><html lang="en"><head><meta charset="utf-8">\
        <meta name="viewport" content="width=device-width, initial-scale=1">\
        <meta name="robots" content="noindex"><title>%s</title>\
        <style>body{font-family:system-ui,sans-serif;margin:0;display:grid;place-items:center;\
        min-height:100vh;background:#f6f7f9;color:#1f2933}main{max-width:28rem;padding:2rem;\
        text-align:center}h1{font-size:1.4rem}</style></head>\
        <body><main><h1>%s</h1><p>%s</p></main></body></html>
        """
            .formatted(title, title, text);
    return ByteBuffer.wrap(html.getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer();
  }
}
