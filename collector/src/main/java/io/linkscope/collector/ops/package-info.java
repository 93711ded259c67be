/** Health and metrics of a running collector. */
@NullMarked
package io.linkscope.collector.ops;

import org.jspecify.annotations.NullMarked;
