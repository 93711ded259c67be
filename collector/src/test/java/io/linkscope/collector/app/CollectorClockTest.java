package io.linkscope.collector.app;

import static io.linkscope.collector.testsupport.TestGeoDatabase.LONDON_IP;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.linkscope.api.LinkscopeClient;
import io.linkscope.api.bio.BioPageInput;
import io.linkscope.api.bio.BioPageView;
import io.linkscope.api.link.LinkInput;
import io.linkscope.api.link.LinkView;
import io.linkscope.api.stats.StatsQuery;
import io.linkscope.api.sync.SyncLinks;
import io.linkscope.api.workspace.ApiKeyInput;
import io.linkscope.api.workspace.ApiKeyView;
import io.linkscope.collector.click.ClickTarget;
import io.linkscope.collector.click.Visitor;
import io.linkscope.collector.testsupport.SettableClock;
import io.linkscope.collector.testsupport.TestCollector;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collector's one clock: what it stores as created and updated times, and what "now" means to
 * sync and statistics, come from the clock it was started with, the same one that times visits,
 * seen through the real API. The clock stands years ahead of the machine's, so a time read from the
 * machine instead would show.
 */
class CollectorClockTest {
  private static final Instant START = Instant.parse("2031-05-04T10:00:00Z");

  @TempDir static Path directory;
  static SettableClock clock;
  static TestCollector collector;
  static LinkscopeClient client;

  @BeforeAll
  static void start() throws Exception {
    clock = new SettableClock(START);
    collector = TestCollector.start(directory, UnaryOperator.identity(), clock);
    client = collector.client();
  }

  @AfterAll
  static void stop() {
    collector.close();
  }

  @Test
  void theFirstWorkspaceIsCreatedAtTheClocksTime() {
    assertThat(client.workspace().createdAt()).isEqualTo(START);
  }

  @Test
  void aLinkIsCreatedAndUpdatedAtTheClocksTime() {
    Instant created = START.plus(Duration.ofDays(3));
    clock.set(created);
    LinkView link = client.createLink(LinkInput.to("https://example.com/clock"));
    assertThat(link.createdAt()).isEqualTo(created);
    assertThat(link.updatedAt()).isEqualTo(created);

    Instant edited = created.plus(Duration.ofHours(5));
    clock.set(edited);
    JsonObject patch = new JsonObject();
    patch.addProperty("title", "Edited later");
    LinkView updated = client.updateLink(link.id(), patch);
    assertThat(updated.createdAt()).isEqualTo(created);
    assertThat(updated.updatedAt()).isEqualTo(edited);
    assertThat(client.link(link.id()).updatedAt()).isEqualTo(edited);
  }

  @Test
  void aKeyAndABioPageAreCreatedAtTheClocksTime() {
    Instant now = START.plus(Duration.ofDays(40));
    clock.set(now);
    ApiKeyView key = client.createKey(new ApiKeyInput("clock", "viewer")).apiKey();
    assertThat(key.createdAt()).isEqualTo(now);
    BioPageView page = client.createPage(BioPageInput.of("clock-page", "Clock"));
    assertThat(page.createdAt()).isEqualTo(now);
    assertThat(page.updatedAt()).isEqualTo(now);
  }

  @Test
  void statisticsWithoutARangeCoverTheThirtyDaysUpToTheClocksHour() throws Exception {
    Instant visited = START.plus(Duration.ofDays(200)).plus(Duration.ofMinutes(10));
    clock.set(visited);
    LinkView link = client.createLink(LinkInput.to("https://example.com/counted"));
    Visitor reader =
        new Visitor(
            InetAddress.getByName(LONDON_IP),
            "localhost",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
                + " Chrome/120.0.0.0 Safari/537.36",
            "",
            "",
            "");
    assertThat(
            collector
                .collector()
                .capture()
                .capture("GET", reader, ClickTarget.link(client.workspace().id(), link.id())))
        .isTrue();
    collector.awaitBacklogDrained(Duration.ofSeconds(10));

    clock.set(visited.plus(Duration.ofDays(29)));
    StatsQuery noRange = new StatsQuery(link.id(), null, null, null, null, null, Map.of(), null);
    assertThat(client.statsSummary(noRange).current().clicks()).isEqualTo(1);
    clock.set(visited.plus(Duration.ofDays(31)));
    assertThat(client.statsSummary(noRange).current().clicks()).isZero();
  }

  @Test
  void syncHoldsBackChangesYoungerThanASecondOfTheSameClock() {
    Instant created = START.plus(Duration.ofDays(100));
    clock.set(created);
    LinkView link = client.createLink(LinkInput.to("https://example.com/settling"));

    // Stamped years ahead of the machine's clock, the link would never settle by that clock.
    SyncLinks fresh = client.syncLinks(null, 5000);
    assertThat(fresh.links()).extracting(LinkView::id).doesNotContain(link.id());

    clock.set(created.plusSeconds(2));
    SyncLinks settled = client.syncLinks(null, 5000);
    assertThat(settled.links()).extracting(LinkView::id).contains(link.id());
  }
}
