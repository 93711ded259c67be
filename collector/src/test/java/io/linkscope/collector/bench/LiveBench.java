package io.linkscope.collector.bench;

import io.linkscope.api.ApiException;
import io.linkscope.api.LinkscopeClient;
import io.linkscope.api.link.LinkInput;
import io.linkscope.api.live.LiveEvent;
import io.linkscope.api.live.LiveFeed;
import io.linkscope.api.live.LiveQuery;
import io.linkscope.collector.app.CollectorConfig;
import io.linkscope.collector.testsupport.TestCollector;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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
 * The live view's two numbers on the real collector (in this JVM, MariaDB on loopback):
 *
 * <ol>
 *   <li>latency from a redirect's send time to its event on an open stream, at a fixed rate of
 *       redirects (each carries its sequence number as {@code utm_campaign}, which the event
 *       carries back), p50 / p99 / max over the run after a warm-up;
 *   <li>the redirect rate wrk reaches with no stream open and with N streams open (read and
 *       discarded by raw readers, so that parsing in this JVM does not compete), alternating.
 * </ol>
 *
 * Usage: LiveBench RATE SECONDS WRK_SECONDS STREAMS ROUNDS
 */
public final class LiveBench {
  private static final Pattern CAMPAIGN = Pattern.compile("b(\\d+)");

  public static void main(String[] args) throws Exception {
    int rate = Integer.parseInt(args[0]);
    int seconds = Integer.parseInt(args[1]);
    int wrkSeconds = Integer.parseInt(args[2]);
    int streams = Integer.parseInt(args[3]);
    int rounds = Integer.parseInt(args[4]);
    Path dir = Files.createTempDirectory("linkscope-live-bench");
    try (TestCollector collector =
        TestCollector.start(
            dir, c -> c.withLive(new CollectorConfig.Live(Duration.ofSeconds(15), 20, 5_000)))) {
      LinkscopeClient client = collector.client();
      client.createLink(LinkInput.to("https://example.com/landing").withSlug("bench"));
      latency(collector, client, rate, seconds);
      throughput(collector, wrkSeconds, streams, rounds);
    }
  }

  private static void latency(
      TestCollector collector, LinkscopeClient client, int rate, int seconds) throws Exception {
    int total = rate * seconds;
    AtomicLongArray sent = new AtomicLongArray(total);
    AtomicLongArray received = new AtomicLongArray(total);
    AtomicInteger events = new AtomicInteger();
    LiveFeed.Listener listener =
        new LiveFeed.Listener() {
          @Override
          public void event(LiveEvent event) {
            long now = System.nanoTime();
            Matcher m = CAMPAIGN.matcher(event.utmCampaign());
            if (m.matches()) {
              int seq = Integer.parseInt(m.group(1));
              if (seq < total) {
                received.compareAndSet(seq, 0, now);
                events.incrementAndGet();
              }
            }
          }

          @Override
          public void connected() {}

          @Override
          public void offline(String reason) {
            System.err.println("stream offline: " + reason);
          }

          @Override
          public void refused(ApiException error) {
            System.err.println("stream refused: " + error.getMessage());
          }
        };
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(256);
    dispatcher.setMaxRequestsPerHost(256);
    OkHttpClient http =
        LinkscopeClient.defaultHttp()
            .newBuilder()
            .dispatcher(dispatcher)
            .connectionPool(new ConnectionPool(64, 1, TimeUnit.MINUTES))
            .build();
    AtomicInteger failures = new AtomicInteger();
    try (LiveFeed feed = client.live(LiveQuery.ALL, listener)) {
      Thread.sleep(500);
      ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
      AtomicInteger next = new AtomicInteger();
      long periodNanos = 1_000_000_000L / rate;
      var _ =
          ticker.scheduleAtFixedRate(
              () -> {
                int seq = next.getAndIncrement();
                if (seq >= total) {
                  return;
                }
                Request request =
                    new Request.Builder()
                        .url(collector.baseUrl() + "/bench?utm_campaign=b" + seq)
                        .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0")
                        .build();
                sent.set(seq, System.nanoTime());
                http.newCall(request)
                    .enqueue(
                        new Callback() {
                          @Override
                          public void onFailure(Call call, IOException e) {
                            failures.incrementAndGet();
                          }

                          @Override
                          public void onResponse(Call call, Response response) {
                            response.close();
                          }
                        });
              },
              0,
              periodNanos,
              TimeUnit.NANOSECONDS);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds + 10);
      while (events.get() < total && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      ticker.shutdownNow();
    }
    // The first two seconds warm the JIT and the connection pool; they are left out.
    int from = Math.min(total, rate * 2);
    List<Long> latencies = new ArrayList<>();
    int missing = 0;
    for (int i = from; i < total; i++) {
      if (received.get(i) == 0 || sent.get(i) == 0) {
        missing++;
      } else {
        latencies.add(received.get(i) - sent.get(i));
      }
    }
    long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    System.out.printf(
        "| %,d clicks/s | %d s | %,d | %.1f | %.1f | %.1f | %d | %d |%n",
        rate,
        seconds,
        sorted.length,
        millis(percentile(sorted, 0.50)),
        millis(percentile(sorted, 0.99)),
        millis(sorted.length == 0 ? 0 : sorted[sorted.length - 1]),
        missing,
        failures.get());
  }

  private static void throughput(TestCollector collector, int seconds, int streams, int rounds)
      throws Exception {
    for (int round = 1; round <= rounds; round++) {
      for (int open : new int[] {0, streams}) {
        List<Call> calls = new ArrayList<>();
        AtomicLong bytes = new AtomicLong();
        OkHttpClient http =
            LinkscopeClient.defaultHttp().newBuilder().readTimeout(Duration.ofSeconds(60)).build();
        for (int i = 0; i < open; i++) {
          Call call =
              http.newCall(
                  new Request.Builder()
                      .url(collector.baseUrl() + "/api/v1/live")
                      .header("Authorization", "Bearer " + collector.adminKey())
                      .header("Accept", "text/event-stream")
                      .build());
          calls.add(call);
          Thread.ofPlatform().daemon().start(() -> discard(call, bytes));
        }
        Thread.sleep(500);
        double before = collector.collector().metrics().value("linkscope_live_slow_streams_total");
        String wrk = wrk(collector.baseUrl() + "/bench", seconds);
        double slow =
            collector.collector().metrics().value("linkscope_live_slow_streams_total") - before;
        System.out.printf("| %d | %d | %s | %,d | %.0f |%n", round, open, wrk, bytes.get(), slow);
        calls.forEach(Call::cancel);
        collector.awaitBacklogDrained(Duration.ofMinutes(5));
      }
    }
  }

  private static void discard(Call call, AtomicLong bytes) {
    try (Response response = call.execute();
        InputStream in = response.body().byteStream()) {
      byte[] buffer = new byte[64 * 1024];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        bytes.addAndGet(n);
      }
    } catch (IOException e) {
      // Cancelled at the end of the round.
    }
  }

  /** Runs wrk and returns "requests/s | p50 | p99" from its latency distribution. */
  private static String wrk(String url, int seconds) throws Exception {
    Process process =
        new ProcessBuilder(
                "wrk",
                "-t1",
                "-c32",
                "-d" + seconds + "s",
                "--latency",
                "-H",
                "Connection: keep-alive",
                url)
            .redirectErrorStream(true)
            .start();
    String rate = "?";
    String p50 = "?";
    String p99 = "?";
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        String[] parts = line.trim().split("\\s+");
        if (line.startsWith("Requests/sec:")) {
          rate = parts[1];
        } else if (parts.length == 2 && parts[0].equals("50%")) {
          p50 = parts[1];
        } else if (parts.length == 2 && parts[0].equals("99%")) {
          p99 = parts[1];
        }
      }
    }
    process.waitFor();
    return rate + " | " + p50 + " | " + p99;
  }

  private static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  }

  private static double millis(long nanos) {
    return nanos / 1e6;
  }

  private LiveBench() {}
}
