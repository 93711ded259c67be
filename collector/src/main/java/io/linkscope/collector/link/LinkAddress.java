package io.linkscope.collector.link;

/** Where a link answers: its domain (empty for the collector's default one) and its slug. */
public record LinkAddress(String domain, String slug) {
  public static LinkAddress of(Link link) {
    return new LinkAddress(link.domain(), link.slug());
  }
}
