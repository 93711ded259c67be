package io.linkscope.collector.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkscope.collector.http.HttpError;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;

/** Link passwords are Argon2id hashes: salted, slow, checked against a reference computation. */
class PasswordsTest {

  @Test
  void theSamePasswordHashesDifferentlyEachTimeAndBothVerify() {
    String first = Passwords.hash("open sesame");
    String second = Passwords.hash("open sesame");
    assertThat(first).isNotEqualTo(second).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    assertThat(salt(first)).isNotEqualTo(salt(second)).hasSize(16);
    assertThat(Passwords.verify("open sesame", first)).isTrue();
    assertThat(Passwords.verify("open sesame", second)).isTrue();
    assertThat(Passwords.verify("open sesamE", first)).isFalse();
    assertThat(Passwords.verify("", first)).isFalse();
    assertThat(first).doesNotContain("sesame");
  }

  @Test
  void theHashIsArgon2idWithTheStatedParameters() {
    String phc = Passwords.hash("correct horse");
    String[] parts = phc.split("\\$");
    byte[] salt = Base64.getDecoder().decode(parts[4]);
    byte[] stored = Base64.getDecoder().decode(parts[5]);
    Argon2BytesGenerator reference = new Argon2BytesGenerator();
    reference.init(
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(19 * 1024)
            .withIterations(2)
            .withParallelism(1)
            .withSalt(salt)
            .build());
    byte[] expected = new byte[32];
    reference.generateBytes(
        "correct horse".getBytes(java.nio.charset.StandardCharsets.UTF_8), expected);
    assertThat(stored).isEqualTo(expected);
  }

  @Test
  void checkingAPasswordIsSlow() {
    String phc = Passwords.hash("warm up");
    long start = System.nanoTime();
    for (int i = 0; i < 3; i++) {
      Passwords.verify("guess " + i, phc);
    }
    long millisEach = (System.nanoTime() - start) / 3 / 1_000_000;
    // 19 MiB filled twice per try: far from the microseconds of a fast hash.
    assertThat(millisEach).isGreaterThanOrEqualTo(10);
  }

  @Test
  void malformedHashesNeverVerify() {
    assertThat(Passwords.verify("x", "")).isFalse();
    assertThat(Passwords.verify("x", "$2a$10$abcdefghijklmnopqrstuv")).isFalse();
    assertThat(Passwords.verify("x", "$argon2i$v=19$m=16,t=1,p=1$c2FsdHNhbHQ$aGFzaA")).isFalse();
  }

  @Test
  void refusesPasswordsTooShortTooLongOrWithControlCharacters() {
    assertThat(Passwords.acceptable("abcd")).isEqualTo("abcd");
    assertThat(Passwords.acceptable("x".repeat(128))).hasSize(128);
    assertThatThrownBy(() -> Passwords.acceptable("abc"))
        .isInstanceOf(HttpError.class)
        .hasMessageContaining("password")
        .hasMessageContaining("4 to 128");
    assertThatThrownBy(() -> Passwords.acceptable("x".repeat(129))).isInstanceOf(HttpError.class);
    assertThatThrownBy(() -> Passwords.acceptable("abc\u0000d"))
        .isInstanceOf(HttpError.class)
        .hasMessageContaining("control characters");
  }

  private static byte[] salt(String phc) {
    return Base64.getDecoder().decode(phc.split("\\$")[4]);
  }
}
