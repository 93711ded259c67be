/**
 * Conversions: click ids on destinations, the conversions API and signed postbacks, their own
 * journal and way into MariaDB, conversion and cost-per-conversion reports, and the significance of
 * A/B tests.
 */
@NullMarked
package io.linkscope.collector.conversion;

import org.jspecify.annotations.NullMarked;
