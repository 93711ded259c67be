package io.linkscope.api.click;

import java.util.List;

/** One page of raw clicks, newest first; {@code total} counts all clicks matching the query. */
public record ClickPage(List<ClickView> items, long total, int offset, int limit) {}
