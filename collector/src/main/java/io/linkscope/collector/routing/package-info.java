/**
 * Routing rules and weighted A/B variants of a link: their validation, their stored form, and the
 * compiled {@link io.linkscope.collector.routing.Route} that decides on the request thread where a
 * visit is sent (decision 0014).
 */
@NullMarked
package io.linkscope.collector.routing;

import org.jspecify.annotations.NullMarked;
