package io.linkscope.desktop.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.desktop.analytics.RangePreset;
import io.linkscope.desktop.connection.Session;
import io.linkscope.desktop.testsupport.Sessions;
import java.nio.file.Path;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardViewModelTest {
  @TempDir Path directory;
  private Session session;

  @AfterEach
  void close() {
    session.close();
  }

  @Test
  void totalsTrendTopLinksAndCountriesAgreeWithEachOtherOffline() {
    session = Sessions.offlineWithSample(directory);
    DashboardViewModel dashboard = new DashboardViewModel(session, ZoneOffset.UTC);

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
  }

  @Test
  void aWorkspaceWithoutLinksOrClicksIsShownAsEmpty() {
    session = Sessions.open(directory, Sessions.UNREACHABLE, "lsk_unused");
    DashboardViewModel dashboard = new DashboardViewModel(session, ZoneOffset.UTC);

    dashboard.reload();

    assertThat(dashboard.snapshotProperty().get().empty()).isTrue();
    assertThat(dashboard.snapshotProperty().get().kpis().getFirst().changePercent()).isNull();
  }
}
