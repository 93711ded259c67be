/**
 * Reading what was counted: statistics from the rollups or the raw clicks, a link's raw clicks page
 * by page, CSV exports, and the rollup feed of the desktop app's offline copy.
 */
@NullMarked
package io.linkscope.collector.stats;

import org.jspecify.annotations.NullMarked;
