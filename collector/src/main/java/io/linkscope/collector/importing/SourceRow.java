package io.linkscope.collector.importing;

import io.linkscope.api.link.LinkInput;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One row of an imported file as Linkscope understands it.
 *
 * @param line the CSV line (the header is 1) or the JSON element's position (from 1)
 * @param input the link the row describes; for a row with a problem, what could be read of it
 * @param created when the source shortener created the link, if the file says
 * @param clicks the clicks the source counted, 0 when the file has none
 * @param problem why the row cannot be imported, or null
 */
record SourceRow(
    int line, LinkInput input, @Nullable Instant created, long clicks, @Nullable String problem) {

  static SourceRow invalid(int line, LinkInput partial, String problem) {
    return new SourceRow(line, partial, null, 0, problem);
  }
}
