package io.linkscope.api.link;

import java.util.List;

/** One page of a link listing. {@code total} counts all links matching the filter. */
public record LinkPage(List<LinkView> items, long total, int offset, int limit) {}
