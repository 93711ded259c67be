package io.linkscope.collector.click;

import java.net.InetAddress;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns an IP address into HMAC-SHA-256 under the server's secret: stable enough to count unique
 * visitors, useless for recovering the address without the key. This is the only form in which an
 * IP leaves the request.
 */
public final class IpHasher {
  private final SecretKeySpec key;
  private final ThreadLocal<Mac> macs;

  public IpHasher(byte[] secret) {
    if (secret.length < 32) {
      throw new IllegalArgumentException("the IP hashing secret must have at least 32 bytes");
    }
    this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    this.macs = ThreadLocal.withInitial(this::newMac);
  }

  public byte[] hash(InetAddress address) {
    Mac mac = macs.get();
    return mac.doFinal(address.getAddress());
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
