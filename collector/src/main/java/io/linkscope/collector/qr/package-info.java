/** QR codes of links and pages. */
@NullMarked
package io.linkscope.collector.qr;

import org.jspecify.annotations.NullMarked;
