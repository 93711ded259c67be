package io.linkscope.desktop.sync;

import io.linkscope.api.ApiException;
import io.linkscope.api.LinkscopeClient;
import io.linkscope.api.sync.SyncLinks;
import io.linkscope.api.sync.SyncRollups;
import io.linkscope.desktop.store.LocalStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Pulls what changed on the collector since the last sync into the local store: links first, then
 * rollup cells, page by page. Each page and its cursor are stored in one transaction, so a sync
 * that is cancelled or loses the network resumes where it stopped.
 */
public final class Syncer {
  static final String LINKS_CURSOR = "links.cursor";
  static final String ROLLUPS_CURSOR = "rollups.cursor";
  static final String SYNCED_AT = "synced.at";
  private static final int PAGE = 5_000;

  private final LinkscopeClient client;
  private final LocalStore store;
  private final Clock clock;

  public Syncer(LinkscopeClient client, LocalStore store, Clock clock) {
    this.client = client;
    this.store = store;
    this.clock = clock;
  }

  /** What a sync run did. */
  public record Result(long links, long cells, boolean cancelled) {}

  /** Reports progress as (links so far, cells so far). */
  @FunctionalInterface
  public interface Progress {
    void update(long links, long cells);
  }

  /** Runs until the collector has nothing newer or {@code cancelled} says stop. */
  public Result run(Progress progress, BooleanSupplier cancelled) {
    long links = 0;
    boolean more = true;
    while (more) {
      if (cancelled.getAsBoolean()) {
        return new Result(links, 0, true);
      }
      SyncLinks page = client.syncLinks(store.state(LINKS_CURSOR).orElse(null), PAGE);
      store.update(
          c -> {
            store.upsertLinks(page.links(), page.deletedIds());
            store.putState(LINKS_CURSOR, page.cursor());
          });
      links += page.links().size() + page.deletedIds().size();
      progress.update(links, 0);
      more = page.more();
    }
    syncPages();
    long linkCount = links;
    long[] cells = {0};
    boolean[] stopped = {false};
    Runnable pull = () -> stopped[0] = pullRollups(linkCount, cells, progress, cancelled);
    if (store.state(ROLLUPS_CURSOR).filter(c -> !c.isEmpty()).isEmpty()) {
      store.bulkLoad(pull);
    } else {
      pull.run();
    }
    if (stopped[0]) {
      return new Result(links, cells[0], true);
    }
    store.putState(SYNCED_AT, clock.instant().toString());
    return new Result(links, cells[0], false);
  }

  /** Pulls rollup pages until there are no more; true when cancelled. */
  private boolean pullRollups(
      long links, long[] cells, Progress progress, BooleanSupplier cancelled) {
    boolean more = true;
    while (more) {
      if (cancelled.getAsBoolean()) {
        return true;
      }
      SyncRollups page;
      try {
        page =
            client.syncRollups(
                store.state(ROLLUPS_CURSOR).filter(c -> !c.isEmpty()).orElse(null), PAGE);
      } catch (ApiException e) {
        if (e.status() != 409) {
          throw e;
        }
        // The collector rebuilt its rollups: our cursor means nothing now, start over.
        store.update(
            c -> {
              store.clearRollups();
              store.putState(ROLLUPS_CURSOR, "");
            });
        continue;
      }
      store.update(
          c -> {
            store.upsertRollups(page.rows());
            store.putState(ROLLUPS_CURSOR, page.cursor());
          });
      cells[0] += page.rows().size();
      progress.update(links, cells[0]);
      more = page.more();
    }
    return false;
  }

  /** Bio pages are few: the collector lists them all and the local copy is replaced. */
  private void syncPages() {
    try {
      store.replacePages(client.pages());
    } catch (ApiException e) {
      // A collector without bio pages answers 404: there is nothing to copy.
      if (e.status() != 404) {
        throw e;
      }
    }
  }

  /** When the store last finished a sync with this collector, if ever. */
  public static Optional<Instant> syncedAt(LocalStore store) {
    return store.state(SYNCED_AT).map(Instant::parse);
  }
}
