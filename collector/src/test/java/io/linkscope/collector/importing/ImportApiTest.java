package io.linkscope.collector.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkscope.api.ApiException;
import io.linkscope.api.LinkscopeClient;
import io.linkscope.api.importing.ImportReport;
import io.linkscope.api.importing.ImportRow;
import io.linkscope.api.link.LinkInput;
import io.linkscope.api.link.LinkQuery;
import io.linkscope.api.link.LinkView;
import io.linkscope.collector.testsupport.RawHttp;
import io.linkscope.collector.testsupport.TestCollector;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Imports through the real collector, client and MariaDB: one sample export of every format (in the
 * test resources, written from each shortener's documented fields), dry runs, re-runs, the three
 * conflict policies, rows refused with their reasons, and bad requests. Each test works in a
 * workspace of its own.
 */
class ImportApiTest {
  private static final String CSV = "text/csv";
  private static final String JSON = "application/json";
  private static final AtomicInteger WORKSPACES = new AtomicInteger();

  @TempDir static Path directory;
  static TestCollector collector;

  @BeforeAll
  static void start() throws Exception {
    collector = TestCollector.start(directory);
  }

  @AfterAll
  static void stop() {
    if (collector != null) {
      collector.close();
    }
  }

  private static LinkscopeClient newWorkspace() throws Exception {
    return collector.client(collector.createWorkspaceKey("import-" + WORKSPACES.incrementAndGet()));
  }

  private static byte[] sample(String name) throws IOException {
    try (InputStream in = ImportApiTest.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return in.readAllBytes();
    }
  }

  private static ImportReport run(
      LinkscopeClient client, String sample, String type, String... params) throws IOException {
    Map<String, String> query = new LinkedHashMap<>();
    for (int i = 0; i < params.length; i += 2) {
      query.put(params[i], params[i + 1]);
    }
    return client.importLinks(sample(sample), type, query);
  }

  private static Map<String, ImportRow> bySlug(ImportReport report) {
    Map<String, ImportRow> rows = new HashMap<>();
    report.rows().forEach(row -> rows.put(String.valueOf(row.slug()), row));
    return rows;
  }

  private static long linkCount(LinkscopeClient client) {
    return client.links(new LinkQuery(null, null, null, 0, 1)).total();
  }

  @Test
  void everySampleIsReadAsItsFormatAndImported() throws Exception {
    LinkscopeClient client = newWorkspace();

    // Bitly: the custom link keeps its branded domain; bit.ly links land on the default domain.
    ImportReport bitlyDry = run(client, "bitly.csv", CSV, "dryRun", "true");
    assertThat(bitlyDry.format()).isEqualTo("bitly");
    assertThat(bitlyDry.dryRun()).isTrue();
    assertThat(bitlyDry.totals().created()).isEqualTo(2);
    assertThat(bitlyDry.totals().invalid()).isEqualTo(1);
    assertThat(linkCount(client)).isZero();
    ImportReport bitly = run(client, "bitly.csv", CSV);
    assertThat(bitly.totals().created()).isEqualTo(2);
    LinkView spring = client.link(bySlug(bitly).get("spring").linkId());
    assertThat(spring.domain()).isEqualTo("go.bitly-sample.test");
    assertThat(spring.targetUrl()).isEqualTo("https://shop.example.com/spring?utm_source=bitly");
    assertThat(spring.tags()).containsExactlyInAnyOrder("campaign-a", "spring");
    assertThat(spring.importedClicks()).isEqualTo(1204);
    assertThat(spring.totalClicks()).isZero();
    assertThat(spring.createdAt()).isEqualTo(Instant.parse("2024-03-01T09:15:00Z"));
    LinkView docs = client.link(bySlug(bitly).get("4dOcs22").linkId());
    assertThat(docs.domain()).isEmpty();
    assertThat(docs.createdAt()).isEqualTo(Instant.parse("2024-04-02T10:00:00Z"));

    ImportReport shlinkCsv = run(client, "shlink.csv", CSV);
    assertThat(shlinkCsv.format()).isEqualTo("shlink");
    assertThat(shlinkCsv.totals().created()).isEqualTo(2);
    LinkView launch = client.link(bySlug(shlinkCsv).get("launch").linkId());
    assertThat(launch.title()).isEqualTo("Launch, with a comma");
    assertThat(launch.createdAt()).isEqualTo(Instant.parse("2024-01-11T08:30:00Z"));
    assertThat(client.link(bySlug(shlinkCsv).get("promo").linkId()).tags())
        .containsExactlyInAnyOrder("promo", "q1");

    ImportReport shlinkApi = run(client, "shlink.json", JSON);
    assertThat(shlinkApi.format()).isEqualTo("shlink");
    LinkView post = client.link(shlinkApi.rows().get(0).linkId());
    assertThat(post.slug()).isEqualTo("sh-api1");
    assertThat(post.domain()).isEqualTo("s.shlink-api.test");
    assertThat(post.importedClicks()).isEqualTo(321);
    assertThat(post.validUntil()).isEqualTo(Instant.parse("2031-01-01T00:00:00Z"));
    assertThat(post.tags()).containsExactlyInAnyOrder("blog", "autumn");

    ImportReport kutt = run(client, "kutt.json", JSON);
    assertThat(kutt.format()).isEqualTo("kutt");
    assertThat(kutt.totals().created()).isEqualTo(1);
    LinkView news = client.link(bySlug(kutt).get("kt-news").linkId());
    assertThat(news.domain()).isEmpty();
    assertThat(news.notes()).isEqualTo("Newsletter sign-up");
    assertThat(news.importedClicks()).isEqualTo(88);
    assertThat(news.validUntil()).isEqualTo(Instant.parse("2030-06-30T00:00:00Z"));
    assertThat(bySlug(kutt).get("api").status()).isEqualTo(ImportRow.INVALID);
    assertThat(bySlug(kutt).get("api").reason()).contains("reserved");

    ImportReport yourls = run(client, "yourls.json", JSON);
    assertThat(yourls.format()).isEqualTo("yourls");
    assertThat(yourls.totals().created()).isEqualTo(2);
    LinkView one = client.link(bySlug(yourls).get("yl-one").linkId());
    assertThat(one.domain()).isEqualTo("y.yourls-sample.test");
    assertThat(one.importedClicks()).isEqualTo(42);
    assertThat(one.createdAt()).isEqualTo(Instant.parse("2023-11-05T14:22:10Z"));
    ImportReport yourlsTable = run(client, "yourls.csv", CSV);
    assertThat(yourlsTable.format()).isEqualTo("yourls");
    assertThat(client.link(yourlsTable.rows().get(0).linkId()).importedClicks()).isEqualTo(17);

    // From a file, streamed by the client.
    Path file = directory.resolve("rebrandly.json");
    java.nio.file.Files.write(file, sample("rebrandly.json"));
    ImportReport rebrandly = client.importLinks(file, JSON, Map.of());
    assertThat(rebrandly.format()).isEqualTo("rebrandly");
    LinkView lookbook = client.link(bySlug(rebrandly).get("lookbook").linkId());
    assertThat(lookbook.domain()).isEmpty();
    assertThat(lookbook.importedClicks()).isEqualTo(4200);
    assertThat(client.link(bySlug(rebrandly).get("jobs").linkId()).domain())
        .isEqualTo("go.rebrandly-sample.test");

    ImportReport linkscope = run(client, "linkscope.json", JSON);
    assertThat(linkscope.format()).isEqualTo("linkscope");
    LinkView home = client.link(bySlug(linkscope).get("ls-home").linkId());
    assertThat(home.redirectType()).isEqualTo(301);
    assertThat(home.forwardQuery()).isFalse();
    assertThat(home.notes()).isEqualTo("Moved from the old collector");
    assertThat(home.importedClicks()).isEqualTo(100);
    assertThat(bySlug(linkscope).get("ls-secret").status()).isEqualTo(ImportRow.INVALID);
    assertThat(bySlug(linkscope).get("ls-secret").reason()).contains("password");
    assertThat(bySlug(linkscope).get("ls-input").status()).isEqualTo(ImportRow.CREATED);

    ImportReport generic = run(client, "generic.csv", CSV, "map.slug", "Code");
    assertThat(generic.format()).isEqualTo("csv");
    LinkView catalogue = client.link(bySlug(generic).get("cat-2026").linkId());
    assertThat(catalogue.title()).isEqualTo("Catalogue");
    assertThat(catalogue.tags()).containsExactlyInAnyOrder("print", "catalogue");
    assertThat(catalogue.validUntil()).isEqualTo(Instant.parse("2031-12-31T00:00:00Z"));
    assertThat(catalogue.importedClicks()).isEqualTo(1500);
    ImportRow noCode = generic.rows().get(1);
    assertThat(noCode.status()).isEqualTo(ImportRow.CREATED);
    assertThat(client.link(noCode.linkId()).slug()).isEqualTo(noCode.slug()).hasSize(7);

    // The imported links answer like any other.
    try (Response redirect = collector.send(collector.request("/kt-news").build())) {
      assertThat(redirect.code()).isEqualTo(302);
      assertThat(redirect.header("Location")).isEqualTo("https://news.example.com/subscribe");
    }
  }

  @Test
  void aDryRunWritesNothingAndARerunChangesNothing() throws Exception {
    LinkscopeClient client = newWorkspace();
    String domain = "rerun.import.test";
    ImportReport dry = run(client, "shlink.csv", CSV, "dryRun", "true", "domain", domain);
    assertThat(dry.totals().created()).isEqualTo(2);
    assertThat(dry.totals().invalid()).isEqualTo(1);
    assertThat(dry.rows()).extracting(ImportRow::linkId).containsOnlyNulls();
    assertThat(linkCount(client)).isZero();
    // The dry run did not claim the domain either: another workspace can still take it.
    LinkscopeClient other = newWorkspace();
    assertThat(other.createLink(LinkInput.to("https://other.example.com/").withDomain(domain)))
        .isNotNull();
    String free = "rerun2.import.test";
    run(client, "shlink.csv", CSV, "dryRun", "true", "domain", free);
    ImportReport first = run(client, "shlink.csv", CSV, "domain", free);
    assertThat(first.dryRun()).isFalse();
    assertThat(first.totals().created()).isEqualTo(2);
    assertThat(linkCount(client)).isEqualTo(2);

    ImportReport again = run(client, "shlink.csv", CSV, "domain", free);
    assertThat(again.totals().created()).isZero();
    assertThat(again.totals().unchanged()).isEqualTo(2);
    assertThat(again.rows())
        .filteredOn(row -> row.status().equals(ImportRow.UNCHANGED))
        .extracting(ImportRow::linkId)
        .containsExactlyElementsOf(
            first.rows().stream()
                .filter(row -> row.status().equals(ImportRow.CREATED))
                .map(ImportRow::linkId)
                .toList());
    assertThat(linkCount(client)).isEqualTo(2);

    // Rows without a slug find their link by its target on a re-run.
    ImportReport generic = run(client, "generic.csv", CSV, "map.slug", "Code", "domain", free);
    ImportReport genericAgain = run(client, "generic.csv", CSV, "map.slug", "Code", "domain", free);
    assertThat(generic.totals().created()).isEqualTo(2);
    assertThat(genericAgain.totals().unchanged()).isEqualTo(2);
    assertThat(genericAgain.totals().created()).isZero();
    assertThat(linkCount(client)).isEqualTo(4);
  }

  @Test
  void takenSlugsFollowThePolicy() throws Exception {
    LinkscopeClient client = newWorkspace();
    String domain = "policy.import.test";
    LinkView mine =
        client.createLink(
            LinkInput.builder()
                .slug("promo")
                .domain(domain)
                .targetUrl("https://elsewhere.example.com/")
                .title("Mine")
                .tags(List.of("keep"))
                .build());

    ImportReport skip = run(client, "shlink.csv", CSV, "domain", domain, "policy", "skip");
    assertThat(skip.policy()).isEqualTo("skip");
    assertThat(bySlug(skip).get("promo").status()).isEqualTo(ImportRow.CONFLICT);
    assertThat(bySlug(skip).get("promo").reason()).contains("already sends to");
    assertThat(bySlug(skip).get("launch").status()).isEqualTo(ImportRow.CREATED);
    assertThat(client.link(mine.id()).targetUrl()).isEqualTo("https://elsewhere.example.com/");

    ImportReport renameDry =
        run(client, "shlink.csv", CSV, "domain", domain, "policy", "rename", "dryRun", "true");
    assertThat(renameDry.rows().get(0).status()).isEqualTo(ImportRow.RENAMED);
    assertThat(renameDry.rows().get(0).slug()).isEqualTo("promo-2");
    ImportReport rename = run(client, "shlink.csv", CSV, "domain", domain, "policy", "rename");
    ImportRow renamed = rename.rows().get(0);
    assertThat(renamed.status()).isEqualTo(ImportRow.RENAMED);
    assertThat(renamed.slug()).isEqualTo("promo-2");
    assertThat(client.link(renamed.linkId()).targetUrl())
        .isEqualTo("https://shop.example.com/promo");
    assertThat(bySlug(rename).get("launch").status()).isEqualTo(ImportRow.UNCHANGED);
    ImportReport renameAgain = run(client, "shlink.csv", CSV, "domain", domain, "policy", "rename");
    assertThat(renameAgain.rows().get(0).status()).isEqualTo(ImportRow.UNCHANGED);
    assertThat(renameAgain.rows().get(0).linkId()).isEqualTo(renamed.linkId());

    ImportReport overwrite =
        run(client, "shlink.csv", CSV, "domain", domain, "policy", "overwrite");
    assertThat(bySlug(overwrite).get("promo").status()).isEqualTo(ImportRow.UPDATED);
    LinkView overwritten = client.link(mine.id());
    assertThat(overwritten.targetUrl()).isEqualTo("https://shop.example.com/promo");
    assertThat(overwritten.title()).isEqualTo("Promo");
    assertThat(overwritten.tags()).containsExactlyInAnyOrder("promo", "q1");
    assertThat(overwritten.importedClicks()).isEqualTo(512);
    ImportReport overwriteAgain =
        run(client, "shlink.csv", CSV, "domain", domain, "policy", "overwrite");
    assertThat(bySlug(overwriteAgain).get("promo").status()).isEqualTo(ImportRow.UNCHANGED);

    // A slug another workspace has is never overwritten.
    LinkscopeClient other = newWorkspace();
    byte[] file = "keyword,url\npolicy-foreign,https://x.example.com/\n".getBytes();
    ImportReport foreign = other.importLinks(file, CSV, Map.of("domain", ""));
    assertThat(foreign.totals().created()).isEqualTo(1);
    ImportReport taken =
        client.importLinks(
            "keyword,url\npolicy-foreign,https://y.example.com/\n".getBytes(),
            CSV,
            Map.of("domain", "", "policy", "overwrite"));
    assertThat(taken.rows().get(0).status()).isEqualTo(ImportRow.CONFLICT);
    assertThat(taken.rows().get(0).reason()).contains("another workspace");
  }

  @Test
  void invalidRowsSayWhy() throws Exception {
    LinkscopeClient client = newWorkspace();
    ImportReport generic =
        run(client, "generic.csv", CSV, "map.slug", "Code", "domain", "invalid.import.test");
    Map<Integer, ImportRow> byLine = new HashMap<>();
    generic.rows().forEach(row -> byLine.put(row.line(), row));
    assertThat(byLine.get(4).status()).isEqualTo(ImportRow.INVALID);
    assertThat(byLine.get(4).reason()).contains("no target URL");
    assertThat(byLine.get(5).reason()).contains("reserved");
    assertThat(byLine.get(6).reason()).contains("expiry").contains("next week");
    assertThat(generic.totals().invalid()).isEqualTo(3);

    ImportReport bitly = run(client, "bitly.csv", CSV, "dryRun", "true", "domain", "b.test");
    assertThat(bitly.rows().get(2).reason()).contains("targetUrl").contains("http");
    ImportReport shlink = run(client, "shlink.csv", CSV, "dryRun", "true", "domain", "b.test");
    assertThat(shlink.rows().get(2).reason()).contains("clicks").contains("many");

    byte[] repeated =
        "slug,url\nsame,https://a.example.com/\nsame,https://b.example.com/\n".getBytes();
    ImportReport twice =
        client.importLinks(repeated, CSV, Map.of("dryRun", "true", "domain", "b.test"));
    assertThat(twice.rows().get(1).status()).isEqualTo(ImportRow.INVALID);
    assertThat(twice.rows().get(1).reason()).contains("also on line 2");
  }

  @Test
  void badRequestsAreRefusedWithTheirReason() throws Exception {
    LinkscopeClient client = newWorkspace();
    assertThatThrownBy(() -> run(client, "bitly.csv", CSV, "format", "excel"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400))
        .hasMessageContaining("format");
    assertThatThrownBy(() -> run(client, "bitly.csv", CSV, "policy", "merge"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
    assertThatThrownBy(() -> run(client, "bitly.csv", CSV, "map.color", "Title"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
    assertThatThrownBy(() -> run(client, "bitly.csv", "image/png"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(415));
    assertThatThrownBy(() -> client.importLinks(new byte[0], CSV, Map.of()))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
    assertThatThrownBy(() -> client.importLinks("{\"a\":1}".getBytes(), JSON, Map.of()))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
    assertThatThrownBy(() -> client.importLinks("[1,".getBytes(), JSON, Map.of()))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
    assertThatThrownBy(() -> client.importLinks("a,b\n\"x,1\n".getBytes(), CSV, Map.of()))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
    assertThatThrownBy(() -> client.importLinks("title,notes\nA,B\n".getBytes(), CSV, Map.of()))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400))
        .hasMessageContaining("target");
    StringBuilder manyRows = new StringBuilder("url\n");
    manyRows.append("https://rows.example.com/\n".repeat(SourceFile.MAX_ROWS + 1));
    assertThatThrownBy(
            () -> client.importLinks(manyRows.toString().getBytes(), CSV, Map.of("dryRun", "true")))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(413))
        .hasMessageContaining("at most 100000 rows");
    assertThat(linkCount(client)).isZero();

    // Larger than the limit: refused by its Content-Length before a byte of it is read.
    RawHttp.Reply tooLarge =
        new RawHttp(collector.collector().port(), Duration.ofSeconds(10))
            .send(
                "POST",
                "/api/v1/imports?dryRun=true",
                Map.of("Authorization", "Bearer " + collector.adminKey(), "Content-Type", CSV),
                new byte[0],
                ImportHandlers.MAX_FILE_BYTES + 1);
    assertThat(tooLarge.status()).isEqualTo(413);
    assertThat(tooLarge.body()).contains("payload_too_large");
  }

  @Test
  void aChunkedUploadOverTheLimitIsRefusedWhileItIsReadAndWritesNothing() throws Exception {
    String key = collector.createWorkspaceKey("import-" + WORKSPACES.incrementAndGet());
    LinkscopeClient client = collector.client(key);
    // Rows of ~600 bytes: the 32 MiB are passed long before the 100,000-row limit.
    String padding = "p".repeat(560);
    long limit = ImportHandlers.MAX_FILE_BYTES;
    AtomicLong sent = new AtomicLong();
    try (Socket socket = new Socket("127.0.0.1", collector.collector().port());
        ExecutorService sender = Executors.newSingleThreadExecutor()) {
      socket.setSoTimeout(60_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /api/v1/imports HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                  + key
                  + "\r\nContent-Type: text/csv\r\nTransfer-Encoding: chunked\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      Future<?> upload =
          sender.submit(
              () -> {
                // No declared size: the collector only learns the size by reading. Up to 40 MiB
                // are offered; once refused, the connection closes and the writes fail.
                try {
                  writeChunk(out, "target,slug\n".getBytes(StandardCharsets.US_ASCII));
                  for (int row = 0; sent.get() < limit + limit / 4; row++) {
                    byte[] chunk =
                        ("https://big.example.com/" + padding + ",big-" + row + "\n")
                            .getBytes(StandardCharsets.US_ASCII);
                    writeChunk(out, chunk);
                    sent.addAndGet(chunk.length);
                  }
                  out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                  out.flush();
                } catch (IOException refused) {
                  // The answer came before the whole body: what this test wants.
                }
                return null;
              });
      String answer =
          new String(socket.getInputStream().readNBytes(4096), StandardCharsets.ISO_8859_1);
      upload.get(60, TimeUnit.SECONDS);
      assertThat(answer).startsWith("HTTP/1.1 413");
      assertThat(answer).contains("application/json").contains("\"payload_too_large\"");
    }
    assertThat(linkCount(client)).isZero();
  }

  private static void writeChunk(OutputStream out, byte[] chunk) throws IOException {
    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(chunk);
    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
  }
}
