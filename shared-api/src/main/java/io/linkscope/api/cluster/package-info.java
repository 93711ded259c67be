/**
 * The JSON contract of scale-out: the collectors that serve a database (one or a Galera cluster),
 * each with its backlog, lag and state.
 */
@NullMarked
package io.linkscope.api.cluster;

import org.jspecify.annotations.NullMarked;
