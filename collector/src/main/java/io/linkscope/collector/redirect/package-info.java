/**
 * The short-link redirect: {@code /<slug>} resolved from memory, its click journaled, then the
 * redirect answered.
 */
@NullMarked
package io.linkscope.collector.redirect;

import org.jspecify.annotations.NullMarked;
