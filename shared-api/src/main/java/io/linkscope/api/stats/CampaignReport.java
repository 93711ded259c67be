package io.linkscope.api.stats;

import java.util.List;

/** The links sharing a tag side by side over a range, busiest first, with the tag's totals. */
public record CampaignReport(String tag, Totals total, List<CampaignLink> links) {

  /** One link of the campaign; {@code share} is its part of the campaign's clicks (0..1). */
  public record CampaignLink(
      long linkId, String slug, String title, long clicks, long uniques, double share) {}
}
