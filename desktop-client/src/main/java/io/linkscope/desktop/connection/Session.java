package io.linkscope.desktop.connection;

import io.linkscope.api.ApiException;
import io.linkscope.api.LinkscopeClient;
import io.linkscope.desktop.analytics.Analytics;
import io.linkscope.desktop.store.LocalStore;
import io.linkscope.desktop.sync.Syncer;
import io.linkscope.desktop.ui.Background;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The open workspace: its connection, API client, offline store and sync state. Screens read only
 * from the store; changes go to the collector and are refused while it is unreachable.
 */
public final class Session implements AutoCloseable {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("d MMM HH:mm");

  private final Connection connection;
  private final LinkscopeClient client;
  private final LocalStore store;
  private final Analytics analytics;
  private final Background background;
  private final Clock clock;
  private final ReadOnlyBooleanWrapper online = new ReadOnlyBooleanWrapper(this, "online", true);
  private final ReadOnlyBooleanWrapper syncing = new ReadOnlyBooleanWrapper(this, "syncing");
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
  private final ReadOnlyStringWrapper syncProgress = new ReadOnlyStringWrapper(this, "progress");
  private final ReadOnlyLongWrapper dataVersion = new ReadOnlyLongWrapper(this, "dataVersion");
  private Background.Job syncJob = Background.Job.DONE;

  public Session(
      Connection connection,
      LinkscopeClient client,
      LocalStore store,
      Background background,
      Clock clock) {
    this.connection = connection;
    this.client = client;
    this.store = store;
    this.analytics = new Analytics(store);
    this.background = background;
    this.clock = clock;
    updateStatus();
  }

  public Connection connection() {
    return connection;
  }

  public LocalStore store() {
    return store;
  }

  public Analytics analytics() {
    return analytics;
  }

  public Background background() {
    return background;
  }

  public Clock clock() {
    return clock;
  }

  public ReadOnlyBooleanProperty onlineProperty() {
    return online.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty syncingProperty() {
    return syncing.getReadOnlyProperty();
  }

  /** "Online · synced 14:02" or "Offline — data as of 14:02". */
  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty syncProgressProperty() {
    return syncProgress.getReadOnlyProperty();
  }

  /** Grows whenever the local store changed; screens reload when it does. */
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
              syncProgress.set(result.cancelled() ? "Sync cancelled" : "");
              online.set(true);
              updateStatus();
              reloadIfChanged(changesBefore);
            },
            failure -> {
              syncing.set(false);
              syncProgress.set("");
              if (isUnreachable(failure)) {
                online.set(false);
              } else {
                syncProgress.set("Sync failed: " + failure.getMessage());
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

  /**
   * Sends a change to the collector in the background. Refused at once while offline; when the
   * collector turns out to be unreachable the session goes offline and the failure says so.
   */
  public <T> void change(String title, Callable<T> work, Consumer<T> done, Consumer<String> error) {
    if (!online.get()) {
      error.accept(offlineMessage());
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
          if (isUnreachable(failure)) {
            online.set(false);
            updateStatus();
            error.accept(offlineMessage());
          } else if (failure instanceof ApiException api) {
            error.accept(api.error().message());
          } else {
            error.accept(String.valueOf(failure.getMessage()));
          }
        });
  }

  /** The API client, for changes passed to {@link #change}. */
  public LinkscopeClient client() {
    return client;
  }

  public String offlineMessage() {
    return "You are offline: "
        + connection.host()
        + " cannot be reached, so changes are not possible. Nothing was changed; try again when"
        + " the connection is back.";
  }

  private void updateStatus() {
    String asOf = Syncer.syncedAt(store).map(this::format).orElse(null);
    if (online.get()) {
      status.set(asOf == null ? "Online · not synced yet" : "Online · synced " + asOf);
    } else {
      status.set(asOf == null ? "Offline — nothing synced yet" : "Offline — data as of " + asOf);
    }
  }

  private String format(Instant instant) {
    ZoneId zone = clock.getZone();
    boolean today =
        instant.atZone(zone).toLocalDate().equals(clock.instant().atZone(zone).toLocalDate());
    return (today ? TIME : DATE_TIME).format(instant.atZone(zone));
  }

  private static boolean isUnreachable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof UncheckedIOException || t instanceof java.io.IOException) {
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
