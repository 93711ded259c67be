package io.linkscope.desktop.links;

import io.linkscope.api.link.LinkView;
import io.linkscope.api.routing.RoutingRule;
import io.linkscope.api.routing.Variant;
import java.util.List;

/** Copies of a stored link with smart-link fields of a test's choosing. */
final class SmartLinkViews {
  private SmartLinkViews() {}

  static LinkView with(
      LinkView l,
      boolean passwordProtected,
      String clickIdParam,
      List<RoutingRule> rules,
      List<Variant> variants) {
    return l.toBuilder()
        .passwordProtected(passwordProtected)
        .deepLinks(null)
        .clickIdParam(clickIdParam)
        .rules(rules)
        .variants(variants)
        .experimentEndsAt(null)
        .promotedVariantId(null)
        .importedClicks(0)
        .build();
  }

  /** A split of two unnamed variants, half and half, not saved yet. */
  static java.util.List<io.linkscope.api.routing.Variant> twoVariants() {
    return java.util.List.of(
        new io.linkscope.api.routing.Variant(null, "https://shop.example.com/a", 50, null),
        new io.linkscope.api.routing.Variant(null, "https://shop.example.com/b", 50, null));
  }
}
