package io.linkscope.api.stats;

import java.util.List;

/** Everything the analytics view of one scope shows, in one answer. */
public record LinkReport(
    Summary summary, Series series, List<Breakdown> breakdowns, Heatmap heatmap) {}
