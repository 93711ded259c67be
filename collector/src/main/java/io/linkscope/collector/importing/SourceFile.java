package io.linkscope.collector.importing;

import java.util.List;

/** An imported file as read: the format it was read as and its rows in order. */
record SourceFile(ImportFormat format, List<SourceRow> rows) {
  /** The most rows one import reads; a larger file is split by the one who sends it. */
  static final int MAX_ROWS = 100_000;
}
