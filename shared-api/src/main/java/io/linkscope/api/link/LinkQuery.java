package io.linkscope.api.link;

import org.jspecify.annotations.Nullable;

/**
 * Paging, search and filter parameters of a link listing.
 *
 * @param search matched against slug, title and target URL (may be null)
 * @param tag only links carrying this tag (may be null)
 * @param sort one of {@code created}, {@code -created}, {@code slug}, {@code -slug}, {@code
 *     clicks}, {@code -clicks}, {@code title}, {@code -title}
 */
public record LinkQuery(
    @Nullable String search, @Nullable String tag, @Nullable String sort, int offset, int limit) {
  public static LinkQuery firstPage() {
    return new LinkQuery(null, null, null, 0, 50);
  }
}
