package io.linkscope.collector.openapi;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The API's OpenAPI 3.1 description, assembled from the resources of this package: {@code
 * base.json} (info, security, shared components) and every fragment that {@code fragments} lists,
 * one feature each, each holding {@code paths} and {@code components} of its own. Describing a new
 * route is adding it to its feature's fragment, or a new fragment and one line in {@code
 * fragments}. A path or component described twice fails the assembly, so fragments cannot silently
 * replace each other.
 */
public final class OpenApiDocument {
  private static final String BASE = "base.json";
  private static final String INDEX = "fragments";

  private OpenApiDocument() {}

  /** The whole description, its {@code servers} naming {@code baseUrl}. */
  public static JsonObject assemble(URI baseUrl) {
    JsonObject document = read(BASE);
    for (String line : text(INDEX).split("\n")) {
      String name = line.strip();
      if (name.isEmpty() || name.startsWith("#")) {
        continue;
      }
      mergeInto(document, read(name), name);
    }
    JsonObject server = new JsonObject();
    server.addProperty("url", baseUrl.toString().replaceAll("/+$", ""));
    JsonArray servers = new JsonArray();
    servers.add(server);
    document.add("servers", servers);
    return document;
  }

  /** Adds {@code fragment}'s paths and components to {@code document}, refusing duplicates. */
  static void mergeInto(JsonObject document, JsonObject fragment, String name) {
    for (Map.Entry<String, JsonElement> section : fragment.entrySet()) {
      switch (section.getKey()) {
        case "paths" -> addAll(child(document, "paths"), section.getValue(), name);
        case "components" -> {
          JsonObject components = child(document, "components");
          for (Map.Entry<String, JsonElement> kind :
              section.getValue().getAsJsonObject().entrySet()) {
            addAll(child(components, kind.getKey()), kind.getValue(), name);
          }
        }
        default ->
            throw new IllegalStateException(
                "OpenAPI fragment " + name + " may hold only paths and components");
      }
    }
  }

  private static void addAll(JsonObject target, JsonElement entries, String name) {
    for (Map.Entry<String, JsonElement> entry : entries.getAsJsonObject().entrySet()) {
      if (target.has(entry.getKey())) {
        throw new IllegalStateException(
            "OpenAPI fragment " + name + " describes " + entry.getKey() + " a second time");
      }
      target.add(entry.getKey(), entry.getValue());
    }
  }

  private static JsonObject child(JsonObject parent, String name) {
    if (!parent.has(name)) {
      parent.add(name, new JsonObject());
    }
    return parent.getAsJsonObject(name);
  }

  private static JsonObject read(String name) {
    return JsonParser.parseString(text(name)).getAsJsonObject();
  }

  private static String text(String name) {
    try (InputStream in = OpenApiDocument.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("OpenAPI resource " + name + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
