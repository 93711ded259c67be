package io.linkscope.api.retention;

import java.time.Instant;

/**
 * The answer to deleting a workspace: its keys no longer work, its links and pages no longer
 * answer, and its data is being deleted in the background.
 */
public record WorkspaceDeletion(long workspaceId, String slug, Instant requestedAt) {}
