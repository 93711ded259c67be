/**
 * Deep links: the answer that sends iOS and Android visitors into an app (or a page offering it,
 * for in-app browsers and custom schemes), the rules of a link's app destinations, and the {@code
 * /.well-known/} association files of each domain.
 */
@NullMarked
package io.linkscope.collector.deeplink;

import org.jspecify.annotations.NullMarked;
