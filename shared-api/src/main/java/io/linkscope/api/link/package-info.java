/** The JSON contract of links. */
@NullMarked
package io.linkscope.api.link;

import org.jspecify.annotations.NullMarked;
