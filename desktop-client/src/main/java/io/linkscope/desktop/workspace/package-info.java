/**
 * What the screens get of the open workspace, one small interface per need: the local copy to read
 * ({@link LocalData}), changes sent to the collector ({@link Changes}). The session implements them
 * above the features, so no feature sees the session, the sync or the saved connections.
 */
@NullMarked
package io.linkscope.desktop.workspace;

import org.jspecify.annotations.NullMarked;
