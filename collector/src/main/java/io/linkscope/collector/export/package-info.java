/**
 * The full export of a workspace, for leaving Linkscope or moving to another collector: a zip of
 * its links, pages and widgets as JSON (the API's own records, which the import reads back) and its
 * raw clicks and rollups as CSV, streamed in constant memory.
 */
@NullMarked
package io.linkscope.collector.export;

import org.jspecify.annotations.NullMarked;
