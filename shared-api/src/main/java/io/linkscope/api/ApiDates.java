package io.linkscope.api;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

/**
 * The instants and dates the API accepts, in request bodies and query parameters alike: ISO-8601,
 * within the years MariaDB's DATETIME and DATE columns hold (and arithmetic on them cannot
 * overflow). java.time parses years up to ±999,999,999, which no column can store.
 */
public final class ApiDates {
  public static final LocalDate FIRST_DAY = LocalDate.of(1970, 1, 1);
  public static final LocalDate LAST_DAY = LocalDate.of(9999, 12, 31);
  public static final Instant EARLIEST = FIRST_DAY.atStartOfDay(ZoneOffset.UTC).toInstant();
  public static final Instant LATEST =
      LAST_DAY.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1);

  private ApiDates() {}

  /** An ISO-8601 instant such as 2026-05-01T12:00:00Z within the range. */
  public static Instant instant(String text) {
    return within(
        text, Instant::parse, EARLIEST, LATEST, "an ISO-8601 instant such as 2026-05-01T12:00:00Z");
  }

  /** An ISO-8601 date such as 2026-05-01 within the range. */
  public static LocalDate date(String text) {
    return within(
        text, LocalDate::parse, FIRST_DAY, LAST_DAY, "an ISO-8601 date such as 2026-05-01");
  }

  private static <T extends Comparable<? super T>> T within(
      String text, Function<String, T> parse, T first, T last, String what) {
    T value;
    try {
      value = parse.apply(text);
    } catch (DateTimeParseException e) {
      throw new InvalidDateException(
          "must be " + what + ", between " + first + " and " + last + ".");
    }
    if (value.compareTo(first) < 0 || value.compareTo(last) > 0) {
      throw new InvalidDateException("must be between " + first + " and " + last + ".");
    }
    return value;
  }

  /** Text that is not an instant or date, or one outside the range; the message says which. */
  public static final class InvalidDateException extends DateTimeException {
    private static final long serialVersionUID = 1L;

    private final String message;

    InvalidDateException(String message) {
      super(message);
      this.message = message;
    }

    /** Never null: each is made with the message a client is shown. */
    @Override
    public String getMessage() {
      return message;
    }
  }
}
