package io.linkscope.api.importing;

import java.util.List;

/**
 * The answer to an import: what was read and what was (or, in a dry run, would be) done.
 *
 * @param format the format the file was read as: {@code bitly}, {@code shlink}, {@code kutt},
 *     {@code yourls}, {@code rebrandly}, {@code linkscope} or {@code csv}; detected from the file's
 *     header or JSON shape unless the request named one
 * @param policy what a slug that is already taken got: {@code skip}, {@code rename} or {@code
 *     overwrite}
 * @param dryRun true when nothing was written
 * @param rows one result per row of the file, in the file's order
 */
public record ImportReport(
    String format, String policy, boolean dryRun, ImportTotals totals, List<ImportRow> rows) {}
