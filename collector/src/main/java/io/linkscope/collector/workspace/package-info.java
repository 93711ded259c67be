/** Workspaces, one per agency client, and the API of a workspace and its keys. */
@NullMarked
package io.linkscope.collector.workspace;

import org.jspecify.annotations.NullMarked;
