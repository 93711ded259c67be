/** Connections to collectors and the session with one. */
@NullMarked
package io.linkscope.desktop.connection;

import org.jspecify.annotations.NullMarked;
