package io.linkscope.collector.bench;

import io.linkscope.api.ApiException;
import io.linkscope.api.LinkscopeClient;
import io.linkscope.api.live.LiveEvent;
import io.linkscope.api.live.LiveFeed;
import io.linkscope.api.live.LiveQuery;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The two outside halves of the live view's latency benchmark, each run in a JVM of its own beside
 * a collector in a third (see {@code bench/live-latency-bench.sh}), so that a pause of one is not
 * taken for a pause of another:
 *
 * <ul>
 *   <li>{@code load URL RATE SECONDS OUT}: one redirect every 1/RATE s; each carries its sequence
 *       number and its send time (epoch µs) as {@code utm_campaign}; writes {@code seq send_us
 *       answered_us status} per redirect;
 *   <li>{@code read URL KEY TOTAL SECONDS OUT}: one {@link LiveFeed} stream; writes {@code seq
 *       send_us at_ms received_us} per event, where {@code at_ms} is the collector's own time of
 *       the visit (taken when the redirect was handled).
 * </ul>
 *
 * All times are the wall clock of the one machine, so the three processes' times compare: send →
 * handled is the way in (load generator, network, Jetty), handled → received the way out (journal,
 * hub, stream write, reader).
 */
public final class LiveLatency {
  private static final Pattern CAMPAIGN = Pattern.compile("b(\\d+)t(\\d+)");

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "load" ->
          load(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), Path.of(args[4]));
      case "read" ->
          read(
              args[1],
              args[2],
              Integer.parseInt(args[3]),
              Integer.parseInt(args[4]),
              Path.of(args[5]));
      default -> throw new IllegalArgumentException("load or read, not " + args[0]);
    }
  }

  static long nowMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
  }

  private static void load(String baseUrl, int rate, int seconds, Path out) throws Exception {
    int total = rate * seconds;
    AtomicLongArray sent = new AtomicLongArray(total);
    AtomicLongArray answered = new AtomicLongArray(total);
    AtomicLongArray status = new AtomicLongArray(total);
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(256);
    dispatcher.setMaxRequestsPerHost(256);
    OkHttpClient http =
        LinkscopeClient.defaultHttp()
            .newBuilder()
            .dispatcher(dispatcher)
            .followRedirects(false)
            .connectionPool(new ConnectionPool(64, 1, TimeUnit.MINUTES))
            .build();
    AtomicInteger done = new AtomicInteger();
    AtomicInteger next = new AtomicInteger();
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    var _ =
        ticker.scheduleAtFixedRate(
            () -> {
              int seq = next.getAndIncrement();
              if (seq >= total) {
                return;
              }
              long at = nowMicros();
              sent.set(seq, at);
              Request request =
                  new Request.Builder()
                      .url(baseUrl + "/bench?utm_campaign=b" + seq + "t" + at)
                      .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0")
                      .build();
              http.newCall(request)
                  .enqueue(
                      new Callback() {
                        @Override
                        public void onFailure(Call call, IOException e) {
                          answered.set(seq, nowMicros());
                          status.set(seq, -1);
                          done.incrementAndGet();
                        }

                        @Override
                        public void onResponse(Call call, Response response) {
                          answered.set(seq, nowMicros());
                          status.set(seq, response.code());
                          response.close();
                          done.incrementAndGet();
                        }
                      });
            },
            0,
            1_000_000_000L / rate,
            TimeUnit.NANOSECONDS);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds + 20L);
    while (done.get() < total && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    ticker.shutdownNow();
    try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      for (int i = 0; i < total; i++) {
        w.write(i + " " + sent.get(i) + " " + answered.get(i) + " " + status.get(i) + "\n");
      }
    }
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  private static void read(String baseUrl, String key, int total, int seconds, Path out)
      throws Exception {
    AtomicLongArray sent = new AtomicLongArray(total);
    AtomicLongArray at = new AtomicLongArray(total);
    AtomicLongArray received = new AtomicLongArray(total);
    AtomicInteger events = new AtomicInteger();
    LiveFeed.Listener listener =
        new LiveFeed.Listener() {
          @Override
          public void event(LiveEvent event) {
            long now = nowMicros();
            String campaign = event.utmCampaign();
            Matcher m = CAMPAIGN.matcher(campaign == null ? "" : campaign);
            if (m.matches()) {
              int seq = Integer.parseInt(m.group(1));
              if (seq < total && received.compareAndSet(seq, 0, now)) {
                sent.set(seq, Long.parseLong(m.group(2)));
                at.set(seq, event.at().toEpochMilli());
                events.incrementAndGet();
              }
            }
          }

          @Override
          public void connected() {
            System.out.println("connected");
          }

          @Override
          public void offline(String reason) {
            System.err.println("stream offline: " + reason);
          }

          @Override
          public void refused(ApiException error) {
            System.err.println("stream refused: " + error.getMessage());
          }
        };
    LinkscopeClient client = new LinkscopeClient(baseUrl, key);
    try (LiveFeed _ = client.live(LiveQuery.ALL, listener)) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      while (events.get() < total && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
    }
    try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      for (int i = 0; i < total; i++) {
        w.write(i + " " + sent.get(i) + " " + at.get(i) + " " + received.get(i) + "\n");
      }
    }
  }

  private LiveLatency() {}
}
