package io.linkscope.collector.webhook;

import java.time.Duration;

/**
 * How webhooks are delivered.
 *
 * @param allowPrivateTargets deliver to loopback, private and link-local addresses too (an operator
 *     whose receivers live in the same network; tests)
 * @param timeout the longest one POST may take, connecting included
 * @param firstRetry the delay before the second attempt; each further one doubles it (with jitter)
 * @param maxRetryDelay the longest delay between two attempts
 * @param retryFor how long an event is retried before it is given up
 * @param disableAfter how long an endpoint may fail without a success before it is disabled
 * @param secretGrace how long a rotated secret's predecessor still signs deliveries
 * @param retention how long events and the delivery log are kept for redelivery and replays
 * @param senders how many POSTs one collector has in flight at once
 * @param batchSize the most events in one POST to an endpoint that takes batches
 */
public record WebhookOptions(
    boolean allowPrivateTargets,
    Duration timeout,
    Duration firstRetry,
    Duration maxRetryDelay,
    Duration retryFor,
    Duration disableAfter,
    Duration secretGrace,
    Duration retention,
    int senders,
    int batchSize) {

  public static WebhookOptions defaults() {
    return new WebhookOptions(
        false,
        Duration.ofSeconds(10),
        Duration.ofSeconds(5),
        Duration.ofHours(1),
        Duration.ofHours(25),
        Duration.ofHours(24),
        Duration.ofHours(24),
        Duration.ofDays(30),
        32,
        100);
  }

  public WebhookOptions withAllowPrivateTargets(boolean allow) {
    return new WebhookOptions(
        allow,
        timeout,
        firstRetry,
        maxRetryDelay,
        retryFor,
        disableAfter,
        secretGrace,
        retention,
        senders,
        batchSize);
  }

  /** Other retry timings, e.g. seconds instead of hours in tests. */
  public WebhookOptions withRetries(
      Duration timeout,
      Duration firstRetry,
      Duration maxRetryDelay,
      Duration retryFor,
      Duration disableAfter) {
    return new WebhookOptions(
        allowPrivateTargets,
        timeout,
        firstRetry,
        maxRetryDelay,
        retryFor,
        disableAfter,
        secretGrace,
        retention,
        senders,
        batchSize);
  }

  /**
   * How long a claimed row stays with the sender that claimed it: a sender that dies meanwhile
   * leaves it to another (or the next start) after this.
   */
  Duration lease() {
    return timeout.multipliedBy(3).plusSeconds(5);
  }
}
