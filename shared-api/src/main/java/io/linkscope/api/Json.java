package io.linkscope.api;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The one Gson configuration of the JSON contract, plus strict parsing of request bodies. */
public final class Json {

  private static final Gson GSON =
      new GsonBuilder()
          .setFieldNamingPolicy(FieldNamingPolicy.IDENTITY)
          .registerTypeAdapter(Instant.class, new InstantAdapter().nullSafe())
          .registerTypeAdapter(LocalDate.class, new LocalDateAdapter().nullSafe())
          .registerTypeAdapter(int.class, new WholeNumberAdapter<>(Integer.class))
          .registerTypeAdapter(Integer.class, new WholeNumberAdapter<>(Integer.class).nullSafe())
          .registerTypeAdapter(long.class, new WholeNumberAdapter<>(Long.class))
          .registerTypeAdapter(Long.class, new WholeNumberAdapter<>(Long.class).nullSafe())
          .disableHtmlEscaping()
          .create();

  private static final Gson PATCH_GSON = GSON.newBuilder().serializeNulls().create();

  private Json() {}

  /** The shared Gson instance: ISO-8601 instants and dates, record support, no HTML escaping. */
  public static Gson gson() {
    return GSON;
  }

  /**
   * Writes a value as JSON. A {@link JsonElement} (a merge patch) keeps its explicit nulls, since
   * there a null means "clear this field"; records leave absent (null) fields out.
   */
  public static String write(Object value) {
    if (value instanceof JsonElement element) {
      return PATCH_GSON.toJson(element);
    }
    return GSON.toJson(value);
  }

  public static <T> T read(String json, Class<T> type) {
    return GSON.fromJson(json, type);
  }

  /**
   * Parses a JSON object into a record, refusing anything that is not exactly that record's shape:
   * malformed JSON, a non-object, trailing data or a field the record does not have.
   */
  public static <R extends Record> R readStrict(String json, Class<R> type) {
    JsonObject object = parseObject(json);
    return readStrict(object, type);
  }

  /** Like {@link #readStrict(String, Class)} for an already parsed object. */
  public static <R extends Record> R readStrict(JsonObject object, Class<R> type) {
    Set<String> known =
        Arrays.stream(type.getRecordComponents())
            .map(RecordComponent::getName)
            .collect(Collectors.toCollection(TreeSet::new));
    for (String key : object.keySet()) {
      if (!known.contains(key)) {
        throw new InvalidJsonException(
            "unknown_field",
            "Unknown field '" + key + "'. Allowed fields: " + String.join(", ", known) + ".");
      }
    }
    try {
      return GSON.fromJson(object, type);
    } catch (JsonParseException | DateTimeException | IllegalStateException e) {
      throw new InvalidJsonException("invalid_field", describe(e));
    }
  }

  /** Parses text that must be a single JSON object. */
  public static JsonObject parseObject(String json) {
    if (json == null || json.isBlank()) {
      throw new InvalidJsonException("invalid_json", "The request body must be a JSON object.");
    }
    JsonElement element;
    try {
      JsonReader reader = new JsonReader(new java.io.StringReader(json));
      reader.setStrictness(Strictness.STRICT);
      element = JsonParser.parseReader(reader);
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw new InvalidJsonException(
            "invalid_json", "The request body has data after the JSON object.");
      }
    } catch (JsonParseException | IOException | IllegalStateException e) {
      throw new InvalidJsonException("invalid_json", "The request body is not valid JSON.");
    }
    if (!element.isJsonObject()) {
      throw new InvalidJsonException("invalid_json", "The request body must be a JSON object.");
    }
    return element.getAsJsonObject();
  }

  private static String describe(RuntimeException e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    if (root instanceof DateTimeException) {
      return "A date is not in ISO-8601 format (e.g. 2026-05-01T12:00:00Z): " + root.getMessage();
    }
    String detail = root.getMessage() == null ? "" : root.getMessage();
    if (detail.contains(" path $.")) {
      String field = detail.substring(detail.indexOf(" path $.") + 8).split("[\\s\\[]")[0];
      return "Field '" + field + "' has the wrong type or value.";
    }
    return "A field has the wrong type or value.";
  }

  /** A request body that is not the JSON the contract describes. */
  public static final class InvalidJsonException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String code;

    InvalidJsonException(String code, String message) {
      super(message);
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  private static final class InstantAdapter extends TypeAdapter<Instant> {
    @Override
    public void write(JsonWriter out, Instant value) throws IOException {
      out.value(value.toString());
    }

    @Override
    public Instant read(JsonReader in) throws IOException {
      String field = field(in);
      try {
        return ApiDates.instant(in.nextString());
      } catch (ApiDates.InvalidDateException e) {
        throw invalidField(field, e.getMessage());
      }
    }
  }

  private static final class LocalDateAdapter extends TypeAdapter<LocalDate> {
    @Override
    public void write(JsonWriter out, LocalDate value) throws IOException {
      out.value(value.toString());
    }

    @Override
    public LocalDate read(JsonReader in) throws IOException {
      String field = field(in);
      try {
        return ApiDates.date(in.nextString());
      } catch (ApiDates.InvalidDateException e) {
        throw invalidField(field, e.getMessage());
      }
    }
  }

  /**
   * Reads an int or a long only from a JSON number that is exactly a whole number in its range.
   * Gson's own adapters truncate 1.5 to 1, wrap 1e23 modulo 2^64 when reading a parsed tree, and
   * accept numbers written as strings.
   */
  private static final class WholeNumberAdapter<N extends Number> extends TypeAdapter<N> {
    private final Class<N> type;

    WholeNumberAdapter(Class<N> type) {
      this.type = type;
    }

    @Override
    public void write(JsonWriter out, N value) throws IOException {
      out.value(value);
    }

    @Override
    public N read(JsonReader in) throws IOException {
      String field = field(in);
      boolean isInt = type == Integer.class;
      String range =
          isInt
              ? Integer.MIN_VALUE + " to " + Integer.MAX_VALUE
              : Long.MIN_VALUE + " to " + Long.MAX_VALUE;
      if (in.peek() != JsonToken.NUMBER) {
        in.skipValue();
        throw invalidField(field, "must be a whole number (" + range + ").");
      }
      try {
        BigDecimal number = new BigDecimal(in.nextString());
        // Not a conditional expression: that would promote an Integer to a Long.
        if (isInt) {
          return type.cast(number.intValueExact());
        }
        return type.cast(number.longValueExact());
      } catch (NumberFormatException | ArithmeticException e) {
        throw invalidField(field, "must be a whole number (" + range + ").");
      }
    }
  }

  /** The member being read, as the client wrote it: "maxClicks", "widgetIds[2]". */
  private static String field(JsonReader in) {
    String path = in.getPath();
    return path.startsWith("$.") ? path.substring(2) : path;
  }

  private static InvalidJsonException invalidField(String field, String message) {
    return new InvalidJsonException("invalid_field", "Field '" + field + "' " + message);
  }
}
