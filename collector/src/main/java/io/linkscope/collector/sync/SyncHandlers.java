package io.linkscope.collector.sync;

import io.linkscope.api.link.LinkView;
import io.linkscope.api.sync.SyncLinks;
import io.linkscope.collector.http.ApiRequest;
import io.linkscope.collector.http.HttpError;
import io.linkscope.collector.http.Reply;
import io.linkscope.collector.link.LinkRepository;
import io.linkscope.collector.link.Links;
import io.linkscope.collector.stats.RollupFeed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The sync API of the desktop app's offline copy: links and rollup cells changed since a cursor,
 * page by page, oldest change first.
 */
public final class SyncHandlers {
  /**
   * Link changes younger than this are held back: a change's timestamp is taken before its commit,
   * so a later-committing change could otherwise carry a timestamp behind a cursor already given
   * out.
   */
  static final Duration SETTLE = Duration.ofSeconds(1);

  private final LinkRepository repository;
  private final Links links;
  private final RollupFeed rollups;
  private final Clock clock;

  /**
   * {@code clock} is the one link changes are timed by, so that settling compares like with like.
   */
  public SyncHandlers(LinkRepository repository, Links links, RollupFeed rollups, Clock clock) {
    this.repository = repository;
    this.links = links;
    this.rollups = rollups;
    this.clock = clock;
  }

  public Reply links(ApiRequest request) throws Exception {
    int limit = request.queryInt("limit", 500, 1, 5000);
    Instant updatedAfter = Instant.EPOCH;
    long idAfter = 0;
    String cursor = request.query("cursor").orElse(null);
    if (cursor != null) {
      String[] parts = cursor.split("\\.", -1);
      try {
        if (parts.length != 2) {
          throw new NumberFormatException();
        }
        updatedAfter = Instant.EPOCH.plus(Long.parseLong(parts[0]), ChronoUnit.MICROS);
        idAfter = Long.parseLong(parts[1]);
      } catch (NumberFormatException | ArithmeticException e) {
        throw HttpError.invalidParameter("cursor", "is not a cursor this collector gave out.");
      }
    }
    List<LinkRepository.Change> changes =
        repository.changedSince(
            request.workspaceId(), updatedAfter, idAfter, clock.instant().minus(SETTLE), limit + 1);
    boolean more = changes.size() > limit;
    List<LinkView> live = new ArrayList<>();
    List<Long> deleted = new ArrayList<>();
    for (LinkRepository.Change change : changes.subList(0, Math.min(limit, changes.size()))) {
      if (change.deleted()) {
        deleted.add(change.link().id());
      } else {
        live.add(links.view(change.link()));
      }
      updatedAfter = change.link().updatedAt();
      idAfter = change.link().id();
    }
    String next = ChronoUnit.MICROS.between(Instant.EPOCH, updatedAfter) + "." + idAfter;
    return Reply.ok(new SyncLinks(live, deleted, next, more));
  }

  public Reply rollups(ApiRequest request) throws Exception {
    return Reply.ok(
        rollups.page(
            request.workspaceId(),
            request.query("cursor").orElse(null),
            request.queryInt("limit", 1000, 1, 10_000)));
  }
}
