/** The links screen: listing, searching and editing links. */
@NullMarked
package io.linkscope.desktop.links;

import org.jspecify.annotations.NullMarked;
