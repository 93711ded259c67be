package io.linkscope.collector.routing;

import io.linkscope.api.Json;
import io.linkscope.api.routing.RoutingRule;
import io.linkscope.api.routing.Variant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A link's rules and variants as validated and stored (one JSON column of the link), every rule and
 * variant with its id. {@code nextId} is the id the next new rule or variant gets, so that an id is
 * never given twice on a link and a deleted rule's clicks are never counted for a new one.
 */
public record Routing(List<RoutingRule> rules, List<Variant> variants, long nextId) {

  public static final Routing NONE = new Routing(List.of(), List.of(), 1);

  @SuppressWarnings("NullAway") // Gson may hand in null lists from hand-edited rows
  public Routing {
    rules = rules == null ? List.of() : List.copyOf(rules);
    variants = variants == null ? List.of() : List.copyOf(variants);
  }

  /** Whether the link routes every visit to its own target. */
  public boolean isEmpty() {
    return rules.isEmpty() && variants.isEmpty();
  }

  /** The stored form; null for no routing, so that plain links keep an empty column. */
  public @Nullable String toJson() {
    return isEmpty() && nextId == 1 ? null : Json.gson().toJson(this);
  }

  /** Reads the stored form; null or blank is no routing. */
  public static Routing fromJson(@Nullable String json) {
    if (json == null || json.isBlank()) {
      return NONE;
    }
    Routing stored = Json.gson().fromJson(json, Routing.class);
    return new Routing(stored.rules(), stored.variants(), Math.max(1, stored.nextId()));
  }

  /** The destination key of a rule, as recorded on its clicks: {@code rule:<id>}. */
  public static String ruleKey(long id) {
    return "rule:" + id;
  }

  /** The destination key of a variant, as recorded on its clicks: {@code variant:<id>}. */
  public static String variantKey(long id) {
    return "variant:" + id;
  }
}
