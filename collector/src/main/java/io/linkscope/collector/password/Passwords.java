package io.linkscope.collector.password;

import io.linkscope.collector.http.HttpError;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Link passwords hashed with Argon2id (Bouncy Castle), each with a random 16-byte salt, kept as a
 * PHC string ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}) so that the parameters travel with
 * the hash. The parameters are OWASP's first recommendation (19 MiB, 2 passes, one lane): one check
 * takes tens of milliseconds, so it runs on a worker thread, never on a selector thread.
 */
public final class Passwords {
  /** Memory in KiB, passes and lanes of new hashes. */
  static final int MEMORY_KIB = 19 * 1024;

  static final int ITERATIONS = 2;
  static final int PARALLELISM = 1;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;

  public static final int MIN_LENGTH = 4;
  public static final int MAX_LENGTH = 128;

  private static final Pattern PHC =
      Pattern.compile(
          "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,2}),p=(\\d{1,2})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64_DECODER = Base64.getDecoder();
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * Hashes running at once: each takes {@link #MEMORY_KIB} of memory and a core, so a crowd of
   * visitors typing passwords waits here instead of filling the heap.
   */
  private static final Semaphore RUNNING =
      new Semaphore(Math.max(2, Runtime.getRuntime().availableProcessors()), true);

  private Passwords() {}

  /**
   * The password as given, if it may be one: {@value #MIN_LENGTH} to {@value #MAX_LENGTH}
   * characters, no control characters. Spaces count (a passphrase).
   *
   * @throws HttpError 400 naming the field otherwise
   */
  public static String acceptable(String password) {
    int length = password.codePointCount(0, password.length());
    if (length < MIN_LENGTH || length > MAX_LENGTH) {
      throw HttpError.invalidField(
          "password",
          "must be "
              + MIN_LENGTH
              + " to "
              + MAX_LENGTH
              + " characters long (JSON null removes the password).");
    }
    if (password.chars().anyMatch(Character::isISOControl)) {
      throw HttpError.invalidField("password", "must not contain control characters.");
    }
    return password;
  }

  /** A new salted hash of {@code password}. */
  public static String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    byte[] hash = argon2(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES);
    return "$argon2id$v=19$m="
        + MEMORY_KIB
        + ",t="
        + ITERATIONS
        + ",p="
        + PARALLELISM
        + "$"
        + B64.encodeToString(salt)
        + "$"
        + B64.encodeToString(hash);
  }

  /** Whether {@code password} is the one {@code phc} was made from; false for a malformed hash. */
  public static boolean verify(String password, String phc) {
    Matcher m = PHC.matcher(phc);
    if (!m.matches()) {
      return false;
    }
    byte[] salt = B64_DECODER.decode(m.group(4));
    byte[] expected = B64_DECODER.decode(m.group(5));
    byte[] actual =
        argon2(
            password,
            salt,
            Integer.parseInt(m.group(1)),
            Integer.parseInt(m.group(2)),
            Integer.parseInt(m.group(3)),
            expected.length);
    return MessageDigest.isEqual(expected, actual);
  }

  private static byte[] argon2(
      String password, byte[] salt, int memoryKib, int iterations, int lanes, int length) {
    RUNNING.acquireUninterruptibly();
    try {
      return argon2Now(password, salt, memoryKib, iterations, lanes, length);
    } finally {
      RUNNING.release();
    }
  }

  private static byte[] argon2Now(
      String password, byte[] salt, int memoryKib, int iterations, int lanes, int length) {
    Argon2Parameters parameters =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(memoryKib)
            .withIterations(iterations)
            .withParallelism(lanes)
            .withSalt(salt)
            .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(parameters);
    byte[] out = new byte[length];
    generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
    return out;
  }
}
