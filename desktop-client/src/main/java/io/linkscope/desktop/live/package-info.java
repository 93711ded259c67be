/**
 * The Live screen: the open workspace's clicks, page views, taps and conversions as they happen
 * (the collector's {@code GET /api/v1/live}), with clicks per minute for the last hour and the
 * world map pulsing where visits land.
 */
@NullMarked
package io.linkscope.desktop.live;

import org.jspecify.annotations.NullMarked;
