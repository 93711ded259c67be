/** The desktop app's start and its main window. */
@NullMarked
package io.linkscope.desktop.app;

import org.jspecify.annotations.NullMarked;
