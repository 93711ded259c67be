/**
 * Link imports: the export files of Bitly, Shlink, Kutt, YOURLS, Rebrandly and Linkscope itself,
 * and any CSV file with a header, read as they arrive, checked row by row, and written (unless it
 * is a dry run) through the link feature's bulk writes. Decision 0020.
 */
@NullMarked
package io.linkscope.collector.importing;

import org.jspecify.annotations.NullMarked;
