package io.linkscope.collector.stats;

import java.util.List;

/**
 * What a statistics query counts: one link, the links of a tag, one bio page, or a workspace.
 *
 * @param scope {@link Scope#LINK} for a link or a tag (several ids), {@link Scope#PAGE}, or {@link
 *     Scope#WORKSPACE} (ids = the workspace id)
 */
public record Target(Scope scope, List<Long> ids, long workspaceId) {
  static Target link(long workspaceId, long linkId) {
    return new Target(Scope.LINK, List.of(linkId), workspaceId);
  }

  static Target links(long workspaceId, List<Long> linkIds) {
    return new Target(Scope.LINK, List.copyOf(linkIds), workspaceId);
  }

  static Target page(long workspaceId, long pageId) {
    return new Target(Scope.PAGE, List.of(pageId), workspaceId);
  }

  static Target workspace(long workspaceId) {
    return new Target(Scope.WORKSPACE, List.of(workspaceId), workspaceId);
  }
}
