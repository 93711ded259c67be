/** The analytics screens: counts, series and breakdowns read from the offline copy. */
@NullMarked
package io.linkscope.desktop.analytics;

import org.jspecify.annotations.NullMarked;
