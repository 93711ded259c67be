/** The world map of clicks by country and city. */
@NullMarked
package io.linkscope.desktop.map;

import org.jspecify.annotations.NullMarked;
