/**
 * The import wizard: a file from another shortener (or any CSV with a header) is checked by the
 * collector's dry run, shown row by row, then imported in the background; the per-row results can
 * be saved as CSV. The collector decides every row; the desktop reads only the CSV header, to offer
 * its columns for the mapping of a generic CSV.
 */
@NullMarked
package io.linkscope.desktop.importing;

import org.jspecify.annotations.NullMarked;
