package io.linkscope.collector.click;

import io.linkscope.collector.enrich.DeviceInfo;
import io.linkscope.collector.enrich.UserAgentEnricher;

/**
 * Whether a visit is tracked at all, and whether it counts as a human's. All of the policy is here:
 * HEAD requests (link checkers, prefetchers) and excluded address ranges are not tracked. Bots are
 * tracked with a flag and left out of counts by the statistics, so that nothing about them is lost.
 */
public final class TrackingPolicy {
  private final IpRanges excluded;
  private final UserAgentEnricher userAgents;

  public TrackingPolicy(IpRanges excluded, UserAgentEnricher userAgents) {
    this.excluded = excluded;
    this.userAgents = userAgents;
  }

  /**
   * Whether the visit is tracked and counted in statistics (and against a link's click limit): a
   * tracked visit whose User-Agent is not a bot's, judged exactly as the statistics judge it.
   */
  public boolean countsAsHuman(String method, Visitor visitor) {
    return shouldTrack(method, visitor) && !userAgents.parse(visitor.userAgent()).bot();
  }

  /** The visit's device, from the shared User-Agent cache the pipeline reads too. */
  public DeviceInfo device(Visitor visitor) {
    return userAgents.parse(visitor.userAgent());
  }

  boolean shouldTrack(String method, Visitor visitor) {
    if (!"GET".equals(method) && !"POST".equals(method)) {
      return false;
    }
    if (visitor.address() != null && excluded.contains(visitor.address())) {
      return false;
    }
    return true;
  }
}
