package io.linkscope.collector.stats;

import io.linkscope.collector.http.ApiRequest;
import io.linkscope.collector.http.HttpError;
import io.linkscope.collector.http.Reply;
import java.time.Clock;
import java.util.Set;

/** The statistics endpoints under {@code /api/v1/stats} and {@code /api/v1/orphans}. */
public final class StatsHandlers {
  private final StatsService stats;
  private final StatsParameters parameters;

  public StatsHandlers(StatsService stats, Clock clock) {
    this.stats = stats;
    this.parameters = new StatsParameters(stats.links(), clock);
  }

  public Reply report(ApiRequest request) throws Exception {
    return Reply.ok(stats.report(scoped(request, Set.of())));
  }

  public Reply summary(ApiRequest request) throws Exception {
    StatsRequest q = scoped(request, Set.of());
    return Reply.ok(stats.summary(q, kindOf(q)));
  }

  public Reply series(ApiRequest request) throws Exception {
    StatsRequest q = scoped(request, Set.of());
    return Reply.ok(stats.series(q, kindOf(q)));
  }

  public Reply breakdown(ApiRequest request) throws Exception {
    var dimension = StatsParameters.dimension(request.path("dimension"));
    StatsRequest q = scoped(request, Set.of());
    return Reply.ok(stats.breakdown(q, kindOf(q), dimension));
  }

  public Reply heatmap(ApiRequest request) throws Exception {
    StatsRequest q = scoped(request, Set.of());
    return Reply.ok(stats.heatmap(q, kindOf(q)));
  }

  public Reply velocity(ApiRequest request) throws Exception {
    StatsRequest q = scoped(request, Set.of());
    if (q.target().scope() == Scope.PAGE) {
      throw HttpError.badRequest("invalid_scope", "Velocity is about link clicks, not pages.");
    }
    if (q.range().to().getEpochSecond() - q.range().from().getEpochSecond()
        > 3600L * StatsParameters.MOST_POINTS) {
      throw HttpError.invalidParameter(
          "from", "velocity covers at most " + StatsParameters.MOST_POINTS + " hours.");
    }
    return Reply.ok(stats.velocity(q));
  }

  public Reply overview(ApiRequest request) throws Exception {
    refuseScope(request, "The overview is always of the whole workspace");
    return Reply.ok(
        stats.overview(
            parameters.parse(request, Target.workspace(request.workspaceId()), Set.of())));
  }

  public Reply campaign(ApiRequest request) throws Exception {
    refuseScope(request, "The campaign is named in the path");
    String tag = request.path("tag");
    StatsRequest q =
        parameters.parse(request, parameters.taggedLinks(request.workspaceId(), tag), Set.of());
    return Reply.ok(stats.campaign(q, tag));
  }

  public Reply page(ApiRequest request) throws Exception {
    refuseScope(request, "The page is named in the path");
    long pageId = request.pathId("id", "The page");
    Target page = parameters.ownedPage(request.workspaceId(), pageId);
    return Reply.ok(stats.page(parameters.parse(request, page, Set.of()), pageId));
  }

  public Reply orphans(ApiRequest request) throws Exception {
    refuseScope(request, "Orphan visits belong to the workspace");
    StatsRequest q =
        parameters.parse(request, Target.workspace(request.workspaceId()), Set.of("limit"));
    if (!q.filters().isEmpty()) {
      throw HttpError.badRequest("unknown_parameter", "Orphan visits cannot be filtered.");
    }
    return Reply.ok(
        stats.orphans(
            request.workspaceId(), q.range(), q.bots(), request.queryInt("limit", 100, 1, 1000)));
  }

  StatsRequest scoped(ApiRequest request, Set<String> extra) throws Exception {
    return parameters.parse(request, extra);
  }

  /** Pages count views; links, tags and workspaces count link clicks. */
  static VisitKind kindOf(StatsRequest q) {
    return q.target().scope() == Scope.PAGE ? VisitKind.VIEW : VisitKind.CLICK;
  }

  private static void refuseScope(ApiRequest request, String why) {
    for (String name : new String[] {"link", "tag", "page"}) {
      if (request.query(name).isPresent()) {
        throw HttpError.badRequest(
            "invalid_scope", why + "; the parameter '" + name + "' does not apply.");
      }
    }
  }
}
