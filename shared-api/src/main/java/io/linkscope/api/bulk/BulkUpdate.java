package io.linkscope.api.bulk;

import java.util.List;

/** Changes of many links in one request; each link at most once. */
public record BulkUpdate(List<BulkPatch> items) {}
