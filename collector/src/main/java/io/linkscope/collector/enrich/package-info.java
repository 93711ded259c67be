/**
 * Turns the raw request headers of a click into analytics dimensions: device, browser, operating
 * system, in-app browser and bot flag from the User-Agent, the referrer channel, UTM tags and the
 * preferred language.
 *
 * <p>Everything here degrades instead of failing: malformed input yields empty strings or a generic
 * bucket ("Other"), never an exception, because a click must be recorded even when its headers are
 * junk.
 */
@NullMarked
package io.linkscope.collector.enrich;

import org.jspecify.annotations.NullMarked;
