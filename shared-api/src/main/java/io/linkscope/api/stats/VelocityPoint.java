package io.linkscope.api.stats;

import java.time.Instant;

/** One hour of a {@link Velocity}: its clicks, the trailing mean it is compared to, the verdict. */
public record VelocityPoint(Instant hour, long clicks, double baseline, boolean spike) {}
