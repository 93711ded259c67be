package io.linkscope.api.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Which events a live stream carries: all of the workspace's, or those of some links, or of the
 * links with a tag (both given: either matches).
 */
public record LiveQuery(Set<Long> links, @Nullable String tag) {
  public static final LiveQuery ALL = new LiveQuery(Set.of(), null);

  public LiveQuery {
    links = Set.copyOf(links);
  }

  /** The query parameters of {@code GET /api/v1/live}, in order. */
  public List<String[]> parameters() {
    List<String[]> params = new ArrayList<>();
    if (!links.isEmpty()) {
      params.add(
          new String[] {
            "link", links.stream().sorted().map(String::valueOf).collect(Collectors.joining(","))
          });
    }
    if (tag != null && !tag.isEmpty()) {
      params.add(new String[] {"tag", tag});
    }
    return params;
  }
}
