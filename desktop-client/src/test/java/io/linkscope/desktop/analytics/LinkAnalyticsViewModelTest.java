package io.linkscope.desktop.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.desktop.connection.Session;
import io.linkscope.desktop.testsupport.SampleWorkspace;
import io.linkscope.desktop.testsupport.Sessions;
import io.linkscope.desktop.ui.Granularity;
import io.linkscope.desktop.ui.Notice;
import io.linkscope.desktop.ui.Slice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinkAnalyticsViewModelTest {
  @TempDir Path directory;
  private Session session;
  private LinkAnalyticsViewModel analytics;
  private final List<Notice> notices = new ArrayList<>();

  @BeforeEach
  void open() {
    session = Sessions.offlineWithSample(directory);
    analytics = new LinkAnalyticsViewModel(session, ZoneOffset.UTC, notices::add);
  }

  @AfterEach
  void close() {
    session.close();
  }

  @Test
  void everyChartOfALinkAddsUpToTheSameTotalOffline() {
    analytics.linkProperty().set(SampleWorkspace.links().getFirst());

    LinkAnalyticsViewModel.Snapshot shown = analytics.snapshotProperty().get();
    long clicks = shown.totals().clicks();
    assertThat(clicks).isPositive();
    assertThat(shown.series().stream().mapToLong(p -> p.counts().clicks()).sum()).isEqualTo(clicks);
    assertThat(Arrays.stream(shown.heatmap()).flatMapToLong(Arrays::stream).sum())
        .isEqualTo(clicks);
    for (String dimension : LinkAnalyticsViewModel.DIMENSIONS.keySet()) {
      assertThat(
              shown.breakdowns().get(dimension).stream().mapToLong(s -> s.counts().clicks()).sum())
          .as(dimension)
          .isEqualTo(clicks);
    }
    assertThat(shown.countries()).containsKeys("US", "DE", "GB");
  }

  @Test
  void presetsSetTheirGranularityAndACustomRangeUsesItsDays() {
    analytics.linkProperty().set(SampleWorkspace.links().get(1));

    analytics.presetProperty().set(RangePreset.LAST_24_HOURS);
    assertThat(analytics.snapshotProperty().get().series()).hasSize(24);

    analytics.presetProperty().set(RangePreset.CUSTOM);
    analytics.customFromProperty().set(LocalDate.of(2026, 11, 1));
    analytics.customToProperty().set(LocalDate.of(2026, 11, 10));
    assertThat(analytics.granularityProperty().get()).isEqualTo(Granularity.DAY);
    assertThat(analytics.snapshotProperty().get().series()).hasSize(10);

    // 1 November 2026 is a Sunday: the ten days touch three weeks starting on Monday.
    analytics.granularityProperty().set(Granularity.WEEK);
    assertThat(analytics.snapshotProperty().get().series())
        .extracting(point -> point.start().toLocalDate())
        .containsExactly(
            LocalDate.of(2026, 10, 26), LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 9));
  }

  @Test
  void aCustomRangeThatEndsBeforeItStartsIsExplainedNotDrawn() {
    analytics.linkProperty().set(SampleWorkspace.links().getFirst());
    analytics.presetProperty().set(RangePreset.CUSTOM);

    analytics.customFromProperty().set(LocalDate.of(2026, 11, 10));
    analytics.customToProperty().set(LocalDate.of(2026, 11, 1));

    assertThat(analytics.problemProperty().get())
        .isEqualTo("The custom range must end on or after its first day.");
  }

  @Test
  void changingTheTimeZoneMovesClicksBetweenDaysButKeepsTheTotal() {
    analytics.linkProperty().set(SampleWorkspace.links().getFirst());
    analytics.presetProperty().set(RangePreset.CUSTOM);
    analytics.customFromProperty().set(LocalDate.of(2026, 11, 1));
    analytics.customToProperty().set(LocalDate.of(2026, 11, 14));
    var utc = analytics.snapshotProperty().get();

    analytics.zoneProperty().set(ZoneId.of("Asia/Tokyo"));
    var tokyo = analytics.snapshotProperty().get();

    assertThat(tokyo.series().getFirst().start().getZone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
    assertThat(tokyo.series().getFirst().counts()).isNotEqualTo(utc.series().getFirst().counts());
  }

  @Test
  void exportsWhatIsShownAsCsvWithFormulaSafeValues() {
    analytics.linkProperty().set(SampleWorkspace.links().getFirst());
    analytics.presetProperty().set(RangePreset.LAST_7_DAYS);

    String csv = analytics.csv();

    assertThat(csv.lines().limit(3))
        .containsExactly(
            "link,/spring-sale,Spring sale – Instagram bio",
            "range,2026-11-14 00:00,2026-11-21 00:00,end exclusive",
            "time_zone,UTC,+00:00");
    assertThat(csv.lines()).contains("section,key,clicks,uniques,previous_clicks");
    assertThat(csv.lines().filter(line -> line.startsWith("series,"))).hasSize(7);
    assertThat(csv)
        .contains("\ncountry,US,")
        .contains("\ndevice,mobile,")
        .contains("\nutm_campaign,,");
  }

  @Test
  void theCsvNamesLinkRangeAndZoneInItsFileNameAndHoldsTheHeatmap() throws Exception {
    analytics.zoneProperty().set(ZoneId.of("America/New_York"));
    analytics.linkProperty().set(SampleWorkspace.links().getFirst());
    analytics.presetProperty().set(RangePreset.LAST_7_DAYS);
    var shown = analytics.snapshotProperty().get();

    assertThat(analytics.csvFileName())
        .isEqualTo("spring-sale_2026-11-14_2026-11-20_America-New_York.csv");
    String csv = analytics.csv();
    assertThat(csv.lines()).contains("time_zone,America/New_York,-05:00");
    List<String> heatmap = csv.lines().filter(line -> line.startsWith("heatmap,")).toList();
    assertThat(heatmap).hasSize(7 * 24);
    assertThat(heatmap.stream().mapToLong(line -> Long.parseLong(line.split(",")[2])).sum())
        .isEqualTo(shown.totals().clicks());
    assertThat(heatmap).contains("heatmap,Mon 09:00," + shown.heatmap()[0][9] + ",,");

    Path file = directory.resolve(analytics.csvFileName());
    analytics.exportCsv(file);
    assertThat(Files.readString(file)).isEqualTo(csv);
    assertThat(notices).containsExactly(Notice.info("Saved to " + file));

    analytics.exportCsv(directory.resolve("no-such-folder").resolve("x.csv"));
    assertThat(notices.getLast().level()).isEqualTo(Notice.Level.ERROR);
    assertThat(notices.getLast().title()).isEqualTo("The CSV could not be saved");
  }

  @Test
  void offlineAFilterShowsWhatTheDailyCellsHoldAndNamesWhatTheyCannotSplit() {
    analytics.linkProperty().set(SampleWorkspace.links().getFirst());
    var all = analytics.snapshotProperty().get();
    Slice mobile =
        all.breakdowns().get("device").stream()
            .filter(slice -> slice.value().equals("mobile"))
            .findFirst()
            .orElseThrow();

    analytics.filterBy("device", "mobile");
    var filtered = analytics.snapshotProperty().get();

    assertThat(filtered.filter()).isEqualTo(new Filter("device", "mobile"));
    assertThat(filtered.totals()).isEqualTo(mobile.counts());
    assertThat(filtered.totals().clicks()).isLessThan(all.totals().clicks());
    // UTC days fill UTC daily buckets exactly: the series of mobile clicks adds up.
    assertThat(filtered.shows(LinkAnalyticsViewModel.SERIES)).isTrue();
    assertThat(filtered.series().stream().mapToLong(p -> p.counts().clicks()).sum())
        .isEqualTo(mobile.counts().clicks());
    assertThat(filtered.breakdowns().get("device")).containsExactly(mobile);
    // Nothing in the copy says how mobile clicks split by country or hour.
    assertThat(filtered.unavailable())
        .contains("country", "browser", "source", LinkAnalyticsViewModel.MAP)
        .contains(LinkAnalyticsViewModel.HEATMAP)
        .doesNotContain("device");
    assertThat(filtered.note()).startsWith("Offline.").contains("Device: Mobile");
    assertThat(analytics.csv()).contains("filter,device,mobile").doesNotContain("\nheatmap,");

    analytics.clearFilter();
    assertThat(analytics.snapshotProperty().get().filter()).isNull();
    assertThat(analytics.snapshotProperty().get().totals()).isEqualTo(all.totals());
  }

  @Test
  void aCountryFilterKeepsTheMapButADailySeriesAwayFromUtcIsNotDrawnFromUtcDays() {
    analytics.linkProperty().set(SampleWorkspace.links().getFirst());
    analytics.filterBy("country", "DE");
    var utc = analytics.snapshotProperty().get();
    assertThat(utc.shows(LinkAnalyticsViewModel.MAP)).isTrue();
    assertThat(utc.countries().keySet()).containsExactly("DE");

    analytics.zoneProperty().set(ZoneId.of("Asia/Tokyo"));
    var tokyo = analytics.snapshotProperty().get();
    assertThat(tokyo.shows(LinkAnalyticsViewModel.SERIES)).isFalse();
    assertThat(tokyo.series()).isEmpty();
    assertThat(tokyo.note()).doesNotContain("their days");
    assertThat(utc.note()).contains("their days");
  }

  @Test
  void choosingAnotherLinkClearsTheFilter() {
    analytics.linkProperty().set(SampleWorkspace.links().getFirst());
    analytics.filterBy("device", "mobile");

    analytics.linkProperty().set(SampleWorkspace.links().get(1));

    assertThat(analytics.filterProperty().get()).isNull();
    assertThat(analytics.snapshotProperty().get().filter()).isNull();
  }

  @Test
  void comparesATagsLinksSideBySideFromTheLocalCopy() {
    analytics.comparingProperty().set(true);
    CompareViewModel compare = analytics.compare();
    assertThat(compare.tags()).contains("newsletter", "evergreen", "stores");

    compare.tagProperty().set("newsletter");
    var result = compare.resultProperty().get();

    assertThat(result.rows())
        .extracting(row -> row.link().slug())
        .containsExactlyInAnyOrder("holiday-gift-guide", "newsletter-nov");
    for (CompareViewModel.Row row : result.rows()) {
      analytics.linkProperty().set(row.link());
      assertThat(row.counts()).isEqualTo(analytics.snapshotProperty().get().totals());
    }
    assertThat(result.rows().stream().mapToDouble(CompareViewModel.Row::share).sum())
        .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(result.rows().getFirst().counts().clicks())
        .isGreaterThanOrEqualTo(result.rows().getLast().counts().clicks());
    assertThat(result.rows().getFirst().topCountry()).isNotNull();

    compare.add(SampleWorkspace.links().getFirst());
    compare.add(SampleWorkspace.links().getFirst());
    assertThat(compare.resultProperty().get().rows()).hasSize(3);
    compare.remove(SampleWorkspace.links().getFirst());
    assertThat(compare.resultProperty().get().rows()).hasSize(2);
  }
}
