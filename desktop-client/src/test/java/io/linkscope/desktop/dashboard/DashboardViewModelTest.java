package io.linkscope.desktop.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.desktop.analytics.RangePreset;
import io.linkscope.desktop.connection.Session;
import io.linkscope.desktop.testsupport.Sessions;
import io.linkscope.desktop.ui.Charts;
import io.linkscope.desktop.ui.Formats;
import io.linkscope.desktop.ui.Granularity;
import io.linkscope.desktop.ui.Notice;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardViewModelTest {
  @TempDir Path directory;
  private Session session;
  private final List<Notice> notices = new ArrayList<>();

  @AfterEach
  void close() {
    session.close();
  }

  @Test
  void totalsTrendTopLinksAndCountriesAgreeWithEachOtherOffline() {
    session = Sessions.offlineWithSample(directory);
    DashboardViewModel dashboard = new DashboardViewModel(session, ZoneOffset.UTC, notices::add);

    dashboard.presetProperty().set(RangePreset.LAST_7_DAYS);
    DashboardViewModel.Snapshot shown = dashboard.snapshotProperty().get();

    long clicks = shown.kpis().getFirst().value();
    assertThat(clicks).isPositive();
    assertThat(shown.trend()).hasSize(7);
    assertThat(shown.trend().stream().mapToLong(p -> p.counts().clicks()).sum()).isEqualTo(clicks);
    assertThat(shown.topLinks().getFirst().name()).isEqualTo("Spring sale – Instagram bio");
    assertThat(shown.countries().values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(clicks);
    assertThat(shown.countries().get("US")).isGreaterThan(shown.countries().get("JP"));
    assertThat(shown.kpis().get(2).label()).isEqualTo("Page views");
    assertThat(shown.kpis().getFirst().changePercent()).isNotNull();
    assertThat(shown.empty()).isFalse();
    // Every source is passed on, so that the chart's "Other" row completes the total.
    assertThat(Charts.total(shown.topSources())).isEqualTo(clicks);
    assertThat(
            Charts.rows(shown.topSources(), 5, v -> Formats.value("source", v)).stream()
                .mapToLong(Charts.Row::value)
                .sum())
        .isEqualTo(clicks);
    assertThat(notices).isEmpty();
  }

  @Test
  void hourlyTrendOfTheLastDayHasAPointPerHour() {
    session = Sessions.offlineWithSample(directory);
    DashboardViewModel dashboard = new DashboardViewModel(session, ZoneOffset.UTC, notices::add);

    dashboard.presetProperty().set(RangePreset.LAST_24_HOURS);
    DashboardViewModel.Snapshot shown = dashboard.snapshotProperty().get();

    assertThat(shown.range().granularity()).isEqualTo(Granularity.HOUR);
    assertThat(shown.trend()).hasSize(24);
    assertThat(shown.trend().stream().mapToLong(p -> p.counts().clicks()).sum())
        .isEqualTo(shown.kpis().getFirst().value());
  }

  @Test
  void aStoreThatCannotBeReadIsReportedAsAnErrorDialog() {
    session = Sessions.offlineWithSample(directory);
    DashboardViewModel dashboard = new DashboardViewModel(session, ZoneOffset.UTC, notices::add);
    session.store().close();

    dashboard.reload();

    assertThat(dashboard.loadingProperty().get()).isFalse();
    assertThat(notices).hasSize(1);
    assertThat(notices.getFirst().level()).isEqualTo(Notice.Level.ERROR);
    assertThat(notices.getFirst().title()).isEqualTo("The dashboard cannot be shown");
    assertThat(notices.getFirst().message()).contains("local copy");
  }

  @Test
  void aWorkspaceWithoutLinksOrClicksIsShownAsEmpty() {
    session = Sessions.open(directory, Sessions.UNREACHABLE, "lsk_unused");
    DashboardViewModel dashboard = new DashboardViewModel(session, ZoneOffset.UTC, notices::add);

    dashboard.reload();

    assertThat(dashboard.snapshotProperty().get().empty()).isTrue();
    assertThat(dashboard.snapshotProperty().get().kpis().getFirst().changePercent()).isNull();
  }
}
