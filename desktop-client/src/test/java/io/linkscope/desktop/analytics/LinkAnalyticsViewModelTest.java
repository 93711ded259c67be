package io.linkscope.desktop.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.desktop.connection.Session;
import io.linkscope.desktop.testsupport.SampleWorkspace;
import io.linkscope.desktop.testsupport.Sessions;
import io.linkscope.desktop.ui.Granularity;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinkAnalyticsViewModelTest {
  @TempDir Path directory;
  private Session session;
  private LinkAnalyticsViewModel analytics;

  @BeforeEach
  void open() {
    session = Sessions.offlineWithSample(directory);
    analytics = new LinkAnalyticsViewModel(session, ZoneOffset.UTC);
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

    assertThat(csv.lines().findFirst()).contains("section,key,clicks,uniques,previous_clicks");
    assertThat(csv.lines().filter(line -> line.startsWith("series,"))).hasSize(7);
    assertThat(csv)
        .contains("\ncountry,US,")
        .contains("\ndevice,mobile,")
        .contains("\nutm_campaign,,");
  }
}
