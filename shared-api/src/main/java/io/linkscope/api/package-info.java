/** The JSON contract between the collector and its clients, and the HTTP client that speaks it. */
@NullMarked
package io.linkscope.api;

import org.jspecify.annotations.NullMarked;
