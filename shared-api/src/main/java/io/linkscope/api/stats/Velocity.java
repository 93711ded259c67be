package io.linkscope.api.stats;

import java.util.List;

/**
 * Clicks per hour with spikes flagged. An hour is a spike when it has at least {@code minClicks}
 * clicks and at least {@code factor} times the mean of the {@code baselineHours} hours before it.
 */
public record Velocity(
    int baselineHours, double factor, long minClicks, List<VelocityPoint> points) {}
