/**
 * The JSON contract of data retention: how long a workspace keeps raw clicks, what each purge
 * deleted, and the deletion of a workspace.
 */
@NullMarked
package io.linkscope.api.retention;

import org.jspecify.annotations.NullMarked;
