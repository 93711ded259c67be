/**
 * The frame of the public answers that count a visit (short-link redirects, bio pages and their
 * taps): one method check, one way to resolve from memory or on a worker thread, one set of
 * writers. Features build on it; it knows none of them.
 */
@NullMarked
package io.linkscope.collector.tracking;

import org.jspecify.annotations.NullMarked;
