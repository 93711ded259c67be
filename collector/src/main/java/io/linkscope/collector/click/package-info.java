/**
 * A visit on the request thread, before the answer: who the visitor is, what was visited, whether
 * it is tracked, the hashed address, and the journal append that makes the click survive a crash.
 */
@NullMarked
package io.linkscope.collector.click;

import org.jspecify.annotations.NullMarked;
