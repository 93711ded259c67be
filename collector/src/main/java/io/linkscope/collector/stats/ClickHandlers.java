package io.linkscope.collector.stats;

import io.linkscope.collector.http.ApiRequest;
import io.linkscope.collector.http.HttpError;
import io.linkscope.collector.http.Reply;
import java.time.Instant;
import java.util.function.BiPredicate;
import org.jspecify.annotations.Nullable;

/** The raw-click endpoints of a link: its clicks page by page, and its totals. */
public final class ClickHandlers {
  private final ClickReads reads;
  private final BiPredicate<Long, Long> linkInWorkspace;

  /**
   * @param linkInWorkspace (workspace id, link id) → whether the workspace has that link
   */
  public ClickHandlers(ClickReads reads, BiPredicate<Long, Long> linkInWorkspace) {
    this.reads = reads;
    this.linkInWorkspace = linkInWorkspace;
  }

  public Reply clicks(ApiRequest request) throws Exception {
    long linkId = ownedLink(request);
    Period period = period(request);
    return Reply.ok(
        reads.page(
            linkId,
            period.from(),
            period.to(),
            request.queryInt("offset", 0, 0, Integer.MAX_VALUE),
            request.queryInt("limit", 100, 1, 1000)));
  }

  public Reply totals(ApiRequest request) throws Exception {
    long linkId = ownedLink(request);
    Period period = period(request);
    return Reply.ok(reads.totals(linkId, period.from(), period.to()));
  }

  private long ownedLink(ApiRequest request) {
    long linkId = request.pathId("id", "The link");
    if (!linkInWorkspace.test(request.workspaceId(), linkId)) {
      throw HttpError.notFound("The link");
    }
    return linkId;
  }

  /** Unlike a statistics {@link Range}, any instants, and either end may be open (null). */
  private record Period(@Nullable Instant from, @Nullable Instant to) {}

  private static Period period(ApiRequest request) {
    Instant from = request.queryInstant("from").orElse(null);
    Instant to = request.queryInstant("to").orElse(null);
    if (from != null && to != null && !from.isBefore(to)) {
      throw HttpError.invalidParameter("from", "must be before 'to'.");
    }
    return new Period(from, to);
  }
}
