package io.linkscope.api.bio;

import java.util.List;

/** The new order of a page's widgets: every widget id of the page exactly once, first on top. */
public record BioWidgetOrder(List<Long> widgetIds) {}
