/** The JSON contract of workspaces and API keys. */
@NullMarked
package io.linkscope.api.workspace;

import org.jspecify.annotations.NullMarked;
