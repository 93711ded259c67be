/** The dashboard: a workspace at a glance. */
@NullMarked
package io.linkscope.desktop.dashboard;

import org.jspecify.annotations.NullMarked;
