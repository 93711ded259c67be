package io.linkscope.api.sync;

import java.time.Instant;

/**
 * One rollup cell as the collector keeps it: counts of one scope (a link or a bio page) for one
 * dimension value. Dimension "total" rows are hourly: {@code hour} is the UTC hour they count. The
 * other dimensions (the wire names of {@link io.linkscope.api.stats.Dimension}) are daily: {@code
 * hour} is the first hour of the UTC day they count. Kind "click", "view" (page views) or "tap"
 * (widget taps, with the widget id as {@code value} of dimension "widget"). Scope "workspace" rows
 * sum the workspace's link clicks and page views; there, dimension "link" has the link id as {@code
 * value}. An empty {@code value} means unknown. {@code clicks} and {@code uniques} count humans
 * only; a unique is the first visit of a visitor to the target in a UTC day, so uniques add up
 * across hours and values.
 */
public record RollupRow(
    String scope,
    long scopeId,
    Instant hour,
    String kind,
    String dimension,
    String value,
    long clicks,
    long uniques,
    long botClicks) {}
