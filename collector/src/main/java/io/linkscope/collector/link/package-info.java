/** Short links: their rules, storage, the redirect cache and the JSON API. */
@NullMarked
package io.linkscope.collector.link;

import org.jspecify.annotations.NullMarked;
