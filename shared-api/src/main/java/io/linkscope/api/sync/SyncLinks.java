package io.linkscope.api.sync;

import io.linkscope.api.link.LinkView;
import java.util.List;

/**
 * A page of links changed since a cursor: live links to upsert and ids of deleted ones to remove.
 */
public record SyncLinks(List<LinkView> links, List<Long> deletedIds, String cursor, boolean more) {}
