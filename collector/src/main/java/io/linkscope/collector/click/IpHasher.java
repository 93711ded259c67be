package io.linkscope.collector.click;

import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;

/**
 * Turns an IP address into HMAC-SHA-256 under its workspace's key of the day ({@link DayKeys}): the
 * same visitor hashes alike within a UTC day and a workspace, which is what unique visitors need,
 * and differently on any other day or in any other workspace. This is the only form in which an IP
 * leaves the request.
 */
public final class IpHasher {
  private final DayKeys keys;
  private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(IpHasher::newMac);

  public IpHasher(DayKeys keys) {
    this.keys = keys;
  }

  /** The hash of {@code address} for a visit of {@code workspaceId} at {@code epochMillis}. */
  public byte[] hash(long workspaceId, long epochMillis, InetAddress address) {
    Mac mac = macs.get();
    try {
      mac.init(keys.key(workspaceId, epochMillis));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("a 32-byte HMAC key is always valid", e);
    }
    return mac.doFinal(address.getAddress());
  }

  private static Mac newMac() {
    try {
      return Mac.getInstance("HmacSHA256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
