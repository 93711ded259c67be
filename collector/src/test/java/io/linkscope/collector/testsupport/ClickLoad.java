package io.linkscope.collector.testsupport;

import io.linkscope.api.LinkscopeClient;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Visitors clicking one short link from many threads, each visit marked with a unique {@code
 * utm_content} (stored in {@code click.utm_content}), so that a test can tell exactly which visits
 * were sent, which were answered with a redirect, and which reached MariaDB.
 */
public final class ClickLoad implements AutoCloseable {
  private static final String USER_AGENT =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/124.0.0.0 Safari/537.36";

  private final String url;
  private final String prefix;
  private final OkHttpClient http;
  private final List<Thread> threads = new ArrayList<>();
  private final Set<String> sent = ConcurrentHashMap.newKeySet();
  private final Set<String> redirected = ConcurrentHashMap.newKeySet();
  private final Map<Integer, AtomicLong> otherStatuses = new ConcurrentHashMap<>();
  private final AtomicLong connectionErrors = new AtomicLong();
  private volatile boolean running = true;
  private final Duration pause;

  private ClickLoad(String baseUrl, String slug, String prefix, Duration pause) {
    this.pause = pause;
    this.url = baseUrl.replaceAll("/$", "") + "/" + slug + "?utm_source=load&utm_content=";
    this.prefix = prefix;
    // No transparent retries: OkHttp resends a GET whose pooled connection the server closed
    // after reading it (as a stopping server does), and the resent visit is a second click.
    // Each marker is one request, so a marker stored twice means the collector stored twice.
    this.http =
        LinkscopeClient.defaultHttp()
            .newBuilder()
            .readTimeout(Duration.ofSeconds(10))
            .retryOnConnectionFailure(false)
            .build();
  }

  /**
   * Starts {@code threads} visitors clicking {@code baseUrl/slug} as fast as they are answered;
   * markers are {@code prefix-thread-sequence}.
   */
  public static ClickLoad start(String baseUrl, String slug, String prefix, int threads) {
    return start(baseUrl, slug, prefix, threads, Duration.ZERO);
  }

  /**
   * As {@link #start(String, String, String, int)}, each visitor waiting {@code pause} after each
   * visit: for tests whose work per click (a webhook delivery) is far slower than a redirect, so
   * that the backlog at a kill stays in the thousands rather than the hundreds of thousands.
   */
  public static ClickLoad start(
      String baseUrl, String slug, String prefix, int threads, Duration pause) {
    ClickLoad load = new ClickLoad(baseUrl, slug, prefix, pause);
    for (int t = 0; t < threads; t++) {
      int thread = t;
      load.threads.add(Thread.ofPlatform().name("click-load-" + t).start(() -> load.run(thread)));
    }
    return load;
  }

  private void run(int thread) {
    for (long seq = 0; running; seq++) {
      String marker = prefix + "-" + thread + "-" + seq;
      sent.add(marker);
      Request request =
          new Request.Builder()
              .url(url + marker)
              .header("User-Agent", USER_AGENT)
              .header("X-Forwarded-For", TestGeoDatabase.LONDON_IP)
              .build();
      try (Response response = http.newCall(request).execute()) {
        if (response.code() == 302) {
          redirected.add(marker);
        } else {
          otherStatuses
              .computeIfAbsent(response.code(), code -> new AtomicLong())
              .incrementAndGet();
        }
      } catch (IOException e) {
        // The collector died or is stopping: the visit may or may not have been journaled.
        connectionErrors.incrementAndGet();
        pause(Duration.ofMillis(10));
        continue;
      }
      if (pause.isPositive()) {
        pause(pause);
      }
    }
  }

  private static void pause(Duration pause) {
    try {
      Thread.sleep(pause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits until at least {@code count} visits have been redirected. */
  public void awaitRedirected(long count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (redirected.size() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "only " + redirected.size() + " of " + count + " visits redirected: " + summary());
      }
      Thread.sleep(5);
    }
  }

  /** Stops every visitor and waits for its last visit to finish. */
  public void stop() throws InterruptedException {
    running = false;
    for (Thread thread : threads) {
      thread.join(Duration.ofSeconds(30));
    }
  }

  /** Every marker a request was started for, answered or not. */
  public Set<String> sent() {
    return Set.copyOf(sent);
  }

  /** The markers of visits answered with a 302. */
  public Set<String> redirected() {
    return Set.copyOf(redirected);
  }

  /** Answers other than 302, by status code. */
  public Map<Integer, Long> otherStatuses() {
    Map<Integer, Long> copy = new java.util.TreeMap<>();
    otherStatuses.forEach((code, count) -> copy.put(code, count.get()));
    return copy;
  }

  public long connectionErrors() {
    return connectionErrors.get();
  }

  public String summary() {
    return "sent %d, redirected %d, other statuses %s, connection errors %d"
        .formatted(sent.size(), redirected.size(), otherStatuses(), connectionErrors.get());
  }

  @Override
  public void close() throws InterruptedException {
    stop();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
