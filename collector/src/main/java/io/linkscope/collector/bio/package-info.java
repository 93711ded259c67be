/**
 * Bio pages: link-in-bio pages built from widgets, their JSON API, the server-rendered public page
 * at {@code /@handle} and the tracking redirect of widget taps at {@code /@handle/w/<id>}.
 */
@NullMarked
package io.linkscope.collector.bio;

import org.jspecify.annotations.NullMarked;
