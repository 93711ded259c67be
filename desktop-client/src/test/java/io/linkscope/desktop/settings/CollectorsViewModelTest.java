package io.linkscope.desktop.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.api.cluster.CollectorView;
import io.linkscope.collector.testsupport.TestCollector;
import io.linkscope.desktop.connection.Session;
import io.linkscope.desktop.ui.Formats;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collectors tab's logic: the real collector lists itself as up, with no backlog; the words for
 * late and down collectors, backlog and lag; an unreachable collector.
 */
class CollectorsViewModelTest {
  private static final ZoneId ZONE = ZoneId.of("Europe/London");

  @TempDir Path home;
  private TestCollector collector;
  private Session session;

  @AfterEach
  void close() {
    if (session != null) {
      session.close();
    }
    if (collector != null) {
      collector.close();
    }
  }

  @Test
  void theRealCollectorListsItselfUpWithoutBacklog() throws Exception {
    collector = TestCollector.start(home.resolve("collector"));
    session = Sessions.open(home.resolve("session"), collector.baseUrl(), collector.adminKey());
    CollectorsViewModel model = new CollectorsViewModel(session, ZONE);

    model.reload();

    assertThat(model.statusProperty().get()).isEmpty();
    assertThat(model.loadedProperty().get()).isTrue();
    CollectorView self = model.collectors().stream().filter(CollectorView::self).findFirst().get();
    assertThat(self.state()).isEqualTo("up");
    assertThat(model.state(self)).isEqualTo("Up (this one)");
    assertThat(CollectorsViewModel.stateStyle(self)).isEqualTo("status-online");
    assertThat(model.backlog(self)).isEqualTo("none");
    assertThat(model.lag(self)).isEqualTo("0 s");
    assertThat(self.version()).isNotBlank();
    assertThat(model.lastSeen(self))
        .isEqualTo("just now (" + Formats.dateTime(self.lastSeenAt(), ZONE) + ")");
    assertThat(model.summaryProperty().get())
        .isEqualTo("1 collector: 1 up · every answered click is in the database");
  }

  @Test
  void saysWhatIsLateDownAndBehind() throws Exception {
    session =
        Sessions.open(
            home.resolve("offline"), io.linkscope.desktop.testsupport.Sessions.UNREACHABLE, "k");
    CollectorsViewModel model = new CollectorsViewModel(session, ZONE);
    Instant now = Instant.now();
    CollectorView late =
        new CollectorView(
            "c-2",
            "node-2",
            "1.4.0",
            now.minusSeconds(7200),
            now.minusSeconds(25),
            1204,
            4.25,
            "late",
            false);
    CollectorView down =
        new CollectorView(
            "c-3",
            "node-3",
            "1.3.9",
            now.minusSeconds(90_000),
            now.minusSeconds(3 * 3600),
            48_211,
            3 * 3600 + 125,
            "down",
            false);

    assertThat(model.state(late)).isEqualTo("Late");
    assertThat(CollectorsViewModel.stateStyle(late)).isEqualTo("status-offline");
    assertThat(model.backlog(late)).isEqualTo("1,204 clicks");
    assertThat(model.lag(late)).isEqualTo("4.3 s");
    assertThat(model.state(down)).isEqualTo("Down");
    assertThat(CollectorsViewModel.stateStyle(down)).isEqualTo("status-rejected");
    assertThat(model.lag(down)).isEqualTo("3 h 2 min");
    assertThat(model.lastSeen(down)).startsWith("3 hours ago (");
    assertThat(CollectorsViewModel.summary(List.of(late, down)))
        .isEqualTo("2 collectors: 0 up, 1 late, 1 down · 49,415 clicks not in the database yet");
    assertThat(CollectorsViewModel.summary(List.of())).isEqualTo("No collector has reported yet.");

    model.reload();
    assertThat(model.statusProperty().get())
        .startsWith("Offline: the collector cannot be reached, so the collectors cannot be shown");
    assertThat(model.collectors()).isEmpty();
  }
}
