/** API keys, their roles and the caller of a request. */
@NullMarked
package io.linkscope.collector.auth;

import org.jspecify.annotations.NullMarked;
