/** The desktop app's offline copy, served to it page by page. */
@NullMarked
package io.linkscope.collector.sync;

import org.jspecify.annotations.NullMarked;
