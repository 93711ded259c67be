package io.linkscope.api.bulk;

import java.util.List;

/** The links a bulk delete removes. */
public record BulkIds(List<Long> ids) {}
