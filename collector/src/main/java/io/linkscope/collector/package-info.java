/** The Linkscope collector: redirects, click capture, bio pages and the JSON API. */
package io.linkscope.collector;
