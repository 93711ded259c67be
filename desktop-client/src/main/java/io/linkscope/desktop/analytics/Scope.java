package io.linkscope.desktop.analytics;

import org.jspecify.annotations.Nullable;

/**
 * What numbers are about: the whole workspace, or one link or bio page. {@code kind} is the rollup
 * kind: "click" for links, "view" for page views, "tap" for widget taps.
 */
public record Scope(String scope, @Nullable Long scopeId, String kind) {
  public static Scope workspaceClicks() {
    return new Scope("link", null, "click");
  }

  public static Scope workspaceViews() {
    return new Scope("page", null, "view");
  }

  public static Scope link(long id) {
    return new Scope("link", id, "click");
  }

  public boolean isWorkspace() {
    return scopeId == null;
  }
}
