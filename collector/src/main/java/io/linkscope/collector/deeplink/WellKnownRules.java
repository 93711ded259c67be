package io.linkscope.collector.deeplink;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.linkscope.collector.http.HttpError;
import java.io.IOException;
import java.io.StringReader;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The shapes of the two association files, checked before they are stored, so that a typo is a 400
 * naming the place instead of an app that silently stops opening links.
 *
 * <ul>
 *   <li>{@code apple-app-site-association}: an object with {@code applinks}, {@code webcredentials}
 *       or {@code appclips}; {@code applinks.details} a list of entries, each with {@code appIDs}
 *       (or {@code appID}) of the form {@code TEAMID.bundle.id} and {@code components} or {@code
 *       paths}.
 *   <li>{@code assetlinks.json}: a non-empty list of statements, each with a non-empty {@code
 *       relation} list and a {@code target}: an {@code android_app} with {@code package_name} and
 *       {@code sha256_cert_fingerprints} (32 colon-separated hex bytes), or a {@code web} {@code
 *       site}.
 * </ul>
 */
public final class WellKnownRules {
  public static final String APPLE = "apple-app-site-association";
  public static final String ANDROID = "assetlinks.json";
  public static final int MAX_BYTES = 64 * 1024;

  private static final Pattern APP_ID = Pattern.compile("[A-Z0-9]{10}\\.[A-Za-z0-9.*-]+");
  private static final Pattern PACKAGE =
      Pattern.compile("[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)+");
  private static final Pattern FINGERPRINT = Pattern.compile("([0-9A-F]{2}:){31}[0-9A-F]{2}");
  private static final Pattern SITE = Pattern.compile("https?://[A-Za-z0-9.-]+(:\\d{1,5})?/?");

  private WellKnownRules() {}

  public static boolean isKnown(String file) {
    return file.equals(APPLE) || file.equals(ANDROID);
  }

  /**
   * The file's JSON, checked against its shape.
   *
   * @throws HttpError 400 with the reason
   */
  public static JsonElement validate(String file, String text) {
    if (text.length() > MAX_BYTES) {
      throw invalid("The file is larger than " + (MAX_BYTES / 1024) + " KiB.");
    }
    JsonElement json = parse(text);
    if (file.equals(APPLE)) {
      apple(json);
    } else {
      android(json);
    }
    return json;
  }

  private static JsonElement parse(String text) {
    try (JsonReader reader = new JsonReader(new StringReader(text))) {
      reader.setStrictness(Strictness.STRICT);
      JsonElement json = JsonParser.parseReader(reader);
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw invalid("The file has more after its JSON value.");
      }
      return json;
    } catch (JsonParseException | IOException | IllegalStateException e) {
      throw invalid("The file is not valid JSON: " + e.getMessage());
    }
  }

  private static void apple(JsonElement json) {
    if (!json.isJsonObject()) {
      throw invalid(
          "The file must be a JSON object with \"applinks\", \"webcredentials\" or \"appclips\".");
    }
    JsonObject root = json.getAsJsonObject();
    if (!root.has("applinks") && !root.has("webcredentials") && !root.has("appclips")) {
      throw invalid("The file must have \"applinks\", \"webcredentials\" or \"appclips\".");
    }
    if (root.has("applinks")) {
      JsonObject applinks = object(root.get("applinks"), "applinks");
      if (applinks.has("details")) {
        JsonArray details = array(applinks.get("details"), "applinks.details");
        for (int i = 0; i < details.size(); i++) {
          String at = "applinks.details[" + i + "]";
          JsonObject detail = object(details.get(i), at);
          if (detail.has("appIDs")) {
            JsonArray ids = array(detail.get("appIDs"), at + ".appIDs");
            if (ids.isEmpty()) {
              throw invalid(at + ".appIDs must name at least one app.");
            }
            for (int j = 0; j < ids.size(); j++) {
              appId(ids.get(j), at + ".appIDs[" + j + "]");
            }
          } else if (detail.has("appID")) {
            appId(detail.get("appID"), at + ".appID");
          } else {
            throw invalid(at + " must have \"appIDs\" (TEAMID.bundle.id).");
          }
          if (detail.has("components")) {
            JsonArray components = array(detail.get("components"), at + ".components");
            for (int j = 0; j < components.size(); j++) {
              object(components.get(j), at + ".components[" + j + "]");
            }
          } else if (detail.has("paths")) {
            strings(detail.get("paths"), at + ".paths");
          } else {
            throw invalid(at + " must have \"components\" or \"paths\".");
          }
        }
      }
    }
    for (String section : new String[] {"webcredentials", "appclips"}) {
      if (root.has(section)) {
        JsonObject object = object(root.get(section), section);
        JsonArray apps = array(object.get("apps"), section + ".apps");
        for (int j = 0; j < apps.size(); j++) {
          appId(apps.get(j), section + ".apps[" + j + "]");
        }
      }
    }
  }

  private static void android(JsonElement json) {
    if (!json.isJsonArray() || json.getAsJsonArray().isEmpty()) {
      throw invalid("The file must be a non-empty JSON list of statements.");
    }
    JsonArray statements = json.getAsJsonArray();
    for (int i = 0; i < statements.size(); i++) {
      String at = "[" + i + "]";
      JsonObject statement = object(statements.get(i), at);
      JsonArray relation = strings(statement.get("relation"), at + ".relation");
      if (relation.isEmpty()) {
        throw invalid(at + ".relation must name at least one relation.");
      }
      JsonObject target = object(statement.get("target"), at + ".target");
      String namespace = string(target.get("namespace"), at + ".target.namespace");
      switch (namespace) {
        case "android_app" -> {
          String name = string(target.get("package_name"), at + ".target.package_name");
          if (!PACKAGE.matcher(name).matches()) {
            throw invalid(
                at + ".target.package_name must be a package name such as com.example.app.");
          }
          JsonArray prints =
              strings(
                  target.get("sha256_cert_fingerprints"), at + ".target.sha256_cert_fingerprints");
          if (prints.isEmpty()) {
            throw invalid(at + ".target.sha256_cert_fingerprints must have at least one.");
          }
          for (int j = 0; j < prints.size(); j++) {
            if (!FINGERPRINT.matcher(prints.get(j).getAsString()).matches()) {
              throw invalid(
                  at
                      + ".target.sha256_cert_fingerprints["
                      + j
                      + "] must be 32 bytes in upper-case hex separated by colons (AB:CD:...).");
            }
          }
        }
        case "web" -> {
          String site = string(target.get("site"), at + ".target.site");
          if (!SITE.matcher(site).matches()) {
            throw invalid(at + ".target.site must be a site such as https://example.com.");
          }
        }
        default -> throw invalid(at + ".target.namespace must be \"android_app\" or \"web\".");
      }
    }
  }

  private static void appId(@Nullable JsonElement element, String at) {
    String id = string(element, at);
    if (!APP_ID.matcher(id).matches()) {
      throw invalid(
          at + " must be an app ID of the form TEAMID.bundle.id (ten-character team ID).");
    }
  }

  private static JsonObject object(@Nullable JsonElement element, String at) {
    if (element == null || !element.isJsonObject()) {
      throw invalid(at + " must be a JSON object.");
    }
    return element.getAsJsonObject();
  }

  private static JsonArray array(@Nullable JsonElement element, String at) {
    if (element == null || !element.isJsonArray()) {
      throw invalid(at + " must be a JSON list.");
    }
    return element.getAsJsonArray();
  }

  private static JsonArray strings(@Nullable JsonElement element, String at) {
    JsonArray array = array(element, at);
    for (int i = 0; i < array.size(); i++) {
      string(array.get(i), at + "[" + i + "]");
    }
    return array;
  }

  private static String string(@Nullable JsonElement element, String at) {
    if (element == null || !element.isJsonPrimitive() || !element.getAsJsonPrimitive().isString()) {
      throw invalid(at + " must be a string.");
    }
    return element.getAsString();
  }

  private static HttpError invalid(String reason) {
    return HttpError.badRequest("invalid_file", reason);
  }
}
