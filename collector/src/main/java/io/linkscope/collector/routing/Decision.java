package io.linkscope.collector.routing;

import org.jspecify.annotations.Nullable;

/**
 * Where a visit goes, as a route decided it.
 *
 * @param key the destination key recorded on the click ({@code rule:<id>}, {@code variant:<id>}),
 *     null for the link's own target
 * @param url where a {@link Kind#REDIRECT} sends the visit, null for the link's own target and for
 *     the other kinds
 */
public record Decision(Kind kind, @Nullable String key, @Nullable String url) {

  /** What the answer is. */
  public enum Kind {
    /** A redirect to {@link #url()}, or to the link's own target when that is null. */
    REDIRECT,
    /**
     * What the link answers when it is not active: its fallback URL, else its "not available" page.
     */
    FALLBACK,
    /** The 404 page. */
    NOT_FOUND
  }

  /** The link's own target. */
  public static final Decision TARGET = new Decision(Kind.REDIRECT, null, null);
}
