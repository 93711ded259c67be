package io.linkscope.collector.stats;

/** Whether a query counts humans only (the default), everyone, or bots only. */
enum Bots {
  EXCLUDE,
  INCLUDE,
  ONLY
}
