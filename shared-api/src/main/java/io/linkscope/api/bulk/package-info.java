/**
 * The JSON contract of bulk link changes: up to {@link io.linkscope.api.bulk.BulkLimits#MAX_ITEMS}
 * links created, patched, deleted, tagged or untagged in one request, all or nothing.
 */
@NullMarked
package io.linkscope.api.bulk;

import org.jspecify.annotations.NullMarked;
