package io.linkscope.api.cluster;

import java.time.Instant;

/**
 * One collector process that serves the database, as it last reported itself.
 *
 * @param id the collector's id: stable across restarts of the same installation (its data
 *     directory), unique among the collectors of one database
 * @param host the host name the collector runs on, as it reported it
 * @param version the collector's build version
 * @param startedAt when this run of the collector started (UTC)
 * @param lastSeenAt the collector's latest heartbeat (UTC); a collector heartbeats every second
 * @param backlog clicks answered by this collector and kept in its journal, not yet in the database
 * @param lagSeconds age in seconds of the oldest click in its backlog (0 without backlog)
 * @param state {@code "up"} (heartbeat within 10 s), {@code "late"} (10 s to 60 s) or {@code
 *     "down"} (none for over 60 s, or stopped)
 * @param self true for the collector that answered this request
 */
public record CollectorView(
    String id,
    String host,
    String version,
    Instant startedAt,
    Instant lastSeenAt,
    long backlog,
    double lagSeconds,
    String state,
    boolean self) {

  /** Says whether this collector last reported itself as serving. */
  public boolean isUp() {
    return "up".equals(state);
  }
}
