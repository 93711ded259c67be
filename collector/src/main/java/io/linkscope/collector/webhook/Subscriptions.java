package io.linkscope.collector.webhook;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The endpoints events are kept for, by workspace, in memory: what the click pipeline asks of every
 * batch, so a collector without subscribed endpoints writes nothing more. Replaced whole when an
 * endpoint changes here and every few seconds (for changes made through another collector).
 */
final class Subscriptions {
  static final Subscriptions NONE = new Subscriptions(List.of());

  private final Map<Long, List<Endpoint>> byWorkspace = new HashMap<>();
  private final Map<Long, Endpoint> byId = new HashMap<>();

  Subscriptions(List<Endpoint> endpoints) {
    for (Endpoint endpoint : endpoints) {
      if (endpoint.receives()) {
        byWorkspace.computeIfAbsent(endpoint.workspaceId(), _ -> new ArrayList<>()).add(endpoint);
      }
      byId.put(endpoint.id(), endpoint);
    }
  }

  /** Whether some endpoint of the workspace takes events of {@code type}. */
  boolean any(long workspaceId, String type) {
    for (Endpoint endpoint : byWorkspace.getOrDefault(workspaceId, List.of())) {
      if (endpoint.events().contains(type)) {
        return true;
      }
    }
    return false;
  }

  /** Whether some endpoint of the workspace that takes {@code type} filters by tags. */
  boolean anyByTag(long workspaceId, String type) {
    for (Endpoint endpoint : byWorkspace.getOrDefault(workspaceId, List.of())) {
      if (endpoint.events().contains(type) && !endpoint.tags().isEmpty()) {
        return true;
      }
    }
    return false;
  }

  List<Endpoint> matching(long workspaceId, String type, long linkId, List<String> tags) {
    List<Endpoint> matching = new ArrayList<>(2);
    for (Endpoint endpoint : byWorkspace.getOrDefault(workspaceId, List.of())) {
      if (endpoint.wants(type, linkId, tags)) {
        matching.add(endpoint);
      }
    }
    return matching;
  }

  /** An endpoint events are sent to, as last loaded. */
  Optional<Endpoint> endpoint(long id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** The ids of the endpoints deliveries go to now (enabled). */
  List<Long> enabledIds() {
    List<Long> ids = new ArrayList<>();
    for (Endpoint endpoint : byId.values()) {
      if (endpoint.enabled()) {
        ids.add(endpoint.id());
      }
    }
    return ids;
  }
}
