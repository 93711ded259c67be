package io.linkscope.desktop.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import javafx.scene.chart.XYChart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChartsTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private Locale before;

  @BeforeEach
  void britishDates() {
    before = Locale.getDefault(Locale.Category.FORMAT);
    Locale.setDefault(Locale.Category.FORMAT, Locale.UK);
  }

  @AfterEach
  void restoreLocale() {
    Locale.setDefault(Locale.Category.FORMAT, before);
  }

  /** Hourly buckets from {@code start} in its zone, with i % 5 clicks each. */
  private static List<SeriesPoint> hours(ZonedDateTime start, int count) {
    List<SeriesPoint> points = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      points.add(new SeriesPoint(start.plusHours(i), new Counts(i % 5, i % 3)));
    }
    return points;
  }

  @Test
  void hourlyOverSevenDaysGives168DistinctOrderedPointsWhoseLabelsNameTheDay() {
    ZonedDateTime monday = ZonedDateTime.of(2026, 11, 16, 0, 0, 0, 0, BERLIN);
    List<SeriesPoint> week = hours(monday, 168);

    List<XYChart.Series<Number, Number>> series =
        Charts.withPrevious(week, hours(monday.minusDays(7), 168), Granularity.HOUR);

    List<XYChart.Data<Number, Number>> now = series.getFirst().getData();
    assertThat(now).hasSize(168);
    Set<Double> xs = new HashSet<>();
    for (int i = 0; i < now.size(); i++) {
      assertThat(now.get(i).getYValue().longValue()).isEqualTo(week.get(i).counts().clicks());
      xs.add(now.get(i).getXValue().doubleValue());
      if (i > 0) {
        assertThat(now.get(i).getXValue().doubleValue())
            .isGreaterThan(now.get(i - 1).getXValue().doubleValue());
      }
    }
    assertThat(xs).hasSize(168);
    assertThat(series.get(1).getData()).hasSize(168);
    Set<String> hoverLabels = new HashSet<>();
    for (int i = 0; i < 168; i++) {
      String label = Charts.label(week.get(i), Granularity.HOUR);
      hoverLabels.add(label);
      String weekday =
          week.get(i)
              .start()
              .getDayOfWeek()
              .getDisplayName(java.time.format.TextStyle.SHORT, Locale.UK);
      assertThat(label).startsWith(weekday + " ");
      assertThat(Charts.tickLabel(week, i, Granularity.HOUR)).startsWith(weekday + " ");
    }
    assertThat(hoverLabels).hasSize(168);
    assertThat(Charts.label(week.get(38), Granularity.HOUR)).isEqualTo("Tue 17 Nov 2026, 14:00");
    assertThat(Charts.tickLabel(week, 24, Granularity.HOUR)).isEqualTo("Tue 17 Nov");
    assertThat(Charts.tickLabel(week, 38, Granularity.HOUR)).isEqualTo("Tue 14:00");
  }

  @Test
  void hoursOfOneDayAreLabelledWithTheTimeAlone() {
    List<SeriesPoint> day = hours(ZonedDateTime.of(2026, 11, 16, 0, 0, 0, 0, BERLIN), 24);

    assertThat(Charts.tickLabel(day, 9, Granularity.HOUR)).isEqualTo("09:00");
    assertThat(Charts.tickLabel(day, 24, Granularity.HOUR)).isEmpty();
  }

  @Test
  void aSeriesWithoutAPreviousPeriodIsOneLine() {
    ZonedDateTime start = ZonedDateTime.of(2026, 12, 5, 14, 0, 0, 0, BERLIN);

    var series = Charts.withPrevious(hours(start, 60), List.of(), Granularity.HOUR);

    assertThat(series).hasSize(1);
    assertThat(series.getFirst().getName()).isEqualTo("This period");
    assertThat(series.getFirst().getData()).hasSize(60);
  }

  @Test
  void aDaylightSavingDayKeepsEveryHourAsItsOwnPoint() {
    // 25 local hours on 25 Oct 2026 in Berlin: 02:00 happens twice.
    ZonedDateTime start = ZonedDateTime.of(2026, 10, 25, 0, 0, 0, 0, BERLIN);
    List<SeriesPoint> day = hours(start, 25);

    var points = Charts.withPrevious(day, List.of(), Granularity.HOUR).getFirst().getData();

    assertThat(points).hasSize(25);
    assertThat(Charts.label(day.get(2), Granularity.HOUR))
        .isEqualTo("Sun 25 Oct 2026, 02:00 (UTC+02:00)");
    assertThat(Charts.label(day.get(3), Granularity.HOUR))
        .isEqualTo("Sun 25 Oct 2026, 02:00 (UTC+01:00)");
    assertThat(points.get(2).getXValue()).isNotEqualTo(points.get(3).getXValue());
  }

  @Test
  void daysWeeksAndMonthsAreLabelledWithoutRotationFriendlyLongNames() {
    ZonedDateTime first = ZonedDateTime.of(2026, 3, 2, 0, 0, 0, 0, BERLIN);
    List<SeriesPoint> days = List.of(new SeriesPoint(first, Counts.ZERO));

    assertThat(Charts.tickLabel(days, 0, Granularity.DAY)).isEqualTo("2 Mar");
    assertThat(Charts.tickLabel(days, 0, Granularity.MONTH)).isEqualTo("Mar 2026");
    assertThat(Charts.label(days.getFirst(), Granularity.WEEK)).isEqualTo("Week of 2 Mar 2026");
    assertThat(Charts.label(days.getFirst(), Granularity.MONTH)).isEqualTo("March 2026");
    Locale.setDefault(Locale.Category.FORMAT, Locale.US);
    assertThat(Charts.tickLabel(days, 0, Granularity.DAY)).isEqualTo("Mar 2");
    // The month is the locale's own form too, not an English pattern with a translated name.
    Locale.setDefault(Locale.Category.FORMAT, Locale.GERMANY);
    assertThat(Charts.label(days.getFirst(), Granularity.MONTH)).isEqualTo("März 2026");
    assertThat(Charts.label(days.getFirst(), Granularity.WEEK)).isEqualTo("Week of 02.03.2026");
  }

  @ParameterizedTest
  @CsvSource(
      textBlock =
          """
          # points, granularity, labels that fit, step
          168,  HOUR,  8, 24
          168,  HOUR, 30, 6
          24,   HOUR,  8, 3
          2160, HOUR,  8, 336
          30,   DAY,   8, 7
          7,    DAY,   8, 1
          90,   DAY,   6, 28
          13,   WEEK,  8, 2
          12,   MONTH, 8, 2
          12,   MONTH, 12, 1
          """)
  void timeAxesLabelNaturalStepsThatFit(int points, Granularity granularity, int labels, int step) {
    assertThat(Charts.timeTickStep(points, granularity, labels)).isEqualTo(step);
    assertThat((points + step - 1) / step).isLessThanOrEqualTo(labels);
  }

  @Test
  void theHoverTextOfAPointGivesItsExactClicksAndThePreviousPeriods() {
    ZonedDateTime monday = ZonedDateTime.of(2026, 11, 16, 0, 0, 0, 0, BERLIN);
    List<SeriesPoint> now =
        List.of(
            new SeriesPoint(monday, new Counts(1234, 900)),
            new SeriesPoint(monday.plusDays(1), new Counts(1, 1)));
    List<SeriesPoint> before = List.of(new SeriesPoint(monday.minusDays(2), new Counts(7, 7)));

    assertThat(Charts.seriesText(now, before, 0, Granularity.DAY))
        .isEqualTo(
            "Mon 16 Nov 2026\nThis period: 1,234 clicks\nPrevious period (Sat 14 Nov 2026): 7 clicks");
    assertThat(Charts.seriesText(now, before, 1, Granularity.DAY))
        .isEqualTo("Tue 17 Nov 2026\nThis period: 1 click");
  }

  /** Slices from pairs of value and clicks (uniques equal to clicks). */
  static List<Slice> slices(Object... valueAndClicks) {
    List<Slice> slices = new ArrayList<>();
    for (int i = 0; i < valueAndClicks.length; i += 2) {
      long clicks = ((Number) valueAndClicks[i + 1]).longValue();
      slices.add(new Slice((String) valueAndClicks[i], new Counts(clicks, clicks)));
    }
    return slices;
  }

  @Test
  void manyValuesShowTheTopOnesAndAnOtherRowThatSumsTheRest() {
    List<Slice> countries =
        slices("US", 50, "GB", 30, "DE", 20, "FR", 9, "CA", 8, "AU", 7, "NL", 5, "JP", 3, "BR", 2);

    List<Charts.Row> rows = Charts.rows(countries, 6, Formats::country);

    assertThat(rows).hasSize(6);
    assertThat(rows.subList(0, 5))
        .extracting(Charts.Row::label)
        .containsExactly("United States", "United Kingdom", "Germany", "France", "Canada");
    assertThat(rows.getLast()).isEqualTo(new Charts.Row("Other (4 more)", 7 + 5 + 3 + 2, null, 4));
    assertThat(rows.stream().mapToLong(Charts.Row::value).sum())
        .isEqualTo(Charts.total(countries))
        .isEqualTo(134);
  }

  @Test
  void valuesThatFitAreShownWithoutAnOtherRowAndBotsZeroRowsAreLeftOut() {
    List<Slice> devices = slices("mobile", 64, "desktop", 30, "bot", 0, "tablet", 6);

    List<Charts.Row> rows = Charts.rows(devices, 6, value -> Formats.value("device", value));

    assertThat(rows)
        .containsExactly(
            Charts.Row.of("Mobile", 64, "mobile"),
            Charts.Row.of("Desktop", 30, "desktop"),
            Charts.Row.of("Tablet", 6, "tablet"));
    assertThat(Charts.rows(slices("a", 3, "b", 2), 2, Function.identity()))
        .extracting(Charts.Row::label)
        .containsExactly("a", "b");
  }

  @Test
  void valuesThatLookAlikeOnScreenStayApartInsteadOfMerging() {
    List<Slice> titles =
        slices(
            "Holiday gift guide 2026 – every roaster",
            5,
            "Holiday gift guide 2026 – every grinder",
            4);

    assertThat(Charts.rows(titles, 6, Function.identity()))
        .extracting(Charts.Row::label)
        .containsExactly("Holiday gift guide 2026 – e…", "Holiday gift guide 2026 – e… (2)");
  }

  @Test
  void barsAreLargestAtTheTopAndCarryTheirRows() {
    var bars = Charts.bars(slices("Google", 5, "Direct", 9, "Email", 1), 6, Function.identity());

    assertThat(bars.getData())
        .extracting(XYChart.Data::getYValue)
        .containsExactly("Email", "Google", "Direct");
    assertThat(bars.getData().getLast().getExtraValue())
        .isEqualTo(Charts.Row.of("Direct", 9, "Direct"));
    assertThat(Charts.rowText(Charts.Row.of("Direct", 9, "Direct"), 15))
        .isEqualTo("Direct · 9 clicks · 60.0 %");
  }

  @ParameterizedTest
  @CsvSource({"0, 1", "1, 1", "6, 1", "7, 2", "12, 2", "20, 5", "40, 10", "61, 20", "8937, 2000"})
  void countAxesTickInWholeSteps(double max, double unit) {
    assertThat(Charts.wholeTickUnit(max)).isEqualTo(unit);
  }

  @Test
  void aNarrowCountAxisTakesFewerWiderStepsSoItsLabelsDoNotTouch() {
    // The browsers' bar chart beside long names: 183 px for up to 2,100 clicks.
    assertThat(Charts.stepsThatFit(183, 2_100, true)).isEqualTo(3);
    assertThat(Charts.wholeTickUnit(2_100, 3)).isEqualTo(1000);
    assertThat(Charts.stepsThatFit(600, 2_100, true)).isEqualTo(6);
    assertThat(Charts.stepsThatFit(100, 50, false)).isEqualTo(4);
    assertThat(Charts.stepsThatFit(20, 50, true)).isEqualTo(1);
  }

  @Test
  void shortensLongNamesWithAnEllipsis() {
    assertThat(Charts.shorten("Holiday gift guide 2026 – every roaster and grinder"))
        .hasSize(28)
        .endsWith("…");
    assertThat(Charts.shorten("Spring sale")).isEqualTo("Spring sale");
  }

  @Test
  void weekdaysFollowTheLocale() {
    assertThat(Formats.weekday(DayOfWeek.MONDAY)).isEqualTo("Mon");
  }
}
