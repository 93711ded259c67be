package io.linkscope.collector.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Signing secrets and signatures of the Standard Webhooks specification: a secret is {@code whsec_}
 * and the base64 of its key; a signature is {@code v1,} and the base64 of the HMAC-SHA256 of {@code
 * <webhook-id>.<webhook-timestamp>.<body>} under that key.
 */
final class Signatures {
  static final String PREFIX = "whsec_";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Signatures() {}

  /** A new secret of 24 random bytes. */
  static String newSecret() {
    byte[] key = new byte[24];
    RANDOM.nextBytes(key);
    return PREFIX + Base64.getEncoder().encodeToString(key);
  }

  /** {@code v1,<base64 signature>} of one message under {@code secret}. */
  static String sign(String secret, String id, long timestampSeconds, byte[] body) {
    byte[] key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update((id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
      return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /**
   * The {@code webhook-signature} header: the signature under the current secret and, while it is
   * still valid, under the previous one, separated by a space.
   */
  static String header(
      String secret, @Nullable String previous, String id, long timestampSeconds, byte[] body) {
    String current = sign(secret, id, timestampSeconds, body);
    return previous == null ? current : current + " " + sign(previous, id, timestampSeconds, body);
  }
}
