package io.linkscope.collector.sync;

import static io.linkscope.collector.testsupport.TestGeoDatabase.BERLIN_IP;
import static io.linkscope.collector.testsupport.TestGeoDatabase.LONDON_IP;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.linkscope.api.LinkscopeClient;
import io.linkscope.api.link.LinkInput;
import io.linkscope.api.link.LinkView;
import io.linkscope.api.sync.RollupRow;
import io.linkscope.api.sync.SyncLinks;
import io.linkscope.api.sync.SyncRollups;
import io.linkscope.collector.click.ClickTarget;
import io.linkscope.collector.click.Visitor;
import io.linkscope.collector.testsupport.TestCollector;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The desktop app's offline copy: paged, cursor-based pulls of links and rollup cells. */
class SyncApiTest {
  @TempDir static Path directory;
  static TestCollector collector;
  static LinkscopeClient client;

  @BeforeAll
  static void start() throws Exception {
    collector = TestCollector.start(directory);
    client = collector.client();
  }

  @AfterAll
  static void stop() {
    collector.close();
  }

  @Test
  void keepsACompleteLocalCopyOfRollupsCurrentPageByPage() throws Exception {
    LinkView a = client.createLink(LinkInput.to("https://example.com/a"));
    LinkView b = client.createLink(LinkInput.to("https://example.com/b"));
    visit(a, LONDON_IP, 3);
    visit(b, BERLIN_IP, 2);
    long workspaceId = client.workspace().id();
    // A whole browser User-Agent: a bare "Mozilla/5.0" is what scripts send, and counts as a bot.
    Visitor reader =
        new Visitor(
            InetAddress.getByName(LONDON_IP),
            "",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
                + " Chrome/120.0.0.0 Safari/537.36",
            "",
            "",
            "");
    collector.collector().capture().capture("GET", reader, ClickTarget.pageView(workspaceId, 4));
    collector
        .collector()
        .capture()
        .capture("GET", reader, ClickTarget.widgetTap(workspaceId, 4, 8, "link", "Shop"));
    collector.awaitBacklogDrained(Duration.ofSeconds(10));

    Map<String, RollupRow> local = new HashMap<>();
    String cursor = pullAll(null, local);
    assertThat(total(local, "link", a.id())).isEqualTo(3);
    assertThat(total(local, "link", b.id())).isEqualTo(2);
    assertThat(total(local, "workspace", workspaceId)).isEqualTo(5);
    RollupRow view = only(local, "page", 4, "view", "total");
    assertThat(view.clicks()).isEqualTo(1);
    assertThat(view.hour()).isEqualTo(view.hour().truncatedTo(ChronoUnit.HOURS));
    assertThat(only(local, "page", 4, "tap", "widget").value()).isEqualTo("8");
    assertThat(local.values())
        .filteredOn(r -> r.scope().equals("link") && r.scopeId() == a.id())
        .extracting(RollupRow::dimension)
        .contains("total", "country", "device", "utm_source", "language");
    assertThat(local.values())
        .filteredOn(
            r ->
                r.scope().equals("link")
                    && r.scopeId() == a.id()
                    && r.dimension().equals("country"))
        .extracting(RollupRow::value)
        .containsOnly("GB");
    // Totals come by the hour, every other dimension by the UTC day.
    assertThat(local.values())
        .filteredOn(r -> !r.dimension().equals("total"))
        .allSatisfy(r -> assertThat(r.hour()).isEqualTo(r.hour().truncatedTo(ChronoUnit.DAYS)));

    visit(a, BERLIN_IP, 4);
    collector.awaitBacklogDrained(Duration.ofSeconds(10));
    Map<String, RollupRow> changed = new HashMap<>();
    pullAll(cursor, changed);
    assertThat(changed.values())
        .extracting(RollupRow::scope, RollupRow::scopeId)
        .allSatisfy(
            scope ->
                assertThat(scope.toList())
                    .isIn(List.of("link", a.id()), List.of("workspace", workspaceId)));
    local.putAll(changed);
    assertThat(total(local, "link", a.id())).isEqualTo(7);
    assertThat(total(local, "link", b.id())).isEqualTo(2);
    assertThat(total(local, "workspace", workspaceId)).isEqualTo(9);
  }

  @Test
  void pullsChangedAndDeletedLinksSinceACursor() throws Exception {
    LinkView kept = client.createLink(LinkInput.to("https://example.com/kept"));
    LinkView doomed = client.createLink(LinkInput.to("https://example.com/doomed"));
    Thread.sleep(SyncHandlers.SETTLE.toMillis() + 100);
    String cursor = null;
    Map<Long, LinkView> local = new HashMap<>();
    SyncLinks page;
    do {
      page = client.syncLinks(cursor, 1);
      page.links().forEach(link -> local.put(link.id(), link));
      cursor = page.cursor();
    } while (page.more());
    assertThat(local).containsKeys(kept.id(), doomed.id());

    JsonObject patch = new JsonObject();
    patch.addProperty("title", "Renamed");
    client.updateLink(kept.id(), patch);
    client.deleteLink(doomed.id());
    Thread.sleep(SyncHandlers.SETTLE.toMillis() + 100);
    SyncLinks changes = client.syncLinks(cursor, 100);
    assertThat(changes.links())
        .extracting(LinkView::id, LinkView::title)
        .containsExactly(org.assertj.core.api.Assertions.tuple(kept.id(), "Renamed"));
    assertThat(changes.deletedIds()).containsExactly(doomed.id());
    assertThat(changes.more()).isFalse();
    assertThat(client.syncLinks(changes.cursor(), 100).links()).isEmpty();
  }

  private static String pullAll(String cursor, Map<String, RollupRow> local) {
    SyncRollups page;
    int pages = 0;
    do {
      page = client.syncRollups(cursor, 7);
      for (RollupRow row : page.rows()) {
        local.put(
            row.scope()
                + "|"
                + row.scopeId()
                + "|"
                + row.hour()
                + "|"
                + row.kind()
                + "|"
                + row.dimension()
                + "|"
                + row.value(),
            row);
      }
      cursor = page.cursor();
      pages++;
    } while (page.more());
    assertThat(pages).isGreaterThan(1);
    return cursor;
  }

  private static long total(Map<String, RollupRow> local, String scope, long scopeId) {
    return local.values().stream()
        .filter(r -> r.scope().equals(scope) && r.scopeId() == scopeId)
        .filter(r -> r.kind().equals("click") && r.dimension().equals("total"))
        .mapToLong(RollupRow::clicks)
        .sum();
  }

  private static RollupRow only(
      Map<String, RollupRow> local, String scope, long scopeId, String kind, String dimension) {
    List<RollupRow> rows =
        local.values().stream()
            .filter(r -> r.scope().equals(scope) && r.scopeId() == scopeId)
            .filter(r -> r.kind().equals(kind) && r.dimension().equals(dimension))
            .toList();
    assertThat(rows).hasSize(1);
    return rows.getFirst();
  }

  private static void visit(LinkView link, String ip, int times) throws Exception {
    for (int i = 0; i < times; i++) {
      try (Response response =
          collector.send(
              collector
                  .request("/" + link.slug())
                  .header("X-Forwarded-For", ip)
                  .header("User-Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0")
                  .build())) {
        assertThat(response.code()).isEqualTo(302);
      }
    }
  }
}
