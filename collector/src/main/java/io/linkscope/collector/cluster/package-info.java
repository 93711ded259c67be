/**
 * Several collectors on one database (decision 0024): the registry of the collectors that serve it,
 * with their heartbeat, backlog and lag, and the change feed that keeps every collector's caches in
 * step with changes made through any of them.
 */
@NullMarked
package io.linkscope.collector.cluster;

import org.jspecify.annotations.NullMarked;
