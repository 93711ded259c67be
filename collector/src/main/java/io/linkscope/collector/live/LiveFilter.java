package io.linkscope.collector.live;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which events one stream carries: those of its workspace, and when links are named (by id or by a
 * tag, resolved when the stream opens) only those of these links.
 *
 * @param links the links wanted, or null for every event of the workspace
 */
record LiveFilter(long workspaceId, @Nullable Set<Long> links) {

  boolean matches(long workspaceId, long linkId) {
    return this.workspaceId == workspaceId && (links == null || links.contains(linkId));
  }
}
