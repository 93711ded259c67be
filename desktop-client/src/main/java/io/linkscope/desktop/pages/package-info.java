/** The bio pages screen: pages and their widgets. */
@NullMarked
package io.linkscope.desktop.pages;

import org.jspecify.annotations.NullMarked;
