/** The JSON contract between the collector and its clients, and the HTTP client that speaks it. */
package io.linkscope.api;
