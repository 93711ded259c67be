/** The JSON contract of the desktop's offline copy. */
@NullMarked
package io.linkscope.api.sync;

import org.jspecify.annotations.NullMarked;
