package io.linkscope.collector.live;

import java.time.Duration;

/**
 * How the live streams behave.
 *
 * @param heartbeat how often an idle stream gets a comment line, so that proxies and clients see it
 *     alive (and a vanished client is noticed)
 * @param maxStreamsPerKey how many streams one API key may hold open at once
 * @param ringSize how many recent events are kept for resumes
 * @param ringAge how long an event is kept for resumes
 * @param queueLimit how many frames a stream may have waiting to be written before it is ended as
 *     too slow
 */
public record LiveOptions(
    Duration heartbeat, int maxStreamsPerKey, int ringSize, Duration ringAge, int queueLimit) {

  public static final LiveOptions DEFAULTS =
      new LiveOptions(Duration.ofSeconds(15), 5, 10_000, Duration.ofMinutes(5), 5_000);

  /** These options with another heartbeat interval, stream cap and queue limit. */
  public LiveOptions with(Duration heartbeat, int maxStreamsPerKey, int queueLimit) {
    return new LiveOptions(heartbeat, maxStreamsPerKey, ringSize, ringAge, queueLimit);
  }
}
