/** The JSON contract of bio pages (link-in-bio pages built from widgets). */
@NullMarked
package io.linkscope.api.bio;

import org.jspecify.annotations.NullMarked;
