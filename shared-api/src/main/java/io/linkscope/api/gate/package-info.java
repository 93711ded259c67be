/** The JSON contract of link gates: deep links of a link and a domain's app association files. */
@NullMarked
package io.linkscope.api.gate;

import org.jspecify.annotations.NullMarked;
