package io.linkscope.collector.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.api.ApiException;
import io.linkscope.api.LinkscopeClient;
import io.linkscope.api.bio.BioPageInput;
import io.linkscope.api.bio.BioPageView;
import io.linkscope.api.bio.BioWidgetInput;
import io.linkscope.api.bio.BioWidgetView;
import io.linkscope.api.conversion.ConversionInput;
import io.linkscope.api.link.LinkInput;
import io.linkscope.api.link.LinkView;
import io.linkscope.api.live.LiveEvent;
import io.linkscope.api.live.LiveFeed;
import io.linkscope.api.live.LiveQuery;
import io.linkscope.collector.app.CollectorConfig;
import io.linkscope.collector.testsupport.TcpProxy;
import io.linkscope.collector.testsupport.TestCollector;
import io.linkscope.collector.testsupport.TestGeoDatabase;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live stream on the real collector and MariaDB, read by the real client: clicks, page views,
 * taps and conversions as they are recorded; link and tag filters; resuming with Last-Event-ID and
 * a resume from too long ago; the cap per key; the heartbeat; and a client that never reads, which
 * must not hold up redirects.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LiveApiTest {
  private static final String BROWSER =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/124.0.0.0 Safari/537.36";

  @TempDir static Path directory;
  static TestCollector collector;
  static LinkscopeClient client;

  @BeforeAll
  static void start() throws Exception {
    collector =
        TestCollector.start(
            directory,
            config -> config.withLive(new CollectorConfig.Live(Duration.ofMillis(300), 3, 50)));
    client = collector.client();
  }

  @AfterAll
  static void stop() {
    collector.close();
  }

  /** What a feed reported, for the test to wait on. */
  static final class Recorder implements LiveFeed.Listener {
    final BlockingQueue<LiveEvent> events = new LinkedBlockingQueue<>();
    final AtomicInteger connects = new AtomicInteger();
    final BlockingQueue<ApiException> refusals = new LinkedBlockingQueue<>();

    @Override
    public void event(LiveEvent event) {
      events.add(event);
    }

    @Override
    public void connected() {
      connects.incrementAndGet();
    }

    @Override
    public void offline(String reason) {}

    @Override
    public void refused(ApiException error) {
      refusals.add(error);
    }

    /** The next event of one of the types, skipping others; fails after 10 s. */
    LiveEvent next(String... types) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (System.nanoTime() < deadline) {
        LiveEvent event = events.poll(100, TimeUnit.MILLISECONDS);
        if (event != null && List.of(types).contains(event.type())) {
          return event;
        }
      }
      throw new AssertionError("no " + String.join("/", types) + " event within 10 s");
    }

    void awaitConnected() throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (connects.get() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(connects.get()).isPositive();
    }
  }

  private static LiveFeed open(LiveQuery query, Recorder recorder) throws InterruptedException {
    LiveFeed feed = client.live(query, recorder);
    recorder.awaitConnected();
    return feed;
  }

  private static String visit(String path, String ip) throws Exception {
    try (Response response =
        collector.send(
            collector
                .request(path)
                .header("User-Agent", BROWSER)
                .header("X-Forwarded-For", ip)
                .build())) {
      return response.header("Location", "");
    }
  }

  private static LinkView link(String slug, String... tags) {
    return client.createLink(
        LinkInput.to("https://shop.example.com/" + slug).withSlug(slug).withTags(List.of(tags)));
  }

  @Test
  void clicksPageViewsTapsAndConversionsArriveAsTheyAreRecorded() throws Exception {
    LinkView link =
        client.createLink(
            LinkInput.to("https://shop.example.com/p")
                .withSlug("live-all")
                .withClickIdParam("lsclid"));
    BioPageView page = client.createPage(BioPageInput.of("live-page", "Live page"));
    BioWidgetView widget =
        client.addWidget(page.id(), BioWidgetInput.link("Shop", "https://shop.example.com/"));
    client.publishPage(page.id());
    Recorder recorder = new Recorder();
    try (LiveFeed feed = open(LiveQuery.ALL, recorder)) {
      String location =
          visit("/live-all?utm_source=news&utm_campaign=spring", TestGeoDatabase.LONDON_IP);
      LiveEvent click = recorder.next(LiveEvent.CLICK);
      assertThat(click.linkId()).isEqualTo(link.id());
      assertThat(click.country()).isEqualTo("GB");
      assertThat(click.city()).isEqualTo("London");
      assertThat(click.latitude()).isNotNull();
      assertThat(click.browser()).isEqualTo("Chrome");
      assertThat(click.utmCampaign()).isEqualTo("spring");
      assertThat(click.id()).isEqualTo(feed.lastEventId());

      visit("/@live-page", TestGeoDatabase.BERLIN_IP);
      LiveEvent view = recorder.next(LiveEvent.PAGE_VIEW);
      assertThat(view.pageId()).isEqualTo(page.id());
      assertThat(view.country()).isEqualTo("DE");
      assertThat(view.id()).isGreaterThan(click.id());

      visit("/@live-page/w/" + widget.id(), TestGeoDatabase.TOKYO_IP);
      LiveEvent tap = recorder.next(LiveEvent.TAP);
      assertThat(tap.widgetId()).isEqualTo(widget.id());
      assertThat(tap.widgetTitle()).isEqualTo("Shop");
      assertThat(tap.country()).isEqualTo("JP");

      String clickId = location.substring(location.indexOf("lsclid=") + 7);
      client.reportConversion(
          new ConversionInput("live-1", clickId, "purchase", new BigDecimal("19.90"), "EUR", null));
      LiveEvent conversion = recorder.next(LiveEvent.CONVERSION);
      assertThat(conversion.conversion()).isEqualTo("purchase");
      assertThat(conversion.value()).isEqualByComparingTo("19.90");
      assertThat(conversion.currency()).isEqualTo("EUR");
      assertThat(conversion.linkId()).isEqualTo(link.id());
    }
  }

  @Test
  void theRawAddressIsInNoEvent() throws Exception {
    LinkView link = link("live-private");
    try (Response response =
        collector.send(
            collector
                .request("/api/v1/live")
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + collector.adminKey())
                .build())) {
      assertThat(response.code()).isEqualTo(200);
      assertThat(response.header("Content-Type")).startsWith("text/event-stream");
      visit("/live-private", TestGeoDatabase.LONDON_IP);
      BufferedReader reader =
          new BufferedReader(
              new InputStreamReader(response.body().byteStream(), StandardCharsets.UTF_8));
      String data = null;
      while (data == null || !data.contains("\"linkId\":" + link.id() + ",")) {
        String line = reader.readLine();
        assertThat(line).isNotNull();
        if (line.startsWith("data: ")) {
          data = line;
        }
      }
      assertThat(data).doesNotContain(TestGeoDatabase.LONDON_IP).doesNotContain("81.2.69");
      assertThat(data).doesNotContain("ipHash").doesNotContain("visitor");
    }
  }

  @Test
  void linkAndTagFiltersLeaveOtherLinksOut() throws Exception {
    LinkView wanted = link("live-wanted");
    LinkView tagged = link("live-tagged", "live-campaign");
    link("live-other");
    Recorder byLink = new Recorder();
    Recorder byTag = new Recorder();
    try (LiveFeed a = open(new LiveQuery(Set.of(wanted.id()), null), byLink);
        LiveFeed b = open(new LiveQuery(Set.of(), "live-campaign"), byTag)) {
      visit("/live-other", TestGeoDatabase.LONDON_IP);
      visit("/live-tagged", TestGeoDatabase.LONDON_IP);
      visit("/live-wanted", TestGeoDatabase.LONDON_IP);
      assertThat(byLink.next(LiveEvent.CLICK).linkId()).isEqualTo(wanted.id());
      assertThat(byTag.next(LiveEvent.CLICK).linkId()).isEqualTo(tagged.id());
      Thread.sleep(300);
      assertThat(byLink.events).noneMatch(e -> e.visit());
      assertThat(byTag.events).noneMatch(e -> e.visit());
    }
  }

  @Test
  void lastEventIdResumesWithWhatWasMissedAndAnOldIdIsToldSo() throws Exception {
    link("live-resume");
    Recorder first = new Recorder();
    long last;
    try (LiveFeed feed = open(new LiveQuery(Set.of(), null), first)) {
      visit("/live-resume", TestGeoDatabase.LONDON_IP);
      last = first.next(LiveEvent.CLICK).id();
    }
    visit("/live-resume?n=2", TestGeoDatabase.BERLIN_IP);
    visit("/live-resume?n=3", TestGeoDatabase.TOKYO_IP);
    collector.awaitBacklogDrained(Duration.ofSeconds(10));
    Thread.sleep(200);

    List<String> resumed = readData(last, 2);
    assertThat(resumed).hasSize(2);
    assertThat(resumed.get(0)).contains("\"country\":\"DE\"");
    assertThat(resumed.get(1)).contains("\"country\":\"JP\"");

    // An id from before this collector started (or older than the ring) is answered as missed.
    List<String> tooOld = readData(1000, 1);
    assertThat(tooOld.getFirst()).contains("\"type\":\"missed\"");

    try (Response response = stream("abc")) {
      assertThat(response.code()).isEqualTo(400);
      assertThat(response.body().string()).contains("invalid_last_event_id");
    }
  }

  private static Response stream(@Nullable String lastEventId) throws Exception {
    Request.Builder request =
        collector
            .request("/api/v1/live")
            .header("Accept", "text/event-stream")
            .header("Authorization", "Bearer " + collector.adminKey());
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    return collector.send(request.build());
  }

  /** The data lines of the first {@code count} events after {@code lastEventId}. */
  private static List<String> readData(long lastEventId, int count) throws Exception {
    List<String> data = new ArrayList<>();
    try (Response response = stream(Long.toString(lastEventId))) {
      assertThat(response.code()).isEqualTo(200);
      BufferedReader reader =
          new BufferedReader(
              new InputStreamReader(response.body().byteStream(), StandardCharsets.UTF_8));
      while (data.size() < count) {
        String line = reader.readLine();
        assertThat(line).isNotNull();
        if (line.startsWith("data: ")) {
          data.add(line);
        }
      }
    }
    return data;
  }

  @Test
  void theClientReconnectsByItselfAndGetsWhatItMissed() throws Exception {
    String key = collector.createWorkspaceKey("live-reconnect");
    collector
        .client(key)
        .createLink(LinkInput.to("https://shop.example.com/r").withSlug("live-reconnect"));
    // A TCP proxy in front of the collector, to cut the stream's connection.
    try (TcpProxy proxy = TcpProxy.inFrontOf("jdbc:" + collector.baseUrl() + "/")) {
      LinkscopeClient viaProxy = new LinkscopeClient("http://127.0.0.1:" + proxy.port(), key);
      Recorder recorder = new Recorder();
      try (LiveFeed feed = viaProxy.live(LiveQuery.ALL, recorder)) {
        recorder.awaitConnected();
        visit("/live-reconnect?n=1", TestGeoDatabase.LONDON_IP);
        long first = recorder.next(LiveEvent.CLICK).id();
        proxy.cut();
        visit("/live-reconnect?n=2", TestGeoDatabase.BERLIN_IP);
        visit("/live-reconnect?n=3", TestGeoDatabase.TOKYO_IP);
        Thread.sleep(300);
        proxy.restore();
        LiveEvent second = recorder.next(LiveEvent.CLICK);
        LiveEvent third = recorder.next(LiveEvent.CLICK);
        assertThat(second.country()).isEqualTo("DE");
        assertThat(third.country()).isEqualTo("JP");
        assertThat(second.id()).isGreaterThan(first);
        assertThat(recorder.connects.get()).isGreaterThanOrEqualTo(2);
        assertThat(feed.lastEventId()).isEqualTo(third.id());
      }
    }
  }

  @Test
  void aKeyHoldsAtMostItsCapOfStreams() throws Exception {
    String key = collector.createWorkspaceKey("live-cap");
    LinkscopeClient capped = collector.client(key);
    List<LiveFeed> feeds = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        Recorder recorder = new Recorder();
        feeds.add(capped.live(LiveQuery.ALL, recorder));
        recorder.awaitConnected();
      }
      try (Response response =
          collector.send(
              collector
                  .request("/api/v1/live")
                  .header("Accept", "text/event-stream")
                  .header("Authorization", "Bearer " + key)
                  .build())) {
        assertThat(response.code()).isEqualTo(429);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.body().string()).contains("\"error\":\"too_many_streams\"");
      }
    } finally {
      feeds.forEach(LiveFeed::close);
    }
    // Closed streams free their places (noticed at the next heartbeat at the latest).
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    int code = 0;
    while (System.nanoTime() < deadline) {
      try (Response response =
          collector.send(
              collector
                  .request("/api/v1/live")
                  .header("Accept", "text/event-stream")
                  .header("Authorization", "Bearer " + key)
                  .build())) {
        code = response.code();
      }
      if (code == 200) {
        break;
      }
      Thread.sleep(100);
    }
    assertThat(code).isEqualTo(200);
  }

  @Test
  void aClientThatDoesNotAcceptAnEventStreamGetsA406() throws Exception {
    try (Response response =
        collector.send(
            collector
                .request("/api/v1/live")
                .header("Authorization", "Bearer " + collector.adminKey())
                .header("Accept", "application/json")
                .build())) {
      assertThat(response.code()).isEqualTo(406);
      assertThat(response.body().string()).contains("\"error\":\"not_acceptable\"");
    }
  }

  @Test
  void anIdleStreamGetsHeartbeats() throws Exception {
    String key = collector.createWorkspaceKey("live-heartbeat");
    try (Response response =
        collector.send(
            collector
                .request("/api/v1/live")
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + key)
                .build())) {
      assertThat(response.code()).isEqualTo(200);
      BufferedReader reader =
          new BufferedReader(
              new InputStreamReader(response.body().byteStream(), StandardCharsets.UTF_8));
      long start = System.nanoTime();
      int heartbeats = 0;
      while (heartbeats < 2) {
        String line = reader.readLine();
        assertThat(line).isNotNull();
        if (line.equals(": heartbeat")) {
          heartbeats++;
        }
      }
      // Two at 300 ms intervals: well under the 15 s default, so the test setting is in force.
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void aStreamThatNeverReadsDoesNotHoldUpRedirects() throws Exception {
    link("live-stall");
    try (Socket socket = new Socket()) {
      // A small window, so that the collector's writes back up soon.
      socket.setReceiveBufferSize(4096);
      socket.connect(new InetSocketAddress("127.0.0.1", collector.collector().port()));
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET /api/v1/live HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
                  + "Authorization: Bearer "
                  + collector.adminKey()
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      assertThat(in.read()).isPositive(); // the stream is open; from now on nothing is read
      long start = System.nanoTime();
      for (int i = 0; i < 3000; i++) {
        assertThat(
                visit(
                    "/live-stall?utm_campaign=padding-" + "x".repeat(200) + i,
                    TestGeoDatabase.LONDON_IP))
            .startsWith("https://shop.example.com/live-stall?");
      }
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      collector.awaitBacklogDrained(Duration.ofSeconds(30));
      assertThat(took).isLessThan(Duration.ofSeconds(30));
      // The stalled stream is ended as too slow once the kernel's socket buffers (which grow to
      // megabytes on loopback) are full too: go on visiting until then, within bounds.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      for (int i = 3000;
          collector.collector().metrics().value("linkscope_live_slow_streams_total") == 0
              && i < 30_000
              && System.nanoTime() < deadline;
          i++) {
        visit("/live-stall?utm_campaign=padding-" + "x".repeat(200) + i, TestGeoDatabase.LONDON_IP);
      }
      assertThat(collector.collector().metrics().value("linkscope_live_slow_streams_total"))
          .isPositive();
    }
  }
}
