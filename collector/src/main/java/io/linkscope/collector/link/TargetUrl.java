package io.linkscope.collector.link;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A link's target URL taken apart once, when the link is loaded, so that a redirect only merges:
 * where a visitor's query goes into it, and which UTM tags it carries for clicks whose visitor
 * brings none.
 *
 * <p>Parameters keep their encoding as written; they are compared by their decoded names.
 */
public final class TargetUrl {
  private final String url;
  private final String base;
  private final List<Parameter> parameters;
  private final String fragment;
  private final String utmQuery;

  /** One {@code name=value} (or bare {@code name}) of a query as written, with its decoded name. */
  private record Parameter(String raw, String name) {
    static List<Parameter> parse(String query) {
      List<Parameter> parameters = new ArrayList<>();
      int start = 0;
      while (start <= query.length()) {
        int end = query.indexOf('&', start);
        if (end < 0) {
          end = query.length();
        }
        if (end > start) {
          String raw = query.substring(start, end);
          int equals = raw.indexOf('=');
          parameters.add(new Parameter(raw, decode(equals < 0 ? raw : raw.substring(0, equals))));
        }
        start = end + 1;
      }
      return parameters;
    }

    /** Form decoding; a malformed escape leaves the name as written, it is only compared. */
    private static String decode(String name) {
      try {
        return URLDecoder.decode(name, StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return name;
      }
    }
  }

  private TargetUrl(String url) {
    this.url = url;
    int hash = url.indexOf('#');
    String withoutFragment = hash < 0 ? url : url.substring(0, hash);
    this.fragment = hash < 0 ? "" : url.substring(hash);
    int question = withoutFragment.indexOf('?');
    this.base = question < 0 ? withoutFragment : withoutFragment.substring(0, question);
    this.parameters =
        question < 0 ? List.of() : Parameter.parse(withoutFragment.substring(question + 1));
    List<String> utm = new ArrayList<>();
    for (Parameter parameter : parameters) {
      if (parameter.name().toLowerCase(Locale.ROOT).startsWith("utm_")) {
        utm.add(parameter.raw());
      }
    }
    this.utmQuery = String.join("&", utm);
  }

  public static TargetUrl of(String url) {
    return new TargetUrl(url);
  }

  /** The target as stored. */
  public String url() {
    return url;
  }

  /** The target's {@code utm_*} parameters as a query string as written, or {@code ""}. */
  public String utmQuery() {
    return utmQuery;
  }

  /**
   * The target with a visitor's query merged into its own: a parameter the visitor gives replaces
   * every one of that name in the target, in the place of the first (all of the visitor's values,
   * in their order); the visitor's other parameters follow the target's; the fragment stays last.
   */
  public String withQuery(String visitorQuery) {
    if (visitorQuery.isEmpty()) {
      return url;
    }
    List<Parameter> given = Parameter.parse(visitorQuery);
    if (given.isEmpty()) {
      return url;
    }
    Map<String, List<String>> byName = new HashMap<>();
    for (Parameter parameter : given) {
      byName.computeIfAbsent(parameter.name(), name -> new ArrayList<>()).add(parameter.raw());
    }
    List<String> merged = new ArrayList<>(parameters.size() + given.size());
    Set<String> placed = new HashSet<>();
    for (Parameter parameter : parameters) {
      List<String> replacement = byName.get(parameter.name());
      if (replacement == null) {
        merged.add(parameter.raw());
      } else if (placed.add(parameter.name())) {
        merged.addAll(replacement);
      }
    }
    for (Parameter parameter : given) {
      if (!placed.contains(parameter.name())) {
        merged.add(parameter.raw());
      }
    }
    return base + "?" + String.join("&", merged) + fragment;
  }
}
