package io.linkscope.api.stats;

/**
 * Clicks by weekday and hour of day in the query's time zone: {@code clicks[weekday][hour]} with
 * weekday 0 = Monday … 6 = Sunday.
 */
public record Heatmap(String timeZone, long[][] clicks) {}
