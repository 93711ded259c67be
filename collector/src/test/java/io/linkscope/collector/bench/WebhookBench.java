package io.linkscope.collector.bench;

import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpServer;
import io.linkscope.api.LinkscopeClient;
import io.linkscope.api.link.LinkInput;
import io.linkscope.api.webhook.WebhookEndpointCreated;
import io.linkscope.api.webhook.WebhookEndpointInput;
import io.linkscope.api.webhook.WebhookEvents;
import io.linkscope.collector.app.Collector;
import io.linkscope.collector.app.CollectorConfig;
import io.linkscope.collector.testsupport.TestDatabase;
import io.linkscope.collector.testsupport.TestGeoDatabase;
import io.linkscope.collector.webhook.WebhookOptions;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Webhook delivery on this machine: a backlog of events put in the outbox of a real collector
 * (fresh MariaDB database) while its endpoint is paused, then the time from enabling it until the
 * last one is delivered to a local receiver (the JDK's HTTP server in the same JVM, answering 200
 * at once), one event per POST and then in batches, after the rate of bare POSTs to the same
 * receiver with no database work (the ceiling at that moment); and the redirect rate under wrk with
 * three endpoints subscribed to {@code link.clicked} against none, alternately in one run. Run by
 * {@code bench/webhook-bench.sh}.
 *
 * <p>Arguments: unbatched events, batched events, seconds per wrk run, rounds.
 */
public final class WebhookBench {
  private static final PrintStream OUT = System.out;
  private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");

  private WebhookBench() {}

  public static void main(String[] args) throws Exception {
    int unbatched = Integer.parseInt(args[0]);
    int batched = Integer.parseInt(args[1]);
    int seconds = Integer.parseInt(args[2]);
    int rounds = Integer.parseInt(args[3]);
    AtomicLong posts = new AtomicLong();
    HttpServer receiver =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1000);
    receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    receiver.createContext(
        "/",
        exchange -> {
          try (InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
            posts.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
          } finally {
            exchange.close();
          }
        });
    receiver.start();
    String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    Path dir = Files.createTempDirectory("linkscope-webhook-bench");
    try (TestDatabase database = TestDatabase.create();
        Collector collector =
            Collector.start(
                CollectorConfig.defaults(dir.resolve("data"))
                    .withDatabase(database.url(), database.user(), database.password())
                    .withGeoip(TestGeoDatabase.write(dir.resolve("geo.mmdb")))
                    .withWebhooks(WebhookOptions.defaults().withAllowPrivateTargets(true)))) {
      LinkscopeClient api =
          new LinkscopeClient(
              collector.baseUrl().toString(), collector.bootstrapKey().orElseThrow());
      OUT.println("| POSTs | events | fill (s) | drain (s) | events/s | POSTs/s |");
      OUT.println("| --- | ---: | ---: | ---: | ---: | ---: |");
      httpOnly(hook, Math.min(unbatched, 20_000), posts);
      drain(api, database, hook, false, unbatched, posts);
      drain(api, database, hook, true, batched, posts);

      String slug = "bench-hook";
      api.createLink(LinkInput.to("https://shop.example.com/landing").withSlug(slug));
      String url = collector.baseUrl() + "/" + slug;
      OUT.println();
      OUT.println("| round | endpoints on link.clicked | redirects/s | events delivered |");
      OUT.println("| ---: | ---: | ---: | ---: |");
      wrk(url, 3); // warm-up
      awaitQuiet(collector, database);
      for (int round = 1; round <= rounds; round++) {
        for (int endpoints : new int[] {0, 3}) {
          List<Long> ids = new ArrayList<>();
          for (int i = 0; i < endpoints; i++) {
            ids.add(
                api.createWebhookEndpoint(
                        WebhookEndpointInput.of(hook, List.of(WebhookEvents.LINK_CLICKED)))
                    .endpoint()
                    .id());
          }
          long before = posts.get();
          double rate = wrk(url, seconds);
          awaitQuiet(collector, database);
          OUT.printf("| %d | %d | %,.0f | %,d |%n", round, endpoints, rate, posts.get() - before);
          for (long id : ids) {
            api.deleteWebhookEndpoint(id);
          }
        }
      }
    } finally {
      receiver.stop(0);
    }
  }

  /**
   * Fills the outbox of a paused endpoint with {@code count} events, enables it, times the drain.
   */
  private static void drain(
      LinkscopeClient api,
      TestDatabase database,
      String hook,
      boolean batch,
      int count,
      AtomicLong posts)
      throws Exception {
    WebhookEndpointCreated created =
        api.createWebhookEndpoint(
            new WebhookEndpointInput(
                hook, null, List.of(WebhookEvents.LINK_CLICKED), null, null, false, batch));
    long id = created.endpoint().id();
    long fillStart = System.nanoTime();
    fill(database, id, count);
    double fill = (System.nanoTime() - fillStart) / 1e9;
    long postsBefore = posts.get();
    JsonObject enable = new JsonObject();
    enable.addProperty("enabled", true);
    long start = System.nanoTime();
    api.updateWebhookEndpoint(id, enable);
    try (Connection c = database.connect();
        PreparedStatement pending =
            c.prepareStatement(
                "SELECT COUNT(*) FROM webhook_delivery WHERE endpoint_id = ? AND state = 0")) {
      pending.setLong(1, id);
      while (true) {
        try (ResultSet row = pending.executeQuery()) {
          row.next();
          if (row.getLong(1) == 0) {
            break;
          }
        }
        Thread.sleep(50);
      }
    }
    double drain = (System.nanoTime() - start) / 1e9;
    long sent = posts.get() - postsBefore;
    OUT.printf(
        "| %s | %,d | %.1f | %.1f | %,.0f | %,.0f |%n",
        batch ? "batched (100 a POST)" : "one event each",
        count,
        fill,
        drain,
        count / drain,
        sent / drain);
    api.deleteWebhookEndpoint(id);
  }

  /**
   * The ceiling of one-event POSTs on this machine at this moment: the same number of signed-size
   * POSTs from OkHttp (32 at once on virtual threads, as the sender has by default) to the same
   * receiver, with no database work at all.
   */
  private static void httpOnly(String hook, int count, AtomicLong posts) throws Exception {
    if (count == 0) {
      return;
    }
    OkHttpClient http =
        new OkHttpClient.Builder()
            .connectionPool(new ConnectionPool(32, 1, TimeUnit.MINUTES))
            .retryOnConnectionFailure(false)
            .build();
    byte[] body = new byte[600];
    java.util.Arrays.fill(body, (byte) 'x');
    long postsBefore = posts.get();
    long start = System.nanoTime();
    try (ExecutorService senders = Executors.newFixedThreadPool(32, Thread.ofVirtual().factory())) {
      List<Future<?>> sent = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        String id = "msg_http_" + i;
        sent.add(
            senders.submit(
                () -> {
                  Request request =
                      new Request.Builder()
                          .url(hook)
                          .post(RequestBody.create(body, MediaType.get("application/json")))
                          .header("webhook-id", id)
                          .build();
                  try (Response response = http.newCall(request).execute()) {
                    return response.code();
                  }
                }));
      }
      for (Future<?> f : sent) {
        f.get();
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    OUT.printf(
        "| HTTP only, no database | %,d | - | %.1f | %,.0f | %,.0f |%n",
        count, seconds, count / seconds, (posts.get() - postsBefore) / seconds);
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  /** Puts {@code count} click events and their deliveries in the outbox, 1,000 rows a statement. */
  private static void fill(TestDatabase database, long endpointId, int count) throws Exception {
    String body =
        "{\"id\":\"%s\",\"type\":\"link.clicked\",\"timestamp\":\"2026-12-05T14:00:00.000Z\","
            + "\"data\":{\"clickId\":\"0193a1b2-0000-7000-8000-000000000000\",\"linkId\":1,"
            + "\"slug\":\"spring\",\"domain\":\"\",\"host\":\"go.example.com\",\"country\":\"DE\","
            + "\"region\":\"Bavaria\",\"city\":\"Munich\",\"device\":\"mobile\",\"browser\":\"Safari\","
            + "\"os\":\"iOS\",\"inApp\":\"Instagram\",\"bot\":false,\"source\":\"Instagram\","
            + "\"referrerHost\":\"l.instagram.com\",\"utm\":{\"source\":\"instagram\",\"medium\":"
            + "\"social\",\"campaign\":\"spring\"},\"language\":\"de\"}}";
    Timestamp now = Timestamp.from(Instant.now());
    int chunk = 1000;
    try (Connection c = database.connect()) {
      c.setAutoCommit(false);
      for (int from = 0; from < count; from += chunk) {
        int n = Math.min(chunk, count - from);
        StringBuilder events =
            new StringBuilder(
                "INSERT INTO webhook_event (id, workspace_id, type, link_id, occurred_at, body)"
                    + " VALUES ");
        StringBuilder deliveries =
            new StringBuilder(
                "INSERT INTO webhook_delivery (endpoint_id, event_id, next_attempt_at, created_at)"
                    + " VALUES ");
        for (int i = 0; i < n; i++) {
          events.append(i == 0 ? "" : ",").append("(?, 1, 'link.clicked', 1, ?, ?)");
          deliveries.append(i == 0 ? "" : ",").append("(?, ?, ?, ?)");
        }
        try (PreparedStatement e = c.prepareStatement(events.toString());
            PreparedStatement d = c.prepareStatement(deliveries.toString())) {
          for (int i = 0; i < n; i++) {
            String id = "msg_bench_" + endpointId + "_" + (from + i);
            e.setString(3 * i + 1, id);
            e.setTimestamp(3 * i + 2, now);
            e.setString(3 * i + 3, body.formatted(id));
            d.setLong(4 * i + 1, endpointId);
            d.setString(4 * i + 2, id);
            d.setTimestamp(4 * i + 3, now);
            d.setTimestamp(4 * i + 4, now);
          }
          e.executeUpdate();
          d.executeUpdate();
        }
        c.commit();
      }
    }
  }

  /** Waits until the clicks are stored and every waiting event delivered. */
  private static void awaitQuiet(Collector collector, TestDatabase database) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    try (Connection c = database.connect();
        PreparedStatement pending =
            c.prepareStatement("SELECT COUNT(*) FROM webhook_delivery WHERE state = 0")) {
      while (System.nanoTime() < deadline) {
        long waiting;
        try (ResultSet row = pending.executeQuery()) {
          row.next();
          waiting = row.getLong(1);
        }
        if (waiting == 0 && collector.pipeline().backlogRecords() == 0) {
          return;
        }
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException("the backlog did not drain in 5 minutes");
  }

  private static double wrk(String url, int seconds) throws Exception {
    Process wrk =
        new ProcessBuilder(
                "wrk",
                "-t2",
                "-c64",
                "-d" + seconds + "s",
                "-H",
                "User-Agent: Mozilla/5.0 (Windows"
                    + " NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
                    + " Chrome/124.0.0.0 Safari/537.36",
                url)
            .redirectErrorStream(true)
            .start();
    String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    wrk.waitFor();
    Matcher m = RATE.matcher(output);
    if (!m.find()) {
      throw new IllegalStateException("no rate in wrk's output: " + output);
    }
    return Double.parseDouble(m.group(1));
  }
}
