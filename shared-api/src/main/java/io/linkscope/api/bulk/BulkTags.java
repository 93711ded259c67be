package io.linkscope.api.bulk;

import java.util.List;

/** Tags to add to (or take off) every one of the links {@code ids}. */
public record BulkTags(List<Long> ids, List<String> tags) {}
