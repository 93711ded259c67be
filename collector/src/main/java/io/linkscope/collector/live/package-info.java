/**
 * The live view: a workspace's clicks, page views, taps and conversions as Server-Sent Events
 * ({@code GET /api/v1/live}). {@link io.linkscope.collector.live.LiveHub} numbers every event,
 * keeps the last ones in a ring for {@code Last-Event-ID} resumes, and hands each to the open
 * streams that want it; a stream writes with Jetty's asynchronous writes and holds no thread, and
 * one that cannot keep up is ended rather than allowed to slow what feeds the hub. No event carries
 * an IP address or its hash. See decision 0018.
 */
@NullMarked
package io.linkscope.collector.live;

import org.jspecify.annotations.NullMarked;
