package io.linkscope.collector.password;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.collector.testsupport.SettableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The password tries per (visitor, link): limited, and the memory they take bounded whatever an
 * attack with many visitor hashes sends.
 */
class UnlockAttemptsTest {
  private final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T10:00:00Z"));

  @Test
  void aVisitorHasFiveTriesPerLinkRefilledAfterTheWindow() {
    UnlockAttempts attempts = new UnlockAttempts(clock);
    for (int i = 0; i < UnlockAttempts.ATTEMPTS; i++) {
      assertThat(attempts.tryAttempt("visitor-a/1")).isZero();
    }
    Duration wait = attempts.tryAttempt("visitor-a/1");
    assertThat(wait).isPositive().isLessThanOrEqualTo(UnlockAttempts.WINDOW);
    assertThat(attempts.tryAttempt("visitor-a/2")).as("another link").isZero();
    assertThat(attempts.tryAttempt("visitor-b/1")).as("another visitor").isZero();

    clock.set(clock.instant().plus(UnlockAttempts.WINDOW));
    assertThat(attempts.tryAttempt("visitor-a/1")).isZero();
  }

  @Test
  void aFloodOfVisitorHashesStaysWithinTheBound() {
    UnlockAttempts attempts = new UnlockAttempts(clock, 1_000);
    for (int i = 0; i < 200_000; i++) {
      assertThat(attempts.tryAttempt("flood-" + i + "/7")).as("a new visitor's first try").isZero();
      if (i % 20_000 == 0) {
        assertThat(attempts.buckets()).as("after %d visitors", i + 1).isLessThanOrEqualTo(1_000);
      }
    }
    assertThat(attempts.buckets()).isLessThanOrEqualTo(1_000);
    // A visitor throttled among fewer visitors than the bound stays throttled.
    for (int i = 0; i < UnlockAttempts.ATTEMPTS; i++) {
      attempts.tryAttempt("attacker/7");
    }
    for (int i = 0; i < 500; i++) {
      attempts.tryAttempt("crowd-" + i + "/7");
    }
    assertThat(attempts.tryAttempt("attacker/7")).isPositive();
  }

  @Test
  void idleBucketsAreForgottenAfterAnHourOfTheCollectorsClock() {
    UnlockAttempts attempts = new UnlockAttempts(clock, 1_000);
    for (int i = 0; i < 500; i++) {
      attempts.tryAttempt("visitor-" + i + "/1");
    }
    assertThat(attempts.buckets()).isEqualTo(500);
    clock.set(clock.instant().plus(UnlockAttempts.IDLE).minusSeconds(1));
    attempts.tryAttempt("visitor-0/1");
    clock.set(clock.instant().plusSeconds(2));
    assertThat(attempts.buckets()).as("only the bucket used since").isEqualTo(1);
  }
}
