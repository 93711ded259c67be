package io.linkscope.collector.live;

import io.linkscope.api.Json;
import io.linkscope.api.live.LiveEvent;
import io.linkscope.collector.click.ClickEvent;
import io.linkscope.collector.click.EnrichedClick;
import io.linkscope.collector.enrich.GeoLocation;
import io.linkscope.collector.http.HttpError;
import io.linkscope.collector.ops.Metrics;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Numbers the workspace events as they are recorded, keeps the recent ones for resumes, and hands
 * each to the open streams that want it.
 *
 * <p>Ids are monotonic per collector: they start at the start time in milliseconds times 1000, so
 * that an id from before a restart is lower than any of this run and is answered with a {@link
 * LiveEvent#MISSED} event. The ring holds the last {@link LiveOptions#ringSize()} events, none
 * older than {@link LiveOptions#ringAge()}. Publishing only queues frames on streams, never waits
 * for one.
 */
public final class LiveHub implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LiveHub.class);
  private static final byte[] HEARTBEAT = ": heartbeat\n\n".getBytes(StandardCharsets.US_ASCII);

  /** The first frame: how long a client waits before reconnecting; it also sends the headers. */
  private static final byte[] RETRY = "retry: 2000\n\n".getBytes(StandardCharsets.US_ASCII);

  private final LiveOptions options;
  private final Clock clock;
  private final BiFunction<Long, UUID, Long> linkOfClick;
  private final Object lock = new Object();
  private final ArrayDeque<Frame> ring = new ArrayDeque<>(); // guarded by lock
  private final Map<Long, Integer> streamsPerKey = new HashMap<>(); // guarded by lock
  private final List<LiveStream> streams = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService heartbeats;
  private final ThreadPoolExecutor conversions;
  private final Function<ClickEvent, EnrichedClick> enrich;
  private final ArrayBlockingQueue<ClickEvent> visits = new ArrayBlockingQueue<>(50_000);
  private final Thread publisher;
  private final Metrics.Counter dropped;
  private final Metrics.Counter published;
  private final Metrics.Counter slowStreams;
  private long nextId; // guarded by lock

  /**
   * A hub with no stream open yet.
   *
   * @param linkOfClick the link of a stored click (workspace, click id), 0 when unknown; it may
   *     read MariaDB, and runs on a thread of the hub's own
   */
  public LiveHub(
      LiveOptions options,
      Clock clock,
      Function<ClickEvent, EnrichedClick> enrich,
      BiFunction<Long, UUID, Long> linkOfClick,
      Metrics metrics) {
    this.options = options;
    this.enrich = enrich;
    this.clock = clock;
    this.linkOfClick = linkOfClick;
    this.nextId = clock.millis() * 1000;
    this.heartbeats =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("live-heartbeat").factory());
    long period = options.heartbeat().toMillis();
    // The future would only report a round that threw, and none does (see heartbeat); close()
    // ends the schedule.
    Future<?> _ =
        heartbeats.scheduleAtFixedRate(this::heartbeat, period, period, TimeUnit.MILLISECONDS);
    // Conversions wait here for their link to be looked up; beyond 10,000 waiting, the live view
    // loses some rather than the conversions API slowing down.
    this.conversions =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(10_000),
            Thread.ofPlatform().daemon().name("live-conversions").factory(),
            new ThreadPoolExecutor.DiscardPolicy());
    this.published = metrics.counter("linkscope_live_events_total", "Events sent to live streams.");
    this.slowStreams =
        metrics.counter(
            "linkscope_live_slow_streams_total",
            "Live streams ended because their client did not read fast enough.");
    metrics.gauge("linkscope_live_streams", "Open live streams.", streams::size);
    this.dropped =
        metrics.counter(
            "linkscope_live_dropped_visits_total",
            "Visits left out of the live view because its queue was full.");
    this.publisher = Thread.ofPlatform().daemon().name("live-publisher").start(this::publishVisits);
  }

  /** A frame of the stream: one event, serialized once for every stream. */
  private record Frame(long id, long atMillis, long workspaceId, long linkId, byte[] bytes) {}

  /**
   * Takes a visit the moment it is journaled, on the request thread: it only joins a bounded queue
   * (dropped, and counted, when the queue is full), so that the redirect never waits for the live
   * view. The hub's own thread enriches and publishes it.
   */
  public void journaled(ClickEvent event) {
    if (event.kind() == ClickEvent.Kind.ORPHAN_VISIT) {
      return;
    }
    if (!visits.offer(event)) {
      dropped.increment();
    }
  }

  /** The hub's thread: takes what the request threads queued, in batches, and publishes it. */
  private void publishVisits() {
    List<ClickEvent> batch = new ArrayList<>(1024);
    List<EnrichedClick> enriched = new ArrayList<>(1024);
    try {
      while (!Thread.currentThread().isInterrupted()) {
        batch.add(visits.take());
        visits.drainTo(batch, 1023);
        for (ClickEvent event : batch) {
          enriched.add(enrichOrNot(event));
        }
        try {
          committed(enriched);
        } catch (RuntimeException e) {
          log.error("Live events could not be published", e);
        }
        batch.clear();
        enriched.clear();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The enrichers should not throw; one that does all the same (a bug, which the click pipeline
   * logs for the stored click) costs the live event its device and source, not the hub's thread.
   */
  private EnrichedClick enrichOrNot(ClickEvent event) {
    try {
      return enrich.apply(event);
    } catch (RuntimeException e) {
      return EnrichedClick.unenriched(event);
    }
  }

  /** Publishes enriched visits (page views and taps are clicks of other kinds). */
  void committed(List<EnrichedClick> clicks) {
    synchronized (lock) {
      for (EnrichedClick click : clicks) {
        ClickEvent event = click.event();
        String type = type(event.kind());
        if (type != null) {
          publish(event.workspaceId(), visit(nextId++, type, click));
        }
      }
    }
    writeQueued();
  }

  /**
   * Takes a reported conversion; its link is looked up on the hub's own thread, so the caller does
   * not wait.
   */
  public void conversion(
      long workspaceId,
      UUID clickId,
      String event,
      @Nullable BigDecimal value,
      @Nullable String currency,
      long receivedAtMillis) {
    conversions.execute(
        () -> {
          long linkId = linkOfClick.apply(workspaceId, clickId);
          synchronized (lock) {
            publish(
                workspaceId,
                LiveEvent.conversion(
                    nextId++,
                    Instant.ofEpochMilli(receivedAtMillis),
                    linkId,
                    event,
                    value,
                    currency));
          }
          writeQueued();
        });
  }

  /**
   * Opens a stream: replays what the ring holds after {@code lastEventId} (or announces that some
   * were missed), then carries every new event the filter matches.
   *
   * @param lastEventId the last id the client received, or null for a new stream
   * @throws HttpError 429 when the key already holds its maximum of streams
   */
  public void open(
      LiveFilter filter,
      long keyId,
      @Nullable Long lastEventId,
      Response response,
      Callback callback) {
    LiveStream stream =
        new LiveStream(
            response,
            callback,
            filter,
            keyId,
            options.queueLimit(),
            this::ended,
            slowStreams::increment);
    synchronized (lock) {
      int open = streamsPerKey.getOrDefault(keyId, 0);
      if (open >= options.maxStreamsPerKey()) {
        throw new HttpError(
            429,
            "too_many_streams",
            "This key already has "
                + open
                + " live streams open, the most one key may hold; close one first.");
      }
      streamsPerKey.put(keyId, open + 1);
      stream.enqueue(RETRY);
      if (lastEventId != null) {
        replay(stream, lastEventId);
      }
      streams.add(stream);
    }
    stream.iterate();
  }

  private void replay(LiveStream stream, long lastEventId) {
    prune();
    long oldest = ring.isEmpty() ? nextId : ring.peekFirst().id();
    if (lastEventId + 1 < oldest || lastEventId >= nextId) {
      stream.enqueue(bytes(LiveEvent.missed(nextId - 1, clock.instant())));
      return;
    }
    for (Frame frame : ring) {
      if (frame.id() > lastEventId
          && stream.filter().matches(frame.workspaceId(), frame.linkId())) {
        stream.enqueue(frame.bytes());
      }
    }
  }

  private void ended(LiveStream stream) {
    synchronized (lock) {
      if (streams.remove(stream)) {
        streamsPerKey.merge(stream.keyId(), -1, (a, b) -> a + b == 0 ? null : a + b);
      }
    }
  }

  /** Streams open now. */
  public int openStreams() {
    return streams.size();
  }

  /** One heartbeat round; a failure is logged, so that the schedule goes on. */
  private void heartbeat() {
    try {
      for (LiveStream stream : streams) {
        stream.offer(HEARTBEAT);
      }
    } catch (RuntimeException e) {
      log.error("A live heartbeat round failed", e);
    }
  }

  /** Ends every open stream (their clients reconnect, to this collector's successor or later). */
  public void endStreams() {
    for (LiveStream stream : streams) {
      stream.end();
    }
  }

  @Override
  public void close() {
    endStreams();
    heartbeats.shutdownNow();
    conversions.shutdownNow();
    publisher.interrupt();
  }

  private static @Nullable String type(ClickEvent.Kind kind) {
    return switch (kind) {
      case LINK_CLICK -> LiveEvent.CLICK;
      case PAGE_VIEW -> LiveEvent.PAGE_VIEW;
      case WIDGET_TAP -> LiveEvent.TAP;
      case ORPHAN_VISIT -> null;
    };
  }

  /** The live event of a visit: where from, on what, by what channel; no address, no hash. */
  private static LiveEvent visit(long id, String type, EnrichedClick click) {
    ClickEvent event = click.event();
    GeoLocation geo = event.geo();
    return new LiveEvent(
        id,
        type,
        Instant.ofEpochMilli(event.epochMillis()),
        event.linkId(),
        event.pageId(),
        event.widgetId(),
        event.domain(),
        event.path(),
        event.widgetTitle(),
        geo.countryCode().isEmpty() ? "unknown" : geo.countryCode(),
        geo.countryName(),
        geo.city(),
        geo.latitude(),
        geo.longitude(),
        click.device().deviceType(),
        click.device().browser(),
        click.device().os(),
        click.referrer().source(),
        click.utm().source(),
        click.utm().campaign(),
        click.device().bot(),
        null,
        null,
        null);
  }

  private static byte[] bytes(LiveEvent event) {
    String frame =
        "id: " + event.id() + "\nevent: " + event.type() + "\ndata: " + Json.write(event) + "\n\n";
    return frame.getBytes(StandardCharsets.UTF_8);
  }

  /** Adds an event to the ring and queues it on the streams that want it; under the lock. */
  private void publish(long workspaceId, LiveEvent event) {
    Frame frame =
        new Frame(event.id(), event.at().toEpochMilli(), workspaceId, event.linkId(), bytes(event));
    ring.addLast(frame);
    for (LiveStream stream : streams) {
      if (stream.filter().matches(workspaceId, frame.linkId())) {
        stream.enqueue(frame.bytes());
      }
    }
    published.increment();
    if (ring.size() > options.ringSize()) {
      ring.removeFirst();
    }
  }

  /** Drops what is older than the ring's age; under the lock. */
  private void prune() {
    long oldest = clock.millis() - options.ringAge().toMillis();
    while (!ring.isEmpty() && ring.peekFirst().atMillis() < oldest) {
      ring.removeFirst();
    }
  }

  /** Writes what publishing queued, outside the lock. */
  private void writeQueued() {
    for (LiveStream stream : streams) {
      stream.iterate();
    }
  }
}
