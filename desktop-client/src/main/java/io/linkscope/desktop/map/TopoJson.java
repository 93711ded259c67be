package io.linkscope.desktop.map;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.neovisionaries.i18n.CountryCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the countries of a world-atlas TopoJSON file: quantized, delta-encoded arcs shared
 * between neighbours, stitched into rings (a negative arc index ~i means arc i reversed).
 */
public final class TopoJson {
  private static final String ANTARCTICA = "010";

  private TopoJson() {}

  /** The shipped Natural Earth 1:110m countries (world-atlas, ISC licence). */
  public static List<CountryShape> worldCountries() {
    try (InputStream in = TopoJson.class.getResourceAsStream("countries-110m.json")) {
      if (in == null) {
        throw new IllegalStateException("countries-110m.json is missing from the app");
      }
      return countries(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every country of the "countries" object except Antarctica, which only wastes map space. */
  public static List<CountryShape> countries(InputStream topoJson) {
    JsonObject root =
        JsonParser.parseReader(new InputStreamReader(topoJson, StandardCharsets.UTF_8))
            .getAsJsonObject();
    JsonObject transform = root.getAsJsonObject("transform");
    double scaleX = transform.getAsJsonArray("scale").get(0).getAsDouble();
    double scaleY = transform.getAsJsonArray("scale").get(1).getAsDouble();
    double translateX = transform.getAsJsonArray("translate").get(0).getAsDouble();
    double translateY = transform.getAsJsonArray("translate").get(1).getAsDouble();
    List<double[]> arcs = new ArrayList<>();
    for (JsonElement arc : root.getAsJsonArray("arcs")) {
      JsonArray points = arc.getAsJsonArray();
      double[] decoded = new double[points.size() * 2];
      long x = 0;
      long y = 0;
      for (int i = 0; i < points.size(); i++) {
        JsonArray point = points.get(i).getAsJsonArray();
        x += point.get(0).getAsLong();
        y += point.get(1).getAsLong();
        decoded[2 * i] = x * scaleX + translateX;
        decoded[2 * i + 1] = y * scaleY + translateY;
      }
      arcs.add(decoded);
    }
    List<CountryShape> countries = new ArrayList<>();
    JsonArray geometries =
        root.getAsJsonObject("objects").getAsJsonObject("countries").getAsJsonArray("geometries");
    for (JsonElement element : geometries) {
      JsonObject geometry = element.getAsJsonObject();
      String id = geometry.has("id") ? geometry.get("id").getAsString() : "";
      if (id.equals(ANTARCTICA) || !geometry.has("arcs")) {
        continue;
      }
      String name = geometry.getAsJsonObject("properties").get("name").getAsString();
      List<double[]> rings = new ArrayList<>();
      JsonArray polygons = geometry.getAsJsonArray("arcs");
      if (geometry.get("type").getAsString().equals("Polygon")) {
        addPolygon(polygons, arcs, rings);
      } else {
        for (JsonElement polygon : polygons) {
          addPolygon(polygon.getAsJsonArray(), arcs, rings);
        }
      }
      countries.add(new CountryShape(alpha2(id), name, List.copyOf(rings)));
    }
    return List.copyOf(countries);
  }

  private static String alpha2(String numericId) {
    if (!numericId.matches("\\d+")) {
      return "";
    }
    CountryCode code = CountryCode.getByCode(Integer.parseInt(numericId));
    return code == null ? "" : code.getAlpha2();
  }

  private static void addPolygon(JsonArray polygon, List<double[]> arcs, List<double[]> rings) {
    for (JsonElement ring : polygon) {
      rings.add(unwrap(stitch(ring.getAsJsonArray(), arcs)));
    }
  }

  private static double[] stitch(JsonArray arcIndexes, List<double[]> arcs) {
    List<Double> points = new ArrayList<>();
    for (JsonElement element : arcIndexes) {
      int index = element.getAsInt();
      double[] arc = arcs.get(index < 0 ? ~index : index);
      int count = arc.length / 2;
      // Consecutive arcs share their joining point: skip it on all but the first arc.
      int start = points.isEmpty() ? 0 : 1;
      for (int i = start; i < count; i++) {
        int at = index < 0 ? count - 1 - i : i;
        points.add(arc[2 * at]);
        points.add(arc[2 * at + 1]);
      }
    }
    double[] ring = new double[points.size()];
    for (int i = 0; i < ring.length; i++) {
      ring[i] = points.get(i);
    }
    return ring;
  }

  /** Keeps consecutive longitudes less than 180° apart (Russia and Fiji cross the antimeridian). */
  static double[] unwrap(double[] ring) {
    for (int i = 2; i < ring.length; i += 2) {
      double step = ring[i] - ring[i - 2];
      if (step > 180) {
        ring[i] -= 360;
      } else if (step < -180) {
        ring[i] += 360;
      }
    }
    return ring;
  }
}
