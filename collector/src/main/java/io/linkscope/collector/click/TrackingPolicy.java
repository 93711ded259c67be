package io.linkscope.collector.click;

/**
 * Whether a visit is tracked at all. All of the policy is here: HEAD requests (link checkers,
 * prefetchers) and excluded address ranges are not tracked. Bots are tracked with a flag and left
 * out of counts by the statistics, so that nothing about them is lost.
 */
public final class TrackingPolicy {
  private final IpRanges excluded;

  public TrackingPolicy(IpRanges excluded) {
    this.excluded = excluded;
  }

  public boolean shouldTrack(String method, Visitor visitor) {
    if (!"GET".equals(method) && !"POST".equals(method)) {
      return false;
    }
    if (visitor.address() != null && excluded.contains(visitor.address())) {
      return false;
    }
    return true;
  }
}
