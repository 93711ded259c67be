/** The JSON contract of routing rules and weighted A/B variants of a link. */
@NullMarked
package io.linkscope.api.routing;

import org.jspecify.annotations.NullMarked;
