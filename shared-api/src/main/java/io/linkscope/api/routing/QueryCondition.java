package io.linkscope.api.routing;

import org.jspecify.annotations.Nullable;

/**
 * A query parameter of the visit.
 *
 * @param name the parameter's name (case-sensitive, as in URLs)
 * @param equals the value it must have; absent: the parameter must only be present
 */
public record QueryCondition(@Nullable String name, @Nullable String equals) {}
