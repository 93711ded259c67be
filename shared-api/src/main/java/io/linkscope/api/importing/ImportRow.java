package io.linkscope.api.importing;

import org.jspecify.annotations.Nullable;

/**
 * What became of one row (CSV) or element (JSON) of an imported file, or would become of it in a
 * dry run.
 *
 * @param line the row's line in a CSV file (the header is line 1), or the element's position (1 for
 *     the first) in a JSON file
 * @param status {@code created}, {@code updated} (an existing link overwritten), {@code renamed}
 *     (created under another slug, see {@code slug}), {@code unchanged} (the same link is already
 *     there, so re-running an import changes nothing), {@code conflict} (the slug is taken and the
 *     policy is skip, or another workspace has it) or {@code invalid} (see {@code reason})
 * @param slug the slug the link has (or would have) here; for a renamed row the new one
 * @param domain the link's domain here, empty for the collector's default domain
 * @param targetUrl the destination read from the row
 * @param linkId the link created, updated or already there; null in a dry run for new links, and
 *     for conflicts and invalid rows
 * @param reason why a row is invalid or in conflict, else null
 */
public record ImportRow(
    int line,
    String status,
    @Nullable String slug,
    @Nullable String domain,
    @Nullable String targetUrl,
    @Nullable Long linkId,
    @Nullable String reason) {

  public static final String CREATED = "created";
  public static final String UPDATED = "updated";
  public static final String RENAMED = "renamed";
  public static final String UNCHANGED = "unchanged";
  public static final String CONFLICT = "conflict";
  public static final String INVALID = "invalid";
}
