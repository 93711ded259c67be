package io.linkscope.api.sync;

import java.util.List;

/**
 * A page of rollup cells changed since a cursor, oldest change first. Each row replaces the local
 * copy of its cell. Pass {@code cursor} back to continue; {@code more} says whether to ask again
 * now.
 */
public record SyncRollups(List<RollupRow> rows, String cursor, boolean more) {}
