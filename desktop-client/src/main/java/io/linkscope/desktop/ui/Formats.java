package io.linkscope.desktop.ui;

import java.text.NumberFormat;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.util.StringConverter;
import org.jspecify.annotations.Nullable;

/**
 * The app's number, date and value formats, in one place so that every screen writes a date the
 * same way. Dates follow the user's format locale ({@link FormatStyle#MEDIUM}: "2 Dec 2026" in
 * Britain, "Dec 2, 2026" in the US), and so do the date pickers.
 */
public final class Formats {
  private Formats() {}

  /** The dimensions whose values are names of products and sites rather than text users typed. */
  private static final Set<String> NAMED_DIMENSIONS =
      Set.of("device", "browser", "os", "in_app", "source");

  /**
   * Names as their owners spell them, by lowercase wire value. The collector already sends most of
   * them spelled so; this table only catches other spellings ("Mac OS", "ios") and the lowercase
   * device types. A value not listed is shown exactly as recorded.
   */
  private static final Map<String, String> KNOWN_NAMES =
      Map.ofEntries(
          Map.entry("desktop", "Desktop"),
          Map.entry("mobile", "Mobile"),
          Map.entry("tablet", "Tablet"),
          Map.entry("tv", "TV"),
          Map.entry("console", "Console"),
          Map.entry("wearable", "Wearable"),
          Map.entry("bot", "Bot"),
          Map.entry("other", "Other"),
          Map.entry("ios", "iOS"),
          Map.entry("ipados", "iPadOS"),
          Map.entry("mac os", "macOS"),
          Map.entry("mac os x", "macOS"),
          Map.entry("macos", "macOS"),
          Map.entry("android", "Android"),
          Map.entry("windows", "Windows"),
          Map.entry("linux", "Linux"),
          Map.entry("chrome os", "ChromeOS"),
          Map.entry("chromeos", "ChromeOS"),
          Map.entry("chrome", "Chrome"),
          Map.entry("safari", "Safari"),
          Map.entry("firefox", "Firefox"),
          Map.entry("edge", "Edge"),
          Map.entry("opera", "Opera"),
          Map.entry("samsung internet", "Samsung Internet"),
          Map.entry("google", "Google"),
          Map.entry("bing", "Bing"),
          Map.entry("duckduckgo", "DuckDuckGo"),
          Map.entry("facebook", "Facebook"),
          Map.entry("instagram", "Instagram"),
          Map.entry("threads", "Threads"),
          Map.entry("tiktok", "TikTok"),
          Map.entry("youtube", "YouTube"),
          Map.entry("linkedin", "LinkedIn"),
          Map.entry("whatsapp", "WhatsApp"),
          Map.entry("telegram", "Telegram"),
          Map.entry("pinterest", "Pinterest"),
          Map.entry("reddit", "Reddit"),
          Map.entry("snapchat", "Snapchat"),
          Map.entry("github", "GitHub"),
          Map.entry("direct", "Direct"),
          Map.entry("email", "Email"));

  /** The locale dates and times are written in: the user's format locale. */
  public static Locale locale() {
    return Locale.getDefault(Locale.Category.FORMAT);
  }

  public static String count(long value) {
    return NumberFormat.getIntegerInstance(Locale.US).format(value);
  }

  /** "1 click", "1,234 clicks": a count with its unit, singular for one. */
  public static String count(long value, String unit) {
    String singular = unit.endsWith("s") ? unit.substring(0, unit.length() - 1) : unit;
    return count(value) + " " + (value == 1 ? singular : unit);
  }

  /** A share of a total in percent with one decimal, e.g. "64.1 %"; "0.0 %" of nothing. */
  public static String percent(long part, long total) {
    return String.format(Locale.US, "%.1f %%", total == 0 ? 0.0 : part * 100.0 / total);
  }

  /** "+12.5 %", "−3.0 %" or "new" when there is nothing to compare with. */
  public static String change(@Nullable Double percent) {
    if (percent == null) {
      return "no earlier data";
    }
    return (percent >= 0 ? "▲ +" : "▼ −")
        + String.format(Locale.US, "%.1f %%", Math.abs(percent))
        + " vs previous period";
  }

  /** The date format of every screen: medium length in the user's locale ("2 Dec 2026"). */
  public static DateTimeFormatter dateFormat() {
    return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale());
  }

  /** The date and time format of every screen: "2 Dec 2026, 14:05" (medium date, short time). */
  public static DateTimeFormatter dateTimeFormat() {
    return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
        .withLocale(locale());
  }

  /** The time of day format of every screen: "14:05" (or "2:05 PM"). */
  public static DateTimeFormatter timeFormat() {
    return DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale());
  }

  /**
   * Month and year as the locale writes them ("March 2026", "März 2026", "2026年3月"), from the CLDR
   * skeleton "yMMMM" rather than a fixed pattern.
   */
  public static DateTimeFormatter monthFormat() {
    return DateTimeFormatter.ofLocalizedPattern("yMMMM").withLocale(locale());
  }

  /** The short month and year of axis ticks: "Mar 2026" (skeleton "yMMM"). */
  public static DateTimeFormatter shortMonthFormat() {
    return DateTimeFormatter.ofLocalizedPattern("yMMM").withLocale(locale());
  }

  /** Day and short month without the year: "17 Nov", "Nov 17", "17. Nov." (skeleton "MMMd"). */
  public static DateTimeFormatter dayMonthFormat() {
    return DateTimeFormatter.ofLocalizedPattern("MMMd").withLocale(locale());
  }

  /** An hour of the day as the locale names it on an axis: "00", "15" or "12 AM", "3 PM" ("j"). */
  public static DateTimeFormatter hourFormat() {
    return DateTimeFormatter.ofLocalizedPattern("j").withLocale(locale());
  }

  public static String date(LocalDate date) {
    return dateFormat().format(date);
  }

  public static String date(ZonedDateTime time) {
    return dateFormat().format(time);
  }

  public static String dateTime(ZonedDateTime time) {
    return dateTimeFormat().format(time);
  }

  public static String dateTime(Instant instant, ZoneId zone) {
    return dateTime(instant.atZone(zone));
  }

  /**
   * How far {@code at} is from {@code now} in the largest whole unit, as people say it: "just now"
   * (under a minute either way), "5 minutes ago", "in 3 hours", "2 days ago", "in 26 days".
   */
  public static String relative(Instant at, Instant now) {
    java.time.Duration between = java.time.Duration.between(now, at);
    boolean future = !between.isNegative();
    long seconds = Math.abs(between.toSeconds());
    if (seconds < 60) {
      return "just now";
    }
    String amount;
    if (seconds < 3600) {
      amount = count(seconds / 60, "minutes");
    } else if (seconds < 86_400) {
      amount = count(seconds / 3600, "hours");
    } else {
      amount = count(seconds / 86_400, "days");
    }
    return future ? "in " + amount : amount + " ago";
  }

  public static String time(ZonedDateTime time) {
    return timeFormat().format(time);
  }

  /** The short name of a weekday in the user's locale: "Mon". */
  public static String weekday(DayOfWeek day) {
    return day.getDisplayName(TextStyle.SHORT, locale());
  }

  /**
   * A converter for date pickers that writes and reads the same format as the tables ({@link
   * #dateFormat()}). It also reads the locale's short form ("02/12/2026") and ISO ("2026-12-02"),
   * so a date typed either way is not lost; anything else is rejected with a {@link
   * DateTimeParseException}, which the date picker answers by keeping its previous date.
   */
  public static StringConverter<LocalDate> datePickerConverter() {
    DateTimeFormatter medium = dateFormat();
    List<DateTimeFormatter> readers =
        List.of(
            medium,
            DateTimeFormatter.ofLocalizedDate(FormatStyle.SHORT).withLocale(locale()),
            DateTimeFormatter.ISO_LOCAL_DATE);
    return new StringConverter<>() {
      @Override
      public String toString(@Nullable LocalDate date) {
        return date == null ? "" : medium.format(date);
      }

      @Override
      public @Nullable LocalDate fromString(@Nullable String text) {
        if (text == null || text.isBlank()) {
          return null;
        }
        String trimmed = text.strip();
        DateTimeParseException first = null;
        for (DateTimeFormatter reader : readers) {
          try {
            return LocalDate.parse(trimmed, reader);
          } catch (DateTimeParseException e) {
            if (first == null) {
              first = e;
            }
          }
        }
        throw new DateTimeParseException(
            "Not a date: \"" + trimmed + "\" (e.g. " + medium.format(LocalDate.now()) + ")",
            trimmed,
            0,
            first);
      }
    };
  }

  /**
   * {@link #datePickerConverter()} for a picker that explains a text it cannot read: {@code
   * rejected} gets the text (to show {@link #notADate} next to the field) and the picker keeps the
   * date {@code kept} gives, so neither the date nor the rest of the form is lost.
   */
  public static StringConverter<LocalDate> datePickerConverter(
      Supplier<@Nullable LocalDate> kept, Consumer<String> rejected) {
    StringConverter<LocalDate> reader = datePickerConverter();
    return new StringConverter<>() {
      @Override
      public String toString(@Nullable LocalDate date) {
        return reader.toString(date);
      }

      @Override
      public @Nullable LocalDate fromString(@Nullable String text) {
        try {
          return reader.fromString(text);
        } catch (DateTimeParseException notADate) {
          rejected.accept(text == null ? "" : text);
          return kept.get();
        }
      }
    };
  }

  /**
   * "“2026-13-01” is not a date: write it like 2 Dec 2026." with an example in the app's format.
   */
  public static String notADate(String text, LocalDate example) {
    return "\u201c" + text.strip() + "\u201d is not a date: write it like " + date(example) + ".";
  }

  /** Country display name for an alpha-2 code; "unknown" and empty codes read "Unknown". */
  public static String country(@Nullable String alpha2) {
    if (alpha2 == null || alpha2.isBlank() || alpha2.equalsIgnoreCase("unknown")) {
      return "Unknown";
    }
    if (alpha2.length() != 2) {
      return alpha2;
    }
    String name = Locale.of("", alpha2).getDisplayCountry(Locale.ENGLISH);
    return name.isBlank() || name.equals(alpha2) ? alpha2 : name;
  }

  /**
   * A breakdown value fit for a label: empty values read "(none)", countries by name, known
   * devices, browsers, operating systems and sources as their owners spell them ("iOS", "macOS");
   * every other value (UTM parameters, unknown names) exactly as recorded.
   */
  public static String value(String dimension, @Nullable String raw) {
    if (raw == null || raw.isBlank()) {
      return "(none)";
    }
    if (dimension.equals("country")) {
      return country(raw);
    }
    if (NAMED_DIMENSIONS.contains(dimension)) {
      return KNOWN_NAMES.getOrDefault(raw.strip().toLowerCase(Locale.ROOT), raw);
    }
    return raw;
  }
}
