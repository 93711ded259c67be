/**
 * Password links: the slow salted hash of a link's password, the form visitors type it into and the
 * rate limit of wrong attempts per visitor and link.
 */
@NullMarked
package io.linkscope.collector.password;

import org.jspecify.annotations.NullMarked;
