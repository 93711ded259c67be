/**
 * Keeping less: the raw click retention of each workspace and its background purge in small chunks,
 * the deletion of a link's clicks and of a whole workspace, and their API. Rollups are never purged
 * by retention, so statistics read from them keep their numbers. See {@code
 * docs/decisions/0021-retention-and-deletion.md}.
 */
@NullMarked
package io.linkscope.collector.retention;

import org.jspecify.annotations.NullMarked;
