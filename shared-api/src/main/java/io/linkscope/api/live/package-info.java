/**
 * The live view's contract: the events of {@code GET /api/v1/live} (Server-Sent Events) and a
 * reader of that stream that reconnects by itself and resumes with {@code Last-Event-ID}.
 */
@NullMarked
package io.linkscope.api.live;

import org.jspecify.annotations.NullMarked;
