/**
 * The composition root and the command line: builds the object graph by hand from the
 * configuration, and the commands that serve, manage workspaces and keys, and rebuild the rollups.
 */
@NullMarked
package io.linkscope.collector.app;

import org.jspecify.annotations.NullMarked;
