/**
 * The HTTP frame of the JSON API: the router and its route table, requests, replies and the JSON
 * errors every failure turns into.
 */
@NullMarked
package io.linkscope.collector.http;

import org.jspecify.annotations.NullMarked;
