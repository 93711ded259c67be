package io.linkscope.api.routing;

import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/v1/links/{id}/experiment/promote}: the variant that becomes the
 * link's target, which ends its split.
 *
 * @param variantId the id of one of the link's variants
 */
public record Promotion(@Nullable Long variantId) {}
