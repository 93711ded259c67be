package io.linkscope.collector.click;

import java.net.InetAddress;

/**
 * Turns an IP address into HMAC-SHA-256 under its workspace's key of the day ({@link DayKeys}): the
 * same visitor hashes alike within a UTC day and a workspace, which is what unique visitors need,
 * and differently on any other day or in any other workspace. This is the only form in which an IP
 * leaves the request.
 */
public final class IpHasher {
  private final DayKeys keys;

  public IpHasher(DayKeys keys) {
    this.keys = keys;
  }

  /** The hash of {@code address} for a visit of {@code workspaceId} at {@code epochMillis}. */
  byte[] hash(long workspaceId, long epochMillis, InetAddress address) {
    return keys.key(workspaceId, epochMillis).hash(address.getAddress());
  }
}
