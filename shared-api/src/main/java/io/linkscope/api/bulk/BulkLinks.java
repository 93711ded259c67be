package io.linkscope.api.bulk;

import io.linkscope.api.link.LinkView;
import java.util.List;

/** The links a bulk create or update wrote, in the order of the request. */
public record BulkLinks(List<LinkView> links) {}
