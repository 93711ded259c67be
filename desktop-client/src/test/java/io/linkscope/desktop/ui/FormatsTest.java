package io.linkscope.desktop.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import javafx.util.StringConverter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormatsTest {
  private Locale before;

  @BeforeEach
  void rememberLocale() {
    before = Locale.getDefault(Locale.Category.FORMAT);
  }

  @AfterEach
  void restoreLocale() {
    Locale.setDefault(Locale.Category.FORMAT, before);
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(
      textBlock =
          """
          2026-12-05T16:00:30Z, just now
          2026-12-05T15:59:20Z, just now
          2026-12-05T15:55:00Z, 5 minutes ago
          2026-12-05T15:59:00Z, 1 minute ago
          2026-12-05T19:10:00Z, in 3 hours
          2026-12-03T10:00:00Z, 2 days ago
          2026-12-31T23:59:59Z, in 26 days
          """)
  void saysHowLongAgoOrHowSoonInTheLargestWholeUnit(String at, String said) {
    assertThat(
            Formats.relative(
                java.time.Instant.parse(at), java.time.Instant.parse("2026-12-05T16:00:00Z")))
        .isEqualTo(said);
  }

  @ParameterizedTest(name = "{0} \"{1}\" reads \"{2}\"")
  @CsvSource(
      textBlock =
          """
          os,           iOS,           iOS
          os,           ios,           iOS
          os,           Mac OS,        macOS
          os,           Android,       Android
          os,           HarmonyOS,     HarmonyOS
          browser,      Samsung Internet, Samsung Internet
          browser,      Yandex Browser, Yandex Browser
          device,       mobile,        Mobile
          device,       tv,            TV
          source,       google,        Google
          source,       Facebook,      Facebook
          source,       news.ycombinator.com, news.ycombinator.com
          in_app,       TikTok,        TikTok
          utm_medium,   cpc,           cpc
          utm_source,   instagram,     instagram
          utm_campaign, spring-2026,   spring-2026
          country,      DE,            Germany
          country,      unknown,       Unknown
          source,       '',            (none)
          """)
  void showsValuesAsRecordedAndKnownNamesAsTheirOwnersSpellThem(
      String dimension, String raw, String shown) {
    assertThat(Formats.value(dimension, raw)).isEqualTo(shown);
  }

  @Test
  void datesFollowTheUsersLocaleInOneMediumFormat() {
    LocalDate day = LocalDate.of(2026, 12, 2);
    ZonedDateTime time = day.atTime(14, 5).atZone(ZoneId.of("Europe/London"));

    Locale.setDefault(Locale.Category.FORMAT, Locale.UK);
    assertThat(Formats.date(day)).isEqualTo("2 Dec 2026");
    assertThat(Formats.dateTime(time)).isEqualTo("2 Dec 2026, 14:05");

    Locale.setDefault(Locale.Category.FORMAT, Locale.US);
    assertThat(Formats.date(day)).isEqualTo("Dec 2, 2026");
    assertThat(Formats.dateTime(time.toInstant(), ZoneId.of("Europe/London")))
        .startsWith("Dec 2, 2026, 2:05");
  }

  @Test
  void hoursOnAnAxisAreWrittenAsTheLocaleWritesTimes() {
    Locale.setDefault(Locale.Category.FORMAT, Locale.UK);
    assertThat(Formats.hourFormat().format(LocalTime.of(0, 0))).isEqualTo("00");
    assertThat(Formats.hourFormat().format(LocalTime.of(15, 0))).isEqualTo("15");
    Locale.setDefault(Locale.Category.FORMAT, Locale.US);
    assertThat(Formats.hourFormat().format(LocalTime.of(0, 0))).matches("12\\hAM");
    assertThat(Formats.hourFormat().format(LocalTime.of(15, 0))).matches("3\\hPM");
  }

  @Test
  void datePickersWriteTheTablesFormatAndReadItBack() {
    Locale.setDefault(Locale.Category.FORMAT, Locale.UK);
    StringConverter<LocalDate> converter = Formats.datePickerConverter();
    LocalDate day = LocalDate.of(2026, 12, 2);

    assertThat(converter.toString(day)).isEqualTo(Formats.date(day)).isEqualTo("2 Dec 2026");
    assertThat(converter.fromString("2 Dec 2026")).isEqualTo(day);
    assertThat(converter.fromString(" 02/12/2026 ")).isEqualTo(day);
    assertThat(converter.fromString("2026-12-02")).isEqualTo(day);
    assertThat(converter.fromString("")).isNull();
    assertThat(converter.toString(null)).isEmpty();
    assertThatThrownBy(() -> converter.fromString("next Tuesday"))
        .isInstanceOf(DateTimeParseException.class)
        .hasMessageContaining("next Tuesday");
  }

  @Test
  void countsHaveSingularAndPluralUnitsAndSharesOneDecimal() {
    assertThat(Formats.count(1, "clicks")).isEqualTo("1 click");
    assertThat(Formats.count(1234, "clicks")).isEqualTo("1,234 clicks");
    assertThat(Formats.percent(1, 3)).isEqualTo("33.3 %");
    assertThat(Formats.percent(0, 0)).isEqualTo("0.0 %");
  }
}
