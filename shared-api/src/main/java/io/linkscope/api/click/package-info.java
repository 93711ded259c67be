/** The JSON contract of raw clicks. */
@NullMarked
package io.linkscope.api.click;

import org.jspecify.annotations.NullMarked;
