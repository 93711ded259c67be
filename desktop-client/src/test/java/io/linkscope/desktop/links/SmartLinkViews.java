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
    return new LinkView(
        l.id(),
        l.slug(),
        l.domain(),
        l.shortUrl(),
        l.targetUrl(),
        l.title(),
        l.notes(),
        l.tags(),
        l.redirectType(),
        l.validFrom(),
        l.validUntil(),
        l.maxClicks(),
        l.fallbackUrl(),
        l.forwardQuery(),
        l.totalClicks(),
        l.createdAt(),
        l.updatedAt(),
        passwordProtected,
        null,
        clickIdParam,
        rules,
        variants);
  }

  /** A split of two unnamed variants, half and half, not saved yet. */
  static java.util.List<io.linkscope.api.routing.Variant> twoVariants() {
    return java.util.List.of(
        new io.linkscope.api.routing.Variant(null, "https://shop.example.com/a", 50, null),
        new io.linkscope.api.routing.Variant(null, "https://shop.example.com/b", 50, null));
  }
}
