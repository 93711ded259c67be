package io.linkscope.api.retention;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What one purge of raw clicks deleted. Rollups are never purged: statistics read from them keep
 * their numbers.
 *
 * @param reason {@code retention} (the workspace's raw clicks older than its retention) or {@code
 *     link} (every raw click of one link)
 * @param linkId the link whose clicks were deleted, for {@code link}
 * @param clickedBefore raw clicks from before this instant were deleted
 * @param finishedAt null while the purge runs (or when it was interrupted; the next one goes on)
 * @param rows raw clicks deleted
 */
public record PurgeReport(
    long id,
    String reason,
    @Nullable Long linkId,
    Instant clickedBefore,
    Instant startedAt,
    @Nullable Instant finishedAt,
    long rows) {}
