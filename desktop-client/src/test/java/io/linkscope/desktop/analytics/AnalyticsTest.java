package io.linkscope.desktop.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.api.sync.RollupRow;
import io.linkscope.desktop.store.LocalStore;
import io.linkscope.desktop.ui.Counts;
import io.linkscope.desktop.ui.Granularity;
import io.linkscope.desktop.ui.Slice;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnalyticsTest {
  @TempDir Path directory;
  private LocalStore store;
  private Analytics analytics;

  @BeforeEach
  void open() {
    store = LocalStore.open(directory.resolve("store.sqlite"));
    analytics = new Analytics(store);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static RollupRow total(long link, String hour, long clicks) {
    return new RollupRow(
        "link", link, Instant.parse(hour), "click", "total", "", clicks, clicks, 0);
  }

  private static RollupRow country(long link, String hour, String country, long clicks) {
    return new RollupRow(
        "link", link, Instant.parse(hour), "click", "country", country, clicks, clicks, 0);
  }

  private static TimeRange utc(String from, String to, Granularity granularity) {
    return new TimeRange(Instant.parse(from), Instant.parse(to), ZoneOffset.UTC, granularity);
  }

  @Test
  void aSyncedRowReplacesItsCellAndEveryAggregateFollows() {
    store.upsertRollups(
        List.of(total(1, "2026-03-02T10:00:00Z", 5), country(1, "2026-03-02T00:00:00Z", "DE", 5)));
    store.upsertRollups(
        List.of(total(1, "2026-03-02T10:00:00Z", 7), country(1, "2026-03-02T00:00:00Z", "DE", 7)));
    TimeRange day = utc("2026-03-02T00:00:00Z", "2026-03-03T00:00:00Z", Granularity.DAY);

    assertThat(analytics.totals(Scope.link(1), day).clicks()).isEqualTo(7);
    assertThat(analytics.totals(Scope.workspaceClicks(), day).clicks()).isEqualTo(7);
    assertThat(analytics.breakdown(Scope.workspaceClicks(), "country", day))
        .containsExactly(new Slice("DE", new Counts(7, 7)));
    assertThat(analytics.perScope("link", "click", day))
        .containsExactly(new Slice("1", new Counts(7, 7)));
  }

  @Test
  void breakdownsCountEveryUtcDayTheRangeTouchesBecauseDimensionCellsAreDaily() {
    // The collector sends dimension cells per UTC day, at the first hour of the day.
    store.upsertRollups(
        List.of(
            country(1, "2026-03-01T00:00:00Z", "FR", 9),
            country(1, "2026-03-02T00:00:00Z", "US", 3),
            country(1, "2026-03-03T00:00:00Z", "DE", 2),
            country(1, "2026-03-04T00:00:00Z", "JP", 8)));
    // 2 March in New York runs from 05:00 UTC on the 2nd to 05:00 UTC on the 3rd.
    TimeRange newYorkDay =
        new TimeRange(
            Instant.parse("2026-03-02T05:00:00Z"),
            Instant.parse("2026-03-03T05:00:00Z"),
            ZoneId.of("America/New_York"),
            Granularity.DAY);

    assertThat(analytics.breakdown(Scope.link(1), "country", newYorkDay))
        .containsExactly(new Slice("US", new Counts(3, 3)), new Slice("DE", new Counts(2, 2)));
  }

  @Test
  void seriesBucketsHoursByLocalDayAndFillsEmptyDaysWithZero() {
    // 23:00 UTC on 2 March is already 3 March in Tokyo.
    store.upsertRollups(
        List.of(total(1, "2026-03-02T23:00:00Z", 4), total(1, "2026-03-02T10:00:00Z", 1)));
    ZoneId tokyo = ZoneId.of("Asia/Tokyo");
    TimeRange range =
        new TimeRange(
            Instant.parse("2026-03-01T15:00:00Z"),
            Instant.parse("2026-03-04T15:00:00Z"),
            tokyo,
            Granularity.DAY);

    assertThat(analytics.series(Scope.link(1), range))
        .extracting(
            point -> point.start().toLocalDate().getDayOfMonth(), point -> point.counts().clicks())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(2, 1L),
            org.assertj.core.groups.Tuple.tuple(3, 4L),
            org.assertj.core.groups.Tuple.tuple(4, 0L));
  }

  @ParameterizedTest
  @CsvSource(
      textBlock =
          """
          # zone,          hour (UTC),           weekday row, hour column
          UTC,              2026-03-02T10:00:00Z, 0, 10
          Asia/Tokyo,       2026-03-02T23:00:00Z, 1, 8
          America/New_York, 2026-03-02T03:00:00Z, 6, 22
          """)
  void heatmapPlacesEachHourAtItsLocalWeekdayAndHour(
      String zone, String hour, int row, int column) {
    store.upsertRollups(List.of(total(1, hour, 3)));
    TimeRange range =
        new TimeRange(
            Instant.parse("2026-02-25T00:00:00Z"),
            Instant.parse("2026-03-05T00:00:00Z"),
            ZoneId.of(zone),
            Granularity.DAY);

    long[][] heatmap = analytics.heatmap(Scope.link(1), range);

    assertThat(heatmap[row][column]).isEqualTo(3);
    assertThat(java.util.Arrays.stream(heatmap).flatMapToLong(java.util.Arrays::stream).sum())
        .isEqualTo(3);
  }

  @Test
  void perLinkCountsAreExactAtRangeEdgesThatCutThroughUtcDays() {
    store.upsertRollups(
        List.of(
            total(1, "2026-03-01T21:00:00Z", 100), // before the range
            total(1, "2026-03-01T23:00:00Z", 1), // first hour of the range
            total(1, "2026-03-02T12:00:00Z", 10), // a whole UTC day inside
            total(2, "2026-03-03T22:00:00Z", 5), // last hour of the range
            total(2, "2026-03-03T23:00:00Z", 1000))); // after the range
    TimeRange range = utc("2026-03-01T23:00:00Z", "2026-03-03T23:00:00Z", Granularity.DAY);

    assertThat(analytics.perScope("link", "click", range))
        .containsExactly(new Slice("1", new Counts(11, 11)), new Slice("2", new Counts(5, 5)));
  }

  @Test
  void thePreviousPeriodOfWholeDaysSpansAsManyCalendarDaysAcrossDaylightSaving() {
    ZoneId london = ZoneId.of("Europe/London");
    // 22 Oct – 21 Nov 2026 (local) contains the end of summer time on 25 October.
    TimeRange range =
        new TimeRange(
            java.time.LocalDate.of(2026, 10, 22).atStartOfDay(london).toInstant(),
            java.time.LocalDate.of(2026, 11, 21).atStartOfDay(london).toInstant(),
            london,
            Granularity.DAY);

    TimeRange previous = range.previous();

    assertThat(previous.from())
        .isEqualTo(java.time.LocalDate.of(2026, 9, 22).atStartOfDay(london).toInstant());
    assertThat(analytics.series(Scope.link(1), previous)).hasSize(30);
  }

  @Test
  void perScopeReadsPartialDaysThroughTheHourIndexNotEveryCell() {
    String plan =
        store.query(
            c -> {
              StringBuilder steps = new StringBuilder();
              try (var explain =
                  c.prepareStatement("explain query plan " + Analytics.SCOPE_EDGE_HOURS)) {
                explain.setLong(1, 1000);
                explain.setLong(2, 1010);
                explain.setString(3, "link");
                explain.setString(4, "click");
                try (var rows = explain.executeQuery()) {
                  while (rows.next()) {
                    steps.append(rows.getString(4)).append('\n');
                  }
                }
              }
              return steps.toString();
            });

    assertThat(plan).contains("USING INDEX rollup_total_by_hour");
  }
}
