package io.linkscope.collector.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A receiver's verification written straight from the Standard Webhooks specification
 * (https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md),
 * apart from the collector's code: strip {@code whsec_}, base64-decode the key, HMAC-SHA256 {@code
 * id.timestamp.body}, and accept when any space-separated {@code v1,} signature matches in constant
 * time; a timestamp more than five minutes off is refused. No Java library of the specification is
 * published on Maven Central, so the tests check this one against the specification's test vector
 * first.
 */
final class StandardWebhooksVerifier {
  private static final long TOLERANCE_SECONDS = 5 * 60;
  private final byte[] key;

  StandardWebhooksVerifier(String secret) {
    String base64 = secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret;
    this.key = Base64.getDecoder().decode(base64);
  }

  /** Whether the headers sign the body, at {@code nowSeconds}. */
  boolean verify(String id, String timestamp, String signatures, byte[] body, long nowSeconds)
      throws Exception {
    long sent = Long.parseLong(timestamp);
    if (Math.abs(nowSeconds - sent) > TOLERANCE_SECONDS) {
      return false;
    }
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
    byte[] expected = mac.doFinal(body);
    for (String signature : signatures.split(" ")) {
      int comma = signature.indexOf(',');
      if (comma < 0 || !signature.substring(0, comma).equals("v1")) {
        continue;
      }
      byte[] given;
      try {
        given = Base64.getDecoder().decode(signature.substring(comma + 1));
      } catch (IllegalArgumentException e) {
        continue;
      }
      if (MessageDigest.isEqual(expected, given)) {
        return true;
      }
    }
    return false;
  }
}
