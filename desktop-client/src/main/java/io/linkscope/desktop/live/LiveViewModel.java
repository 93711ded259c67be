package io.linkscope.desktop.live;

import io.linkscope.api.ApiException;
import io.linkscope.api.link.LinkView;
import io.linkscope.api.live.LiveEvent;
import io.linkscope.api.live.LiveFeed;
import io.linkscope.api.live.LiveQuery;
import io.linkscope.desktop.connection.Session;
import io.linkscope.desktop.ui.Background;
import io.linkscope.desktop.ui.Counts;
import io.linkscope.desktop.ui.Formats;
import io.linkscope.desktop.ui.Notifier;
import io.linkscope.desktop.ui.SeriesPoint;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;

/**
 * The Live screen's state: the lines of the events as they arrive (newest first), clicks per minute
 * for the last hour, and where each visit lands (for the map's pulses). The stream is opened by
 * {@link #start()} and reconnects by itself; while it cannot, the screen says it is offline.
 * Pausing freezes the lines (what arrives meanwhile is kept and shown on resume) while the counts
 * go on.
 */
public final class LiveViewModel implements AutoCloseable {
  /** Lines kept on screen. */
  static final int MAX_LINES = 200;

  /** Events kept while paused, beyond which the oldest are dropped (they still count). */
  static final int MAX_HELD = 1_000;

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofLocalizedTime(FormatStyle.MEDIUM).withLocale(Formats.locale());

  /** Where the stream is. */
  public enum State {
    CONNECTING,
    LIVE,
    OFFLINE,
    REFUSED
  }

  /** One event as the screen lists it. */
  public record Line(
      long id,
      String type,
      Instant at,
      String time,
      String who,
      String what,
      String where,
      String country,
      @Nullable Double latitude,
      @Nullable Double longitude) {

    /** Who, what, where in one sentence. */
    public String text() {
      return time + "  " + who + " · " + what + (where.isEmpty() ? "" : " · " + where);
    }
  }

  private final Session session;
  private final ZoneId zone;
  private final Notifier notifier;
  private final Background background;
  private final Clock clock;
  private final ObservableList<Line> lines = FXCollections.observableArrayList();
  private final ReadOnlyObjectWrapper<List<SeriesPoint>> perMinute =
      new ReadOnlyObjectWrapper<>(List.of());
  private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.CONNECTING);
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Connecting…");
  private final ReadOnlyLongWrapper held = new ReadOnlyLongWrapper();
  private final ReadOnlyObjectWrapper<Map<String, Long>> countries =
      new ReadOnlyObjectWrapper<>(Map.of());
  private final ReadOnlyLongWrapper visitsSeen = new ReadOnlyLongWrapper();
  private final BooleanProperty paused = new SimpleBooleanProperty();
  private final ObjectProperty<LiveQuery> query = new SimpleObjectProperty<>(LiveQuery.ALL);
  private final Map<Long, Long> minutes = new HashMap<>(); // minute start (epoch ms) -> visits
  private final List<Line> waiting = new ArrayList<>();
  private final ConcurrentLinkedQueue<Line> arrived = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean drainPending = new AtomicBoolean();
  private final Map<Long, String> linkNames = new ConcurrentHashMap<>();
  private Consumer<Line> onVisit = line -> {};
  private @Nullable LiveFeed feed;
  private boolean everLive;

  public LiveViewModel(Session session, ZoneId zone, Notifier notifier) {
    this.session = session;
    this.zone = zone;
    this.notifier = notifier;
    this.background = session.background();
    this.clock = session.clock();
    perMinute.set(series());
    paused.addListener((o, was, now) -> resumed(was, now));
  }

  /** Opens the stream, unless it is open; the screen calls it when first shown. */
  public void start() {
    if (feed != null) {
      return;
    }
    feed = session.client().live(query.get(), new Listener());
  }

  /** Reopens the stream with the query now set. */
  public void restart() {
    close();
    start();
  }

  @Override
  public void close() {
    LiveFeed open = feed;
    feed = null;
    if (open != null) {
      open.close();
    }
  }

  /** Receives the feed's reports on its thread and hands them to the UI thread. */
  private final class Listener implements LiveFeed.Listener {
    @Override
    public void event(LiveEvent event) {
      if (event.type().equals(LiveEvent.MISSED)) {
        background.onUi(
            () -> notifier.info("The live view missed some events while it was disconnected."));
        return;
      }
      arrived.add(line(event));
      if (drainPending.compareAndSet(false, true)) {
        background.onUi(LiveViewModel.this::drain);
      }
    }

    @Override
    public void connected() {
      background.onUi(() -> changeState(State.LIVE, null));
    }

    @Override
    public void offline(String reason) {
      background.onUi(() -> changeState(State.OFFLINE, reason));
    }

    @Override
    public void refused(ApiException error) {
      background.onUi(
          () -> {
            if (error.status() == 429) {
              changeState(State.OFFLINE, error.error().message());
              return;
            }
            changeState(State.REFUSED, error.error().message());
            notifier.error("The live view stopped", error.error().message());
          });
    }
  }

  private void changeState(State next, @Nullable String reason) {
    State before = state.get();
    state.set(next);
    switch (next) {
      case LIVE -> {
        status.set(paused.get() ? "Paused" : "Live");
        if (before == State.OFFLINE) {
          notifier.info("The live view is connected again.");
        }
        everLive = true;
      }
      case OFFLINE -> {
        status.set("Offline: " + reason + " Reconnecting by itself…");
        if (before == State.LIVE && everLive) {
          notifier.info("The live view lost the collector; it reconnects by itself.");
        }
      }
      case REFUSED -> status.set("Stopped: " + reason);
      case CONNECTING -> status.set("Connecting…");
    }
  }

  /** Takes what arrived since the last drain, on the UI thread: one pass however many came. */
  private void drain() {
    drainPending.set(false);
    List<Line> batch = new ArrayList<>();
    for (Line line = arrived.poll(); line != null; line = arrived.poll()) {
      batch.add(line);
    }
    if (batch.isEmpty()) {
      return;
    }
    for (Line line : batch) {
      if (!line.type().equals(LiveEvent.CONVERSION)) {
        long minute = line.at().truncatedTo(ChronoUnit.MINUTES).toEpochMilli();
        minutes.merge(minute, 1L, Long::sum);
        visitsSeen.set(visitsSeen.get() + 1);
      }
    }
    perMinute.set(series());
    Map<String, Long> byCountry = new HashMap<>(countries.get());
    for (Line line : batch) {
      if (!line.type().equals(LiveEvent.CONVERSION)) {
        byCountry.merge(line.country(), 1L, Long::sum);
      }
    }
    countries.set(Map.copyOf(byCountry));
    if (paused.get()) {
      waiting.addAll(batch);
      while (waiting.size() > MAX_HELD) {
        waiting.removeFirst();
      }
      held.set(waiting.size());
      return;
    }
    show(batch);
  }

  private void show(List<Line> batch) {
    List<Line> newestFirst = new ArrayList<>(batch.reversed());
    if (newestFirst.size() > MAX_LINES) {
      newestFirst = newestFirst.subList(0, MAX_LINES);
    }
    lines.addAll(0, newestFirst);
    if (lines.size() > MAX_LINES) {
      lines.remove(MAX_LINES, lines.size());
    }
    for (Line line : batch.subList(Math.max(0, batch.size() - 50), batch.size())) {
      if (!line.type().equals(LiveEvent.CONVERSION)) {
        onVisit.accept(line);
      }
    }
  }

  private void resumed(boolean was, boolean now) {
    if (state.get() == State.LIVE) {
      status.set(now ? "Paused" : "Live");
    }
    if (was && !now && !waiting.isEmpty()) {
      List<Line> batch = List.copyOf(waiting);
      waiting.clear();
      held.set(0);
      show(batch);
    }
  }

  /** The last hour in minutes, oldest first, ending with the current minute. */
  private List<SeriesPoint> series() {
    ZonedDateTime now = ZonedDateTime.now(clock.withZone(zone)).truncatedTo(ChronoUnit.MINUTES);
    ZonedDateTime first = now.minusMinutes(59);
    minutes.keySet().removeIf(minute -> minute < first.toInstant().toEpochMilli());
    List<SeriesPoint> points = new ArrayList<>(60);
    for (int i = 0; i < 60; i++) {
      ZonedDateTime start = first.plusMinutes(i);
      long visits = minutes.getOrDefault(start.toInstant().toEpochMilli(), 0L);
      points.add(new SeriesPoint(start, new Counts(visits, 0)));
    }
    return points;
  }

  /** Moves the chart on to the current minute when nothing arrives; the screen calls it. */
  public void tick() {
    perMinute.set(series());
  }

  private Line line(LiveEvent event) {
    ZonedDateTime at = event.at().atZone(zone);
    String time = TIME.format(at);
    String where = where(event);
    return new Line(
        event.id(),
        event.type(),
        event.at(),
        time,
        who(event),
        what(event),
        where,
        event.country(),
        event.latitude(),
        event.longitude());
  }

  private static String who(LiveEvent event) {
    if (event.type().equals(LiveEvent.CONVERSION)) {
      return "Conversion";
    }
    if (event.bot()) {
      return "A bot";
    }
    String browser = event.browser().isEmpty() ? "A visitor" : event.browser();
    String os = event.os().isEmpty() ? "" : " on " + event.os();
    String device = event.deviceType().isEmpty() ? "" : " (" + event.deviceType() + ")";
    return browser + os + device;
  }

  private String what(LiveEvent event) {
    return switch (event.type()) {
      case LiveEvent.CLICK -> "clicked " + linkName(event.linkId()) + via(event);
      case LiveEvent.PAGE_VIEW ->
          "viewed the bio page " + event.domain() + event.path() + via(event);
      case LiveEvent.TAP ->
          "tapped "
              + (event.widgetTitle().isEmpty()
                  ? "a widget"
                  : "\u201c" + event.widgetTitle() + "\u201d")
              + " on "
              + event.path();
      case LiveEvent.CONVERSION ->
          event.conversion()
              + (event.value() == null
                  ? ""
                  : " "
                      + event.value().toPlainString()
                      + " "
                      + (event.currency() == null ? "" : event.currency()))
              + (event.linkId() == 0 ? "" : " on " + linkName(event.linkId()));
      default -> event.type();
    };
  }

  private static String via(LiveEvent event) {
    String source = event.referrerSource();
    String campaign = event.utmCampaign();
    if (!campaign.isEmpty()) {
      return " from campaign " + campaign;
    }
    return source.isEmpty() || source.equals("Direct") ? "" : " via " + source;
  }

  private static String where(LiveEvent event) {
    if (event.type().equals(LiveEvent.CONVERSION)) {
      return "";
    }
    String country = Formats.country(event.country());
    return event.city().isEmpty() ? country : event.city() + ", " + country;
  }

  /** The link's title or slug from the local copy, once looked up; its id when not there yet. */
  private String linkName(long linkId) {
    return linkNames.computeIfAbsent(
        linkId,
        id -> {
          try {
            return session.store().link(id).map(LiveViewModel::name).orElse("link #" + id);
          } catch (RuntimeException e) {
            return "link #" + id;
          }
        });
  }

  private static String name(LinkView link) {
    return link.title().isBlank() ? link.slug() : link.title() + " (" + link.slug() + ")";
  }

  public ObservableList<Line> lines() {
    return lines;
  }

  public ReadOnlyObjectProperty<List<SeriesPoint>> perMinuteProperty() {
    return perMinute.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<State> stateProperty() {
    return state.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  /** Events that arrived while paused, shown on resume. */
  public ReadOnlyLongProperty heldProperty() {
    return held.getReadOnlyProperty();
  }

  /** Visits (clicks, page views, taps) received since the screen opened. */
  public ReadOnlyLongProperty visitsSeenProperty() {
    return visitsSeen.getReadOnlyProperty();
  }

  /** Visits per country (ISO alpha-2) since the screen opened, for the map's shading. */
  public ReadOnlyObjectProperty<Map<String, Long>> countriesProperty() {
    return countries.getReadOnlyProperty();
  }

  public BooleanProperty pausedProperty() {
    return paused;
  }

  /** Which links the stream carries; {@link #restart()} applies a change. */
  public ObjectProperty<LiveQuery> queryProperty() {
    return query;
  }

  /** Called on the UI thread for each visit shown (the map pulses there). */
  public void setOnVisit(Consumer<Line> onVisit) {
    this.onVisit = onVisit;
  }
}
