package io.linkscope.collector.openapi;

import io.linkscope.api.Json;
import io.linkscope.collector.http.ApiRequest;
import io.linkscope.collector.http.HttpError;
import io.linkscope.collector.http.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code GET /api/v1/openapi.json}, the description, and {@code GET /api/docs}, the reference page:
 * Swagger UI from its webjar, served from the collector's own jar (no CDN) under {@code
 * /api/docs/<file>}. The page runs no inline script (its start is {@code docs.js}), so its
 * Content-Security-Policy allows scripts of this origin only; styles allow {@code 'unsafe-inline'}
 * because Swagger UI sets style attributes on the elements it renders.
 */
public final class OpenApiHandlers {
  /** The reference page's policy: nothing from elsewhere, no inline script, no framing. */
  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self'"
          + " data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none';"
          + " frame-ancestors 'none'";

  private static final String WEBJAR = "/META-INF/maven/org.webjars/swagger-ui/pom.properties";

  /** The files the page loads, with their types: Swagger UI's, and the page's own start. */
  private static final Map<String, String> FILES =
      Map.of(
          "swagger-ui.css", "text/css; charset=utf-8",
          "swagger-ui-bundle.js", "text/javascript; charset=utf-8",
          "favicon-32x32.png", "image/png",
          "favicon-16x16.png", "image/png",
          "docs.js", "text/javascript; charset=utf-8");

  private final byte[] document;
  private final String webjarRoot;
  private final Map<String, byte[]> loaded = new ConcurrentHashMap<>();

  /** The description with {@code baseUrl} as its server, assembled once. */
  public OpenApiHandlers(URI baseUrl) {
    this.document =
        Json.gson().toJson(OpenApiDocument.assemble(baseUrl)).getBytes(StandardCharsets.UTF_8);
    this.webjarRoot = "/META-INF/resources/webjars/swagger-ui/" + webjarVersion() + "/";
  }

  public Reply description(ApiRequest request) {
    return Reply.bytes("application/json; charset=utf-8", document)
        .withHeader("Access-Control-Allow-Origin", "*");
  }

  public Reply page(ApiRequest request) {
    return withPolicy(Reply.bytes("text/html; charset=utf-8", resource("docs.html")));
  }

  public Reply file(ApiRequest request) {
    String name = request.path("file");
    String type = FILES.get(name);
    if (type == null) {
      throw HttpError.notFound("The file " + name);
    }
    byte[] body =
        loaded.computeIfAbsent(
            name, n -> n.equals("docs.js") ? resource(n) : classpath(webjarRoot + n));
    return withPolicy(Reply.bytes(type, body)).withHeader("Cache-Control", "public, max-age=3600");
  }

  private static Reply withPolicy(Reply reply) {
    return reply
        .withHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .withHeader("X-Content-Type-Options", "nosniff")
        .withHeader("Referrer-Policy", "no-referrer");
  }

  private static byte[] resource(String name) {
    return classpath("/io/linkscope/collector/openapi/" + name);
  }

  private static byte[] classpath(String path) {
    try (InputStream in = OpenApiHandlers.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(path + " is missing from the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String webjarVersion() {
    Properties properties = new Properties();
    try (InputStream in = OpenApiHandlers.class.getResourceAsStream(WEBJAR)) {
      if (in == null) {
        throw new IllegalStateException("The Swagger UI webjar is missing from the class path");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties.getProperty("version");
  }
}
