package io.linkscope.desktop.connection;

import io.linkscope.api.ApiException;
import io.linkscope.api.LinkscopeClient;
import io.linkscope.desktop.analytics.Analytics;
import io.linkscope.desktop.store.LocalStore;
import io.linkscope.desktop.sync.Syncer;
import io.linkscope.desktop.ui.Background;
import io.linkscope.desktop.ui.Formats;
import io.linkscope.desktop.ui.Notifier;
import io.linkscope.desktop.workspace.Workspace;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * The open workspace: its connection, API client, offline store and sync state. Screens read only
 * from the store; changes go to the collector and are refused while it is unreachable or rejects
 * the key. Every call through the session's client tells how the collector answered, so a stopped
 * collector shows at the next failed call of any screen, not at the next minute's sync.
 */
public final class Session implements Workspace, AutoCloseable {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Session.class);

  private final Connection connection;
  private final LinkscopeClient client;
  private final LocalStore store;
  private final Analytics analytics;
  private final Background background;
  private final Clock clock;
  private final ZoneId zone;
  private final Notifier notifier;
  private final ReadOnlyObjectWrapper<Reach> reach =
      new ReadOnlyObjectWrapper<>(this, "reach", Reach.ONLINE);
  private final ReadOnlyBooleanWrapper online = new ReadOnlyBooleanWrapper(this, "online", true);
  private final ReadOnlyBooleanWrapper writable =
      new ReadOnlyBooleanWrapper(this, "writable", true);
  private final ReadOnlyStringWrapper writeBlockedReason =
      new ReadOnlyStringWrapper(this, "writeBlockedReason", "");
  private final ReadOnlyBooleanWrapper syncing = new ReadOnlyBooleanWrapper(this, "syncing");
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
  private final ReadOnlyStringWrapper syncProgress = new ReadOnlyStringWrapper(this, "progress");
  private final ReadOnlyLongWrapper dataVersion = new ReadOnlyLongWrapper(this, "dataVersion");
  private Background.Job syncJob = Background.Job.DONE;
  private String lastSyncProblem = "";

  /**
   * Opens {@code connection} on its local {@code store}; the session makes its own API client, so
   * that it hears of every call's outcome. Problems the user must know of go to {@code notifier};
   * times in its status are shown in the clock's zone.
   */
  public Session(
      Connection connection,
      LocalStore store,
      Background background,
      Clock clock,
      Notifier notifier) {
    this(connection, store, background, clock, clock.getZone(), notifier);
  }

  /** As above, with the status's times in {@code zone}, the zone the window shows times in. */
  public Session(
      Connection connection,
      LocalStore store,
      Background background,
      Clock clock,
      ZoneId zone,
      Notifier notifier) {
    this.connection = connection;
    this.store = store;
    this.analytics = new Analytics(store);
    this.background = background;
    this.clock = clock;
    this.zone = zone;
    this.notifier = notifier;
    this.client =
        new LinkscopeClient(
            connection.url(),
            connection.apiKey(),
            LinkscopeClient.defaultHttp().newBuilder().addInterceptor(this::observe).build());
    reach.addListener((o, before, after) -> reachChanged());
    reachChanged();
  }

  /**
   * A session whose notices are only logged (view-model tests that do not read them). {@code
   * client} must speak to the connection's URL with its key; the session makes its own client with
   * the same URL and key, so that it hears of every call's outcome.
   */
  public Session(
      Connection connection,
      LinkscopeClient client,
      LocalStore store,
      Background background,
      Clock clock) {
    this(
        connection,
        store,
        background,
        clock,
        notice -> LOG.warn("{}: {}", notice.title(), notice.message()));
    if (!client.baseUrl().equals(this.client.baseUrl())) {
      throw new IllegalArgumentException("The client does not speak to " + connection.host());
    }
  }

  /** Passes every call on and notes how the collector answered (on the FX thread). */
  private Response observe(Interceptor.Chain chain) throws IOException {
    Response response;
    try {
      response = chain.proceed(chain.request());
    } catch (IOException e) {
      // A cancelled sync interrupts its call: that says nothing about the collector.
      boolean cancelled =
          e instanceof InterruptedIOException && !(e instanceof SocketTimeoutException);
      if (!cancelled) {
        background.onUi(() -> reach.set(Reach.OFFLINE));
      }
      throw e;
    }
    Reach answered = response.code() == 401 ? Reach.KEY_REJECTED : Reach.ONLINE;
    background.onUi(() -> reach.set(answered));
    return response;
  }

  public Connection connection() {
    return connection;
  }

  @Override
  public LocalStore store() {
    return store;
  }

  public Analytics analytics() {
    return analytics;
  }

  @Override
  public Background background() {
    return background;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  /** Whether the collector answered the last call, and accepted the key. */
  public ReadOnlyObjectProperty<Reach> reachProperty() {
    return reach.getReadOnlyProperty();
  }

  /** True while the collector answers and accepts the key. */
  public ReadOnlyBooleanProperty onlineProperty() {
    return online.getReadOnlyProperty();
  }

  @Override
  public ReadOnlyBooleanProperty writableProperty() {
    return writable.getReadOnlyProperty();
  }

  @Override
  public ReadOnlyStringProperty writeBlockedReasonProperty() {
    return writeBlockedReason.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty syncingProperty() {
    return syncing.getReadOnlyProperty();
  }

  /** "Online · synced 14:02", "Offline — data as of 14:02" or "Key rejected — data as of 14:02". */
  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty syncProgressProperty() {
    return syncProgress.getReadOnlyProperty();
  }

  @Override
  public ReadOnlyLongProperty dataVersionProperty() {
    return dataVersion.getReadOnlyProperty();
  }

  /** Pulls changes in the background, showing progress; does nothing while a sync runs. */
  public void sync() {
    if (syncing.get()) {
      return;
    }
    syncing.set(true);
    syncProgress.set("Syncing…");
    long changesBefore = store.dataChanges();
    Syncer syncer = new Syncer(client, store, clock);
    Background.Job[] job = new Background.Job[1];
    job[0] =
        background.run(
            "Sync",
            () ->
                syncer.run(
                    (links, cells) ->
                        background.onUi(
                            () ->
                                syncProgress.set(
                                    "Syncing… %,d links, %,d cells".formatted(links, cells))),
                    () -> job[0] != null && job[0].isCancelled()),
            result -> {
              syncing.set(false);
              lastSyncProblem = "";
              syncProgress.set(result.cancelled() ? "Sync cancelled" : "");
              updateStatus();
              reloadIfChanged(changesBefore);
            },
            failure -> {
              syncing.set(false);
              if (job[0] != null && job[0].isCancelled()) {
                syncProgress.set("Sync cancelled");
                return;
              }
              syncProgress.set("");
              noteFailure(failure);
              if (!isUnreachable(failure) && !isKeyRejected(failure)) {
                // Offline and a rejected key show in the status and the banner; anything else is
                // a problem the user would otherwise not see: told once, not at every minute's
                // sync while it lasts.
                String problem = problem(failure);
                if (!problem.equals(lastSyncProblem)) {
                  notifier.error("Sync failed", problem);
                }
                lastSyncProblem = problem;
              }
              updateStatus();
              reloadIfChanged(changesBefore);
            });
    syncJob = job[0];
  }

  /** Screens reload only when a sync wrote something: an unreachable collector changes nothing. */
  private void reloadIfChanged(long changesBefore) {
    if (store.dataChanges() != changesBefore) {
      dataVersion.set(dataVersion.get() + 1);
    }
  }

  public void cancelSync() {
    syncJob.cancel();
  }

  @Override
  public <T> void change(String title, Callable<T> work, Consumer<T> done, Consumer<String> error) {
    if (!writable.get()) {
      error.accept(writeBlockedReason.get());
      return;
    }
    background.run(
        title,
        () -> work.call(),
        result -> {
          done.accept(result);
          dataVersion.set(dataVersion.get() + 1);
        },
        failure -> {
          noteFailure(failure);
          if (isUnreachable(failure) || isKeyRejected(failure)) {
            error.accept(blockedReason(reach.get() == Reach.ONLINE ? Reach.OFFLINE : reach.get()));
          } else {
            error.accept(problem(failure));
          }
        });
  }

  @Override
  public LinkscopeClient client() {
    return client;
  }

  @Override
  public String collectorUrl() {
    return connection.url();
  }

  /** Why changes are refused while offline (kept for callers that ask for it by name). */
  public String offlineMessage() {
    return blockedReason(Reach.OFFLINE);
  }

  /**
   * The interceptor notes calls that got through OkHttp; a failure it never saw (the session's
   * client given work that failed before sending, or a test's inline work) is noted here.
   */
  private void noteFailure(Throwable failure) {
    if (isKeyRejected(failure)) {
      reach.set(Reach.KEY_REJECTED);
    } else if (isUnreachable(failure)) {
      reach.set(Reach.OFFLINE);
    }
  }

  private String blockedReason(Reach state) {
    return switch (state) {
      case ONLINE -> "";
      case OFFLINE ->
          "You are offline: "
              + connection.host()
              + " cannot be reached, so changes are not possible. Nothing was changed; try again"
              + " when the connection is back.";
      case KEY_REJECTED ->
          "The collector at "
              + connection.host()
              + " no longer accepts this workspace's API key, so changes are not possible. Nothing"
              + " was changed; enter a new key (Connections… or the banner above).";
    };
  }

  /** A failure in words: the collector's own message for API errors, else what went wrong. */
  private static String problem(Throwable failure) {
    if (failure instanceof ApiException api) {
      return api.error().message();
    }
    return "Something went wrong on this computer: "
        + (failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage())
        + ". Nothing was lost; try again.";
  }

  private void reachChanged() {
    Reach now = reach.get();
    online.set(now == Reach.ONLINE);
    writable.set(now == Reach.ONLINE);
    writeBlockedReason.set(blockedReason(now));
    updateStatus();
  }

  private void updateStatus() {
    String asOf = Syncer.syncedAt(store).map(this::format).orElse(null);
    status.set(
        switch (reach.get()) {
          case ONLINE -> asOf == null ? "Online · not synced yet" : "Online · synced " + asOf;
          case OFFLINE ->
              asOf == null ? "Offline — nothing synced yet" : "Offline — data as of " + asOf;
          case KEY_REJECTED ->
              asOf == null
                  ? "Key rejected — nothing synced yet"
                  : "Key rejected — data as of " + asOf;
        });
  }

  private String format(Instant instant) {
    return syncedAt(instant, clock, zone);
  }

  /**
   * When the data was synced, as short as the top bar needs: the time today ("15:02"), day, month
   * and time this year ("20 Nov, 15:02"), the whole date and time before that; all in {@code zone}.
   */
  static String syncedAt(Instant instant, Clock clock, ZoneId zone) {
    ZonedDateTime at = instant.atZone(zone);
    ZonedDateTime now = clock.instant().atZone(zone);
    if (at.toLocalDate().equals(now.toLocalDate())) {
      return Formats.time(at);
    }
    return at.getYear() == now.getYear()
        ? Formats.dayMonthFormat().format(at) + ", " + Formats.time(at)
        : Formats.dateTime(at);
  }

  private static boolean isKeyRejected(Throwable failure) {
    return failure instanceof ApiException api && api.status() == 401;
  }

  private static boolean isUnreachable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof java.io.UncheckedIOException || t instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() {
    syncJob.cancel();
    store.close();
  }
}
