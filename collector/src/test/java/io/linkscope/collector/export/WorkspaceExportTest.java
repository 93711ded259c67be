package io.linkscope.collector.export;

import static io.linkscope.collector.testsupport.TestGeoDatabase.LONDON_IP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import io.linkscope.api.ApiException;
import io.linkscope.api.Json;
import io.linkscope.api.LinkscopeClient;
import io.linkscope.api.bio.BioPageInput;
import io.linkscope.api.bio.BioPageView;
import io.linkscope.api.bio.BioWidgetInput;
import io.linkscope.api.link.LinkInput;
import io.linkscope.api.link.LinkQuery;
import io.linkscope.api.link.LinkView;
import io.linkscope.api.stats.StatsQuery;
import io.linkscope.api.workspace.ApiKeyInput;
import io.linkscope.collector.click.ClickTarget;
import io.linkscope.collector.click.Visitor;
import io.linkscope.collector.testsupport.SettableClock;
import io.linkscope.collector.testsupport.TestCollector;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The full export of a workspace through the real collector and client: the zip read back gives the
 * links and pages the API gives, every raw click, and rollups that add up to the statistics.
 */
class WorkspaceExportTest {
  private static final Instant START = Instant.parse("2031-05-04T10:00:00Z");
  private static final String CHROME =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/124.0.0.0 Safari/537.36";

  @TempDir static Path directory;
  static SettableClock clock;
  static TestCollector collector;

  @BeforeAll
  static void start() throws Exception {
    clock = new SettableClock(START);
    collector = TestCollector.start(directory, UnaryOperator.identity(), clock);
  }

  @AfterAll
  static void stop() {
    collector.close();
  }

  @Test
  void theZipReadBackHoldsTheLinksPagesClicksAndRollupsOfTheWorkspace() throws Exception {
    LinkscopeClient client = collector.client(collector.createWorkspaceKey("export"));
    long workspace = client.workspace().id();
    // More links than one page of the export's listing, some deleted, one with a title that
    // needs escaping.
    for (int i = 0; i < 520; i++) {
      client.createLink(
          LinkInput.to("https://example.com/p/" + i)
              .withTitle(i == 7 ? "\"Quoted\", with a comma\nand a line" : "Link " + i)
              .withTags(List.of("t" + (i % 3))));
    }
    List<LinkView> all = listAll(client);
    client.deleteLink(all.get(3).id());
    client.deleteLink(all.get(4).id());
    LinkView clicked = all.get(7);
    BioPageView page = client.createPage(BioPageInput.of("exported", "Exported"));
    client.addWidget(page.id(), BioWidgetInput.link("Shop", "https://shop.example.com/"));
    client.publishPage(page.id());

    for (int i = 0; i < 25; i++) {
      capture(ClickTarget.link(workspace, clicked.id()), i, START.plusSeconds(i));
    }
    for (int i = 0; i < 5; i++) {
      capture(ClickTarget.pageView(workspace, page.id()), i, START.plus(Duration.ofDays(1)));
    }
    collector.awaitBacklogDrained(Duration.ofSeconds(30));

    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    client.exportWorkspace(zip);
    Map<String, String> files = unzip(zip.toByteArray());
    assertThat(files)
        .containsOnlyKeys(
            "workspace.json",
            "links.json",
            "pages.json",
            "clicks.csv",
            "rollups-hour.csv",
            "rollups-day.csv",
            "rollups-month.csv",
            "README.txt");

    JsonObject manifest = Json.parseObject(files.get("workspace.json"));
    assertThat(manifest.getAsJsonObject("workspace").get("slug").getAsString()).isEqualTo("export");
    // links.json is the API's LinkView, read back as such: the same links the API lists.
    List<LinkView> exported =
        Arrays.stream(Json.read(files.get("links.json"), LinkView[].class))
            .sorted(Comparator.comparingLong(LinkView::id))
            .toList();
    List<LinkView> live =
        listAll(client).stream().sorted(Comparator.comparingLong(LinkView::id)).toList();
    assertThat(exported).hasSize(518).isEqualTo(live);
    assertThat(Arrays.asList(Json.read(files.get("pages.json"), BioPageView[].class)))
        .isEqualTo(client.pages());

    List<String> clickLines = files.get("clicks.csv").lines().toList();
    assertThat(clickLines).hasSize(1 + 30);
    List<String> header = List.of(clickLines.getFirst().split(","));
    assertThat(header).contains("click_id", "kind", "clicked_at", "link_id", "visitor", "country");
    List<String> first = List.of(clickLines.get(1).split(",", -1));
    assertThat(first.get(header.indexOf("kind"))).isEqualTo("link_click");
    assertThat(first.get(header.indexOf("clicked_at"))).isEqualTo(START.toString());
    assertThat(first.get(header.indexOf("link_id"))).isEqualTo(Long.toString(clicked.id()));
    assertThat(first.get(header.indexOf("country"))).isEqualTo("GB");
    assertThat(files.get("clicks.csv")).doesNotContain(LONDON_IP);
    assertThat(clickLines.getLast()).contains("page_view");

    // The daily total cells of the link add up to its statistics.
    long dailyClicks =
        files
            .get("rollups-day.csv")
            .lines()
            .skip(1)
            .map(line -> line.split(",", -1))
            .filter(
                cell ->
                    cell[0].equals("link")
                        && cell[1].equals(Long.toString(clicked.id()))
                        && cell[3].equals("total"))
            .mapToLong(cell -> Long.parseLong(cell[6]))
            .sum();
    assertThat(dailyClicks)
        .isEqualTo(
            client
                .statsSummary(
                    StatsQuery.link(
                        clicked.id(),
                        START.minus(Duration.ofDays(1)),
                        START.plus(Duration.ofDays(2))))
                .current()
                .clicks())
        .isEqualTo(25);
    assertThat(files.get("rollups-month.csv")).contains("workspace," + workspace + ",view,total");
    assertThat(files.get("README.txt")).contains("links.json");

    // Only an admin exports the whole workspace.
    String viewer = client.createKey(new ApiKeyInput("viewer", "viewer")).key();
    assertThatThrownBy(() -> collector.client(viewer).exportWorkspace(new ByteArrayOutputStream()))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
  }

  private static void capture(ClickTarget target, int visitor, Instant at) throws Exception {
    clock.set(at);
    Visitor who =
        new Visitor(
            InetAddress.getByName(LONDON_IP), "localhost", CHROME + " v" + visitor, "", "", "");
    assertThat(collector.collector().capture().capture("GET", who, target)).isTrue();
  }

  private static List<LinkView> listAll(LinkscopeClient client) {
    List<LinkView> links = new java.util.ArrayList<>();
    for (int offset = 0; ; offset += 500) {
      List<LinkView> page = client.links(new LinkQuery(null, null, "created", offset, 500)).items();
      links.addAll(page);
      if (page.size() < 500) {
        return links;
      }
    }
  }

  private static Map<String, String> unzip(byte[] bytes) throws Exception {
    Map<String, String> files = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(bytes))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        files.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return files;
  }
}
