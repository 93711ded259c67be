/** The JSON contract of statistics and reports. */
@NullMarked
package io.linkscope.api.stats;

import org.jspecify.annotations.NullMarked;
