package io.linkscope.api.workspace;

import java.time.Instant;

/** A workspace: the unit an agency uses for one client. Keys, links and stats belong to one. */
public record WorkspaceView(long id, String slug, String name, Instant createdAt) {}
