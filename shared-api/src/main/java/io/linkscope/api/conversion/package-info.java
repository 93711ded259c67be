/** The JSON contract of conversions, postbacks and experiments. */
@NullMarked
package io.linkscope.api.conversion;

import org.jspecify.annotations.NullMarked;
