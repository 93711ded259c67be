package io.linkscope.api.stats;

import java.time.Instant;
import java.util.List;

/** Visits to unknown slugs of a workspace's domains over a range, most visited paths first. */
public record Orphans(long total, List<OrphanPath> paths) {

  /** One unknown path with its visits and the last one. */
  public record OrphanPath(String path, long visits, Instant lastVisit) {}
}
