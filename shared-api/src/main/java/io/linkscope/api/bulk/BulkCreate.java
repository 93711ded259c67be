package io.linkscope.api.bulk;

import io.linkscope.api.link.LinkInput;
import java.util.List;

/** Links to create in one request, each as {@code POST /api/v1/links} takes it. */
public record BulkCreate(List<LinkInput> links) {}
