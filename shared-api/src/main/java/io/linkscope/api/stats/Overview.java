package io.linkscope.api.stats;

import java.util.List;

/** The dashboard of a workspace over a range. */
public record Overview(
    Summary clicks,
    Summary pageViews,
    Series trend,
    List<TopLink> topLinks,
    Breakdown topCountries,
    Breakdown topSources) {

  /** A link with its clicks in the range. */
  public record TopLink(long linkId, String slug, String title, long clicks, long uniques) {}
}
