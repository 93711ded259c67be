/** The offline copy of each workspace, in SQLite. */
@NullMarked
package io.linkscope.desktop.store;

import org.jspecify.annotations.NullMarked;
