package io.linkscope.api.live;

import io.linkscope.api.ApiException;
import io.linkscope.api.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

/**
 * Reads a workspace's live stream ({@code GET /api/v1/live}, Server-Sent Events) on a thread of its
 * own, and reconnects by itself: after a lost connection it waits (1 s, doubling up to the maximum,
 * or what the server's {@code retry:} asks) and resumes with {@code Last-Event-ID}, so that what
 * happened in between is replayed if the collector still holds it, or announced by a {@link
 * LiveEvent#MISSED} event if not. A refusal (401, 403, 400) stops it; too many streams (429) is
 * retried like a lost connection.
 */
public final class LiveFeed implements AutoCloseable {
  /** What the feed reports; called on the feed's thread. */
  public interface Listener {
    void event(LiveEvent event);

    /** The stream is open (again). */
    void connected();

    /** The collector cannot be reached or the stream broke; the feed tries again by itself. */
    void offline(String reason);

    /** The collector refused the stream; unless the status is 429 the feed has stopped. */
    void refused(ApiException error);
  }

  private final OkHttpClient http;
  private final HttpUrl url;
  private final @Nullable String apiKey;
  private final Listener listener;
  private final Duration maxRetry;
  private final Thread thread;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean closed;
  private volatile @Nullable Call call;
  private volatile long lastEventId = -1;
  private long retryMillis = 1000;

  /**
   * A feed of {@code url} (the live endpoint with its query); {@link #start} opens it.
   *
   * @param http a client whose read timeout is longer than the server's heartbeat
   */
  public LiveFeed(
      OkHttpClient http,
      HttpUrl url,
      @Nullable String apiKey,
      Listener listener,
      Duration maxRetry) {
    this.http = http;
    this.url = url;
    this.apiKey = apiKey;
    this.listener = listener;
    this.maxRetry = maxRetry;
    this.thread = Thread.ofPlatform().daemon().name("live-feed").unstarted(this::run);
  }

  public LiveFeed start() {
    thread.start();
    return this;
  }

  /** The id of the last event received, -1 before the first. */
  public long lastEventId() {
    return lastEventId;
  }

  private void run() {
    long wait = 0;
    try {
      while (!closed) {
        if (wait > 0) {
          Thread.sleep(wait);
        }
        wait = connectOnce();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      stopped.countDown();
    }
  }

  /** Reads the stream until it ends; returns how long to wait before the next try, -1 to stop. */
  private long connectOnce() {
    Request.Builder request = new Request.Builder().url(url).header("Accept", "text/event-stream");
    if (apiKey != null) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    if (lastEventId >= 0) {
      request.header("Last-Event-ID", Long.toString(lastEventId));
    }
    Call current = http.newCall(request.build());
    call = current;
    if (closed) {
      return 0;
    }
    try (Response response = current.execute()) {
      ResponseBody body = response.body();
      if (!response.isSuccessful()) {
        ApiException error = ApiException.of(response.code(), body == null ? "" : body.string());
        listener.refused(error);
        if (response.code() != 429) {
          closed = true;
          return 0;
        }
        return backoff();
      }
      if (body == null) {
        return backoff();
      }
      retryMillis = 1000;
      listener.connected();
      read(new BufferedReader(body.charStream()));
      if (!closed) {
        listener.offline("The collector ended the live stream.");
      }
    } catch (IOException | RuntimeException e) {
      if (!closed) {
        listener.offline("Cannot reach the collector at " + url.host() + ":" + url.port() + ".");
      }
    }
    return backoff();
  }

  private long backoff() {
    long wait = retryMillis;
    retryMillis = Math.min(retryMillis * 2, maxRetry.toMillis());
    return wait;
  }

  /** Parses Server-Sent Events until the stream ends. */
  private void read(BufferedReader source) throws IOException {
    @Nullable String id = null;
    StringBuilder data = new StringBuilder();
    while (!closed) {
      String line = source.readLine();
      if (line == null) {
        return;
      }
      if (line.isEmpty()) {
        if (!data.isEmpty()) {
          dispatch(id, data.toString());
        }
        id = null;
        data.setLength(0);
        continue;
      }
      if (line.startsWith(":")) {
        continue;
      }
      int colon = line.indexOf(':');
      String field = colon < 0 ? line : line.substring(0, colon);
      String value = colon < 0 ? "" : line.substring(colon + 1);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      switch (field) {
        case "id" -> id = value;
        case "data" -> {
          if (!data.isEmpty()) {
            data.append('\n');
          }
          data.append(value);
        }
        case "retry" -> retry(value);
        default -> {
          // "event" repeats the JSON's type; unknown fields are ignored, as the standard says.
        }
      }
    }
  }

  private void retry(String value) {
    try {
      retryMillis = Math.min(Math.max(Long.parseLong(value), 100), maxRetry.toMillis());
    } catch (NumberFormatException e) {
      // Ignored, as the standard says.
    }
  }

  private void dispatch(@Nullable String id, String data) {
    LiveEvent event = Json.gson().fromJson(data, LiveEvent.class);
    if (event == null) {
      return;
    }
    if (id != null) {
      try {
        lastEventId = Long.parseLong(id);
      } catch (NumberFormatException e) {
        lastEventId = event.id();
      }
    }
    listener.event(event);
  }

  /** Stops reading and waits briefly for the feed's thread to end. */
  @Override
  public void close() {
    closed = true;
    Call current = call;
    if (current != null) {
      current.cancel();
    }
    thread.interrupt();
    try {
      stopped.await(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
