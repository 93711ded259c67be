package io.linkscope.collector.conversion;

import java.math.BigDecimal;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Takes each conversion once it is journaled (before it reaches MariaDB), for what reacts to
 * conversions as they are reported. Called on the reporting request's thread, so it must return at
 * once; what it throws is logged and the conversion is acknowledged all the same.
 */
@FunctionalInterface
public interface ReportedConversions {
  void reported(
      long workspaceId,
      UUID clickId,
      String event,
      @Nullable BigDecimal value,
      @Nullable String currency,
      long receivedAtMillis);
}
