package io.linkscope.api.bulk;

/** How many links a bulk delete, tag or untag changed. */
public record BulkCount(int count) {}
