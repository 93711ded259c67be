/**
 * Link costs: impressions and spend entered per link, channel and period, with the CTR and cost per
 * click they give.
 */
@NullMarked
package io.linkscope.collector.costs;

import org.jspecify.annotations.NullMarked;
