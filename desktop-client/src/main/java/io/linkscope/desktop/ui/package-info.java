/** Pieces the screens share: theme, charts, cells and background work. */
@NullMarked
package io.linkscope.desktop.ui;

import org.jspecify.annotations.NullMarked;
