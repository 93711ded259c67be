package io.linkscope.collector.routing;

import io.linkscope.api.Json;
import io.linkscope.api.routing.RoutingRule;
import io.linkscope.api.routing.Variant;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A link's rules and variants as validated and stored (one JSON column of the link), every rule and
 * variant with its id. {@code nextId} is the id the next new rule or variant gets, so that an id is
 * never given twice on a link and a deleted rule's clicks are never counted for a new one.
 *
 * <p>{@code endsAt} is when the split ends (decision 0019); {@code promotedVariantId} the variant
 * it ended with, whose URL became the link's target: the split no longer runs, its variants stay
 * for their statistics' names.
 */
public record Routing(
    List<RoutingRule> rules,
    List<Variant> variants,
    long nextId,
    @Nullable Instant endsAt,
    @Nullable Long promotedVariantId) {

  public static final Routing NONE = new Routing(List.of(), List.of(), 1);

  /** Routing whose split has no end date. */
  public Routing(List<RoutingRule> rules, List<Variant> variants, long nextId) {
    this(rules, variants, nextId, null, null);
  }

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
    return new Routing(
        stored.rules(),
        stored.variants(),
        Math.max(1, stored.nextId()),
        stored.endsAt(),
        stored.promotedVariantId());
  }

  /** Whether visits are split between the variants: there are some and none was promoted. */
  public boolean splits() {
    return !variants.isEmpty() && promotedVariantId == null;
  }

  /** Whether the split is over at {@code now}: a variant was promoted or its end date passed. */
  public boolean ended(Instant now) {
    return !variants.isEmpty()
        && (promotedVariantId != null || (endsAt != null && !now.isBefore(endsAt)));
  }

  /** The end date of a split still running, which a variant is to be promoted at; else null. */
  public @Nullable Instant pendingEnd() {
    return splits() ? endsAt : null;
  }

  /** The variant of this id. */
  public Optional<Variant> variant(long id) {
    return variants.stream().filter(v -> v.id() != null && v.id() == id).findFirst();
  }

  /** The same rules and variants with another end date and promoted variant. */
  public Routing withEnd(@Nullable Instant newEndsAt, @Nullable Long newPromotedVariantId) {
    return new Routing(rules, variants, nextId, newEndsAt, newPromotedVariantId);
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
