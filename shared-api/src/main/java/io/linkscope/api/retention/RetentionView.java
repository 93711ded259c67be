package io.linkscope.api.retention;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A workspace's retention of raw clicks and its latest purges.
 *
 * @param rawClickDays whole UTC days of raw clicks kept, or null when every click is kept
 * @param purges the latest purges, newest first (at most 20)
 */
public record RetentionView(@Nullable Integer rawClickDays, List<PurgeReport> purges) {}
