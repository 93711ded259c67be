/** The JSON contract of bio pages (link-in-bio pages built from widgets). */
package io.linkscope.api.bio;
