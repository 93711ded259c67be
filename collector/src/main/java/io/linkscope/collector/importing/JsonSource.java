package io.linkscope.collector.importing;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import io.linkscope.api.Json;
import io.linkscope.api.link.LinkInput;
import io.linkscope.collector.http.HttpError;
import java.io.Reader;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A JSON export: the list answers of the shortener APIs (Shlink {@code shortUrls.data}, Kutt {@code
 * data}, Bitly {@code links}, YOURLS {@code links} by key), a bare array of their link objects
 * (Rebrandly), or Linkscope's own links ({@code LinkView} or {@code LinkInput} objects). The
 * document is parsed once, as a tree.
 */
final class JsonSource {
  /** The fields of a Linkscope link a re-import takes over as they are. */
  private static final Set<String> LINK_INPUT_FIELDS =
      Arrays.stream(LinkInput.class.getRecordComponents())
          .map(component -> component.getName())
          .collect(Collectors.toUnmodifiableSet());

  private JsonSource() {}

  static SourceFile read(Reader reader, @Nullable ImportFormat requested, Columns columns) {
    JsonElement document;
    try {
      JsonReader json = new JsonReader(reader);
      json.setStrictness(Strictness.STRICT);
      document = JsonParser.parseReader(json);
    } catch (JsonParseException | IllegalStateException e) {
      if (e.getCause() instanceof HttpError tooLarge) {
        throw tooLarge;
      }
      throw HttpError.badRequest("invalid_json", "The file is not valid JSON.");
    }
    List<JsonElement> elements = elements(document);
    if (elements.size() > SourceFile.MAX_ROWS) {
      throw CsvSource.tooManyRows();
    }
    ImportFormat format = requested;
    if (format == null) {
      format = elements.isEmpty() ? ImportFormat.LINKSCOPE : detect(elements.get(0));
    }
    List<SourceRow> rows = new ArrayList<>(elements.size());
    for (int i = 0; i < elements.size(); i++) {
      JsonElement element = elements.get(i);
      if (!element.isJsonObject()) {
        rows.add(SourceRow.invalid(i + 1, LinkInput.to(""), "element is not a JSON object"));
      } else if (format == ImportFormat.LINKSCOPE) {
        rows.add(linkscope(i + 1, element.getAsJsonObject()));
      } else {
        rows.add(columns.row(i + 1, flatten(element.getAsJsonObject())));
      }
    }
    return new SourceFile(format, rows);
  }

  /** The link objects of the document, wherever its shortener puts them. */
  private static List<JsonElement> elements(JsonElement document) {
    if (document.isJsonArray()) {
      return document.getAsJsonArray().asList();
    }
    if (document.isJsonObject()) {
      JsonObject object = document.getAsJsonObject();
      JsonElement list = object.get("shortUrls");
      if (list != null && list.isJsonObject()) {
        list = list.getAsJsonObject().get("data");
      }
      if (list == null) {
        list = object.get("data");
      }
      if (list == null) {
        list = object.get("links");
      }
      if (list != null && list.isJsonArray()) {
        return list.getAsJsonArray().asList();
      }
      if (list != null && list.isJsonObject()) {
        // YOURLS: {"links": {"link_1": {...}, "link_2": {...}}}
        return new ArrayList<>(list.getAsJsonObject().asMap().values());
      }
    }
    throw HttpError.badRequest(
        "invalid_file",
        "The JSON is neither an array of links nor a shortener's list answer (shortUrls.data,"
            + " data or links).");
  }

  private static ImportFormat detect(JsonElement first) {
    if (!first.isJsonObject()) {
      return ImportFormat.CSV;
    }
    return ImportFormat.fromColumns(flatten(first.getAsJsonObject()).keySet());
  }

  /**
   * An object's members by normalised name, nested objects' members under their path ({@code
   * visitsSummary.total} is {@code visitssummarytotal}), arrays of values joined with '|'.
   */
  static Map<String, String> flatten(JsonObject object) {
    Map<String, String> values = new HashMap<>();
    flatten("", object, values);
    return values;
  }

  private static void flatten(String prefix, JsonObject object, Map<String, String> values) {
    for (Map.Entry<String, JsonElement> member : object.entrySet()) {
      String name = prefix + Columns.normalise(member.getKey());
      JsonElement value = member.getValue();
      if (value.isJsonObject()) {
        flatten(name, value.getAsJsonObject(), values);
      } else if (value.isJsonArray()) {
        List<String> items = new ArrayList<>();
        for (JsonElement item : value.getAsJsonArray()) {
          if (item.isJsonPrimitive()) {
            items.add(item.getAsString());
          }
        }
        values.putIfAbsent(name, String.join("|", items));
      } else if (value.isJsonPrimitive()) {
        values.putIfAbsent(name, value.getAsString());
      }
    }
  }

  /**
   * A link of Linkscope's own API ({@code LinkView}) or input ({@code LinkInput}): every field a
   * create takes is kept; the clicks counted there (tracked and imported) become the imported
   * clicks here.
   */
  private static SourceRow linkscope(int line, JsonObject object) {
    JsonObject input = new JsonObject();
    for (Map.Entry<String, JsonElement> member : object.entrySet()) {
      if (LINK_INPUT_FIELDS.contains(member.getKey())) {
        input.add(member.getKey(), withoutIds(member.getValue()));
      }
    }
    LinkInput partial = partial(object);
    if (object.has("passwordProtected")
        && object.get("passwordProtected").isJsonPrimitive()
        && object.get("passwordProtected").getAsBoolean()
        && !object.has("password")) {
      return SourceRow.invalid(
          line, partial, "it is password-protected and the export does not carry the password");
    }
    try {
      LinkInput link = Json.readStrict(input, LinkInput.class);
      Instant created = Columns.date(text(object, "createdAt"));
      long clicks = number(object, "totalClicks") + number(object, "importedClicks");
      return new SourceRow(line, link, created, clicks, null);
    } catch (Json.InvalidJsonException e) {
      return SourceRow.invalid(line, partial, String.valueOf(e.getMessage()));
    } catch (DateTimeException | NumberFormatException | IllegalStateException e) {
      return SourceRow.invalid(line, partial, "createdAt or totalClicks has the wrong form");
    }
  }

  /** Rules and variants carry the ids of the collector they come from; a new link gets its own. */
  private static JsonElement withoutIds(JsonElement value) {
    if (!value.isJsonArray()) {
      return value;
    }
    JsonArray copy = new JsonArray();
    for (JsonElement item : value.getAsJsonArray()) {
      if (item.isJsonObject()) {
        JsonObject object = item.getAsJsonObject().deepCopy();
        object.remove("id");
        copy.add(object);
      } else {
        copy.add(item);
      }
    }
    return copy;
  }

  private static LinkInput partial(JsonObject object) {
    return LinkInput.builder()
        .slug(text(object, "slug"))
        .domain(text(object, "domain"))
        .targetUrl(text(object, "targetUrl"))
        .build();
  }

  private static @Nullable String text(JsonObject object, String name) {
    JsonElement value = object.get(name);
    return value != null && value.isJsonPrimitive() ? value.getAsString() : null;
  }

  private static long number(JsonObject object, String name) {
    JsonElement value = object.get(name);
    return value != null && value.isJsonPrimitive() ? value.getAsLong() : 0;
  }
}
