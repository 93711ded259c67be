package io.linkscope.collector.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkscope.api.ApiException;
import io.linkscope.api.LinkscopeClient;
import io.linkscope.api.bio.BioPageInput;
import io.linkscope.api.bio.BioPageView;
import io.linkscope.api.bio.BioWidgetInput;
import io.linkscope.api.link.LinkInput;
import io.linkscope.api.link.LinkView;
import io.linkscope.api.retention.PurgeReport;
import io.linkscope.api.retention.WorkspaceDeletion;
import io.linkscope.api.stats.StatsQuery;
import io.linkscope.api.webhook.WebhookEndpointInput;
import io.linkscope.api.webhook.WebhookEvents;
import io.linkscope.api.workspace.ApiKeyInput;
import io.linkscope.collector.click.ClickTarget;
import io.linkscope.collector.testsupport.SettableClock;
import io.linkscope.collector.testsupport.TestCollector;
import io.linkscope.collector.webhook.WebhookOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deleting a link with or without its clicks, and a whole workspace, through the real collector,
 * client and MariaDB.
 */
class DeletionTest {
  private static final Instant START = Instant.parse("2031-05-04T10:00:00Z");
  private static final Instant FROM = Instant.parse("2031-05-01T00:00:00Z");
  private static final Instant TO = Instant.parse("2031-06-01T00:00:00Z");

  @TempDir static Path directory;
  static SettableClock clock;
  static TestCollector collector;

  @BeforeAll
  static void start() throws Exception {
    clock = new SettableClock(START);
    // Private targets allowed: the deleted workspace's webhook endpoint points at this machine.
    collector =
        TestCollector.start(
            directory,
            config -> config.withWebhooks(WebhookOptions.defaults().withAllowPrivateTargets(true)),
            clock);
  }

  @AfterAll
  static void stop() {
    collector.close();
  }

  @Test
  void aLinkDeletedKeepsItsClicksUnlessTheyAreDeletedToo() throws Exception {
    LinkscopeClient client = collector.client(collector.createWorkspaceKey("links"));
    long workspace = client.workspace().id();
    LinkView kept = client.createLink(LinkInput.to("https://example.com/kept"));
    LinkView gone = client.createLink(LinkInput.to("https://example.com/gone"));
    Clicks.onLink(collector, clock, workspace, kept.id(), 20, START);
    Clicks.onLink(collector, clock, workspace, gone.id(), 30, START);
    collector.awaitBacklogDrained(Duration.ofSeconds(30));
    long workspaceClicks = client.statsSummary(StatsQuery.workspace(FROM, TO)).current().clicks();
    assertThat(workspaceClicks).isEqualTo(50);

    client.deleteLink(kept.id(), false);
    client.deleteLink(gone.id(), true);

    assertThat(clicks(kept.id())).isEqualTo(20);
    assertThat(linkCells(kept.id())).isPositive();
    assertThat(clicks(gone.id())).isZero();
    assertThat(linkCells(gone.id())).isZero();
    // The workspace's statistics keep counting both links' clicks.
    assertThat(client.statsSummary(StatsQuery.workspace(FROM, TO)).current().clicks())
        .isEqualTo(workspaceClicks);
    PurgeReport report = client.retention().purges().getFirst();
    assertThat(report.reason()).isEqualTo("link");
    assertThat(report.linkId()).isEqualTo(gone.id());
    assertThat(report.rows()).isEqualTo(30);
    // The clicks of a deleted link can be deleted later, too.
    assertThat(client.deleteLinkClicks(kept.id()).rows()).isEqualTo(20);
    assertThat(clicks(kept.id())).isZero();

    // Another workspace's link, or none, is a 404 and deletes nothing.
    LinkscopeClient stranger = collector.client(collector.createWorkspaceKey("stranger"));
    LinkView theirs = client.createLink(LinkInput.to("https://example.com/theirs"));
    Clicks.onLink(collector, clock, workspace, theirs.id(), 3, START.plusSeconds(60));
    collector.awaitBacklogDrained(Duration.ofSeconds(30));
    for (long id : List.of(theirs.id(), 999_999L)) {
      assertThatThrownBy(() -> stranger.deleteLinkClicks(id))
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    }
    assertThat(clicks(theirs.id())).isEqualTo(3);
  }

  @Test
  void aDeletedWorkspaceStopsAnsweringAtOnceAndLeavesNoRowBehind() throws Exception {
    LinkscopeClient staying = collector.client(collector.createWorkspaceKey("staying"));
    LinkView stays = staying.createLink(LinkInput.to("https://example.com/stays"));
    Clicks.onLink(
        collector, clock, staying.workspace().id(), stays.id(), 10, START.plusSeconds(120));

    LinkscopeClient leaving = collector.client(collector.createWorkspaceKey("leaving"));
    long workspace = leaving.workspace().id();
    LinkView link =
        leaving.createLink(
            LinkInput.to("https://example.com/leaving").withTags(List.of("campaign")));
    BioPageView page = leaving.createPage(BioPageInput.of("leaving", "Leaving"));
    leaving.addWidget(page.id(), BioWidgetInput.link("Shop", "https://shop.example.com/"));
    leaving.publishPage(page.id());
    String viewer = leaving.createKey(new ApiKeyInput("viewer", "viewer")).key();
    long endpoint =
        leaving
            .createWebhookEndpoint(
                WebhookEndpointInput.of(
                    "http://127.0.0.1:9/hooks", List.of(WebhookEvents.LINK_CLICKED)))
            .endpoint()
            .id();
    Clicks.onLink(collector, clock, workspace, link.id(), 40, START.plusSeconds(120));
    Clicks.visits(
        collector, clock, ClickTarget.pageView(workspace, page.id()), 15, START.plusSeconds(180));
    collector.awaitBacklogDrained(Duration.ofSeconds(30));
    assertThat(count("SELECT COUNT(*) FROM click WHERE workspace_id = ?", workspace)).isEqualTo(55);
    assertThat(count("SELECT COUNT(*) FROM rollup_day WHERE workspace_id = ?", workspace))
        .isPositive();
    assertThat(status("/" + link.slug())).isEqualTo(302);
    assertThat(status("/@leaving")).isEqualTo(200);

    assertThatThrownBy(() -> leaving.deleteWorkspace("staying"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
    assertThatThrownBy(() -> collector.client(viewer).deleteWorkspace("leaving"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403));

    WorkspaceDeletion deletion = leaving.deleteWorkspace("leaving");
    assertThat(deletion.workspaceId()).isEqualTo(workspace);
    assertThat(deletion.slug()).isEqualTo("leaving");
    // At once: no key of it works, neither its link nor its page answers.
    for (LinkscopeClient key : List.of(leaving, collector.client(viewer))) {
      assertThatThrownBy(key::workspace)
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401));
    }
    assertThat(status("/" + link.slug())).isEqualTo(404);
    assertThat(status("/@leaving")).isEqualTo(404);

    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (count("SELECT COUNT(*) FROM workspace WHERE id = ?", workspace) > 0) {
      assertThat(System.nanoTime()).as("the workspace is deleted in time").isLessThan(deadline);
      Thread.sleep(50);
    }
    for (String table :
        List.of(
            "click",
            "link",
            "bio_page",
            "api_key",
            "domain",
            "rollup_hour",
            "rollup_day",
            "rollup_month",
            "ip_hash_key",
            "click_purge",
            "retention_policy",
            "conversion_fold",
            "webhook_event",
            "webhook_endpoint")) {
      assertThat(count("SELECT COUNT(*) FROM " + table + " WHERE workspace_id = ?", workspace))
          .as(table)
          .isZero();
    }
    assertThat(count("SELECT COUNT(*) FROM webhook_delivery WHERE endpoint_id = ?", endpoint))
        .isZero();
    assertThat(count("SELECT COUNT(*) FROM webhook_attempt WHERE endpoint_id = ?", endpoint))
        .isZero();
    assertThat(count("SELECT COUNT(*) FROM link_tag WHERE link_id = ?", link.id())).isZero();
    assertThat(count("SELECT COUNT(*) FROM bio_widget WHERE page_id = ?", page.id())).isZero();
    assertThat(count("SELECT COUNT(*) FROM page_widget WHERE page_id = ?", page.id())).isZero();
    // The other workspace keeps everything.
    assertThat(staying.link(stays.id()).id()).isEqualTo(stays.id());
    assertThat(clicks(stays.id())).isEqualTo(10);
    assertThat(status("/" + stays.slug())).isEqualTo(302);
  }

  private static long clicks(long linkId) throws Exception {
    return count("SELECT COUNT(*) FROM click WHERE link_id = ?", linkId);
  }

  private static long linkCells(long linkId) throws Exception {
    return count("SELECT COUNT(*) FROM rollup_day WHERE scope = 1 AND scope_id = ?", linkId);
  }

  private static long count(String sql, Object... params) throws Exception {
    return Clicks.count(collector, sql, params);
  }

  private static int status(String path) throws Exception {
    try (Response response = collector.send(collector.request(path).build())) {
      return response.code();
    }
  }
}
