package io.linkscope.api.retention;

import org.jspecify.annotations.Nullable;

/**
 * A workspace's retention of raw clicks.
 *
 * @param rawClickDays whole UTC days of raw clicks to keep (1 to 36500), or null to keep every
 *     click
 */
public record RetentionInput(@Nullable Integer rawClickDays) {}
