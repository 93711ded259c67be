package io.linkscope.collector.stats;

/** What every rollup cell holds: human clicks and uniques, bot clicks and uniques. */
record Counts(long clicks, long uniques, long botClicks, long botUniques) {
  static final Counts ZERO = new Counts(0, 0, 0, 0);

  Counts plus(Counts other) {
    return new Counts(
        clicks + other.clicks,
        uniques + other.uniques,
        botClicks + other.botClicks,
        botUniques + other.botUniques);
  }

  boolean isZero() {
    return clicks == 0 && uniques == 0 && botClicks == 0 && botUniques == 0;
  }

  /** Clicks as the query's bot switch counts them. */
  long clicks(Bots bots) {
    return switch (bots) {
      case EXCLUDE -> clicks;
      case INCLUDE -> clicks + botClicks;
      case ONLY -> botClicks;
    };
  }

  long uniques(Bots bots) {
    return switch (bots) {
      case EXCLUDE -> uniques;
      case INCLUDE -> uniques + botUniques;
      case ONLY -> botUniques;
    };
  }
}
