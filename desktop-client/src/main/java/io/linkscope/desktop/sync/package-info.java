/** Bringing the offline copy up to date from a collector. */
@NullMarked
package io.linkscope.desktop.sync;

import org.jspecify.annotations.NullMarked;
