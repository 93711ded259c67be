/**
 * Rate limits of the API: per API key, and per visitor (a hash of the client address) on public
 * endpoints that do work per call. Redirects and public pages are never limited here.
 */
@NullMarked
package io.linkscope.collector.ratelimit;

import org.jspecify.annotations.NullMarked;
