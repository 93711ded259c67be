package io.linkscope.collector.costs;

import io.linkscope.api.Json;
import io.linkscope.api.stats.Breakdown;
import io.linkscope.api.stats.BreakdownRow;
import io.linkscope.api.stats.CostReport;
import io.linkscope.api.stats.Dimension;
import io.linkscope.api.stats.LinkCost;
import io.linkscope.collector.db.Sql;
import io.linkscope.collector.http.ApiRequest;
import io.linkscope.collector.http.HttpError;
import io.linkscope.collector.http.Reply;
import io.linkscope.collector.stats.Range;
import io.linkscope.collector.stats.Scope;
import io.linkscope.collector.stats.StatsParameters;
import io.linkscope.collector.stats.StatsRequest;
import io.linkscope.collector.stats.StatsService;
import io.linkscope.collector.stats.VisitKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Impressions and spend entered per link, channel and period, and the CTR and cost per click they
 * give together with the link's clicks from that channel's referrer source.
 */
public final class LinkCosts {
  /** The channel of entries that cover every click no channel of its own covers. */
  private static final String ALL = "all";

  private final DataSource dataSource;
  private final StatsService stats;
  private final StatsParameters parameters;

  public LinkCosts(DataSource dataSource, StatsService stats, Clock clock) {
    this.dataSource = dataSource;
    this.stats = stats;
    this.parameters = new StatsParameters(stats.links(), clock);
  }

  /** {@code GET /api/v1/links/{id}/costs}. */
  public Reply list(ApiRequest request) throws Exception {
    return Reply.ok(entries(ownedLink(request)));
  }

  /** {@code POST /api/v1/links/{id}/costs}. */
  public Reply create(ApiRequest request) throws Exception {
    long linkId = ownedLink(request);
    LinkCost input = validate(Json.readStrict(request.body(), LinkCost.class));
    long id =
        Sql.named(
                """
                INSERT INTO link_cost (link_id, channel, period_start, period_end, impressions,
                  spend, currency)
                VALUES (:link, :channel, :start, :end, :impressions, :spend, :currency)
                """,
                Map.of(
                    "link", linkId,
                    "channel", input.channel(),
                    "start", Date.valueOf(input.periodStart()),
                    "end", Date.valueOf(input.periodEnd()),
                    "impressions", input.impressions(),
                    "spend", input.spend(),
                    "currency", input.currency()))
            .insert(dataSource);
    return Reply.created(
        new LinkCost(
            id,
            input.channel(),
            input.periodStart(),
            input.periodEnd(),
            input.impressions(),
            input.spend(),
            input.currency()));
  }

  /** {@code DELETE /api/v1/links/{id}/costs/{costId}}. */
  public Reply delete(ApiRequest request) throws Exception {
    long linkId = ownedLink(request);
    int deleted =
        Sql.of(
                "DELETE FROM link_cost WHERE id = ? AND link_id = ?",
                request.pathId("costId", "The cost entry"),
                linkId)
            .update(dataSource);
    if (deleted == 0) {
      throw HttpError.notFound("The cost entry");
    }
    return Reply.noContent();
  }

  /**
   * {@code GET /api/v1/stats/costs?link=}: CTR and cost per click per channel over the range. Each
   * click counts once: under the entry of its own channel (its referrer source) where one covers
   * its time, else under an {@code all} entry covering its time. Overlapping entries of one channel
   * add up their impressions and spend, not their clicks.
   */
  public Reply report(ApiRequest request) throws Exception {
    StatsRequest q = parameters.parse(request, Set.of());
    if (q.target().scope() != Scope.LINK
        || q.target().ids().size() != 1
        || request.query("link").isEmpty()) {
      throw HttpError.badRequest("invalid_scope", "Costs belong to one link: give 'link'.");
    }
    Map<String, Entered> entered = new LinkedHashMap<>();
    List<Covered> covered = new ArrayList<>();
    for (LinkCost entry : entries(q.target().ids().getFirst())) {
      Instant start = entry.periodStart().atStartOfDay(ZoneOffset.UTC).toInstant();
      Instant end = entry.periodEnd().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
      Instant from = start.isAfter(q.range().from()) ? start : q.range().from();
      Instant to = end.isBefore(q.range().to()) ? end : q.range().to();
      if (!from.isBefore(to)) {
        continue;
      }
      double share =
          (double) Duration.between(from, to).toHours() / Duration.between(start, end).toHours();
      String channel = entry.channel().toLowerCase(Locale.ROOT);
      covered.add(new Covered(channel, from, to));
      entered.merge(
          channel,
          new Entered(
              Math.round(entry.impressions() * share),
              entry.spend().multiply(BigDecimal.valueOf(share)).setScale(2, RoundingMode.HALF_UP),
              entry.currency()),
          Entered::plus);
    }
    Map<String, Long> clicks = clicks(q, covered);
    List<CostReport.Row> rows = new ArrayList<>();
    long totalClicks = 0;
    long totalImpressions = 0;
    BigDecimal totalSpend = BigDecimal.ZERO;
    String totalCurrency = null;
    for (Map.Entry<String, Entered> channelEntered : entered.entrySet()) {
      String channel = channelEntered.getKey();
      Entered sum = channelEntered.getValue();
      String money = sum.currency();
      long channelClicks = clicks.getOrDefault(channel, 0L);
      rows.add(row(channel, channelClicks, sum.impressions(), sum.spend(), money));
      totalClicks += channelClicks;
      totalImpressions += sum.impressions();
      totalSpend = totalSpend.add(sum.spend());
      totalCurrency = totalCurrency == null || totalCurrency.equals(money) ? money : "mixed";
    }
    return Reply.ok(
        new CostReport(
            rows,
            row(
                "total",
                totalClicks,
                totalImpressions,
                "mixed".equals(totalCurrency) ? null : totalSpend,
                totalCurrency == null ? "" : totalCurrency)));
  }

  /**
   * What the entries of one channel add up to over the range: impressions, spend, and their
   * currency ({@code mixed} when they differ).
   */
  private record Entered(long impressions, BigDecimal spend, String currency) {
    Entered plus(Entered other) {
      return new Entered(
          impressions + other.impressions,
          spend.add(other.spend),
          currency.equals(other.currency) ? currency : "mixed");
    }
  }

  /** The part of the range one entry of a channel (lower case) covers. */
  private record Covered(String channel, Instant from, Instant to) {}

  /**
   * Clicks per channel, each click under one channel: the range is cut where any entry starts or
   * ends, and in each piece a channel with an entry gets the clicks from its source, and {@code
   * all} gets the clicks no such channel took.
   */
  private Map<String, Long> clicks(StatsRequest q, List<Covered> covered) throws SQLException {
    TreeSet<Instant> cuts = new TreeSet<>();
    for (Covered part : covered) {
      cuts.add(part.from());
      cuts.add(part.to());
    }
    Map<String, Long> clicks = new LinkedHashMap<>();
    Instant from = null;
    for (Instant to : cuts) {
      if (from != null) {
        Set<String> channels = new HashSet<>();
        for (Covered part : covered) {
          if (!part.from().isAfter(from) && !part.to().isBefore(to)) {
            channels.add(part.channel());
          }
        }
        if (!channels.isEmpty()) {
          countPiece(q, new Range(from, to), channels, clicks);
        }
      }
      from = to;
    }
    return clicks;
  }

  private void countPiece(
      StatsRequest q, Range range, Set<String> channels, Map<String, Long> clicks)
      throws SQLException {
    Breakdown sources =
        stats.breakdown(
            q.withRange(range).withTop(Integer.MAX_VALUE), VisitKind.CLICK, Dimension.SOURCE);
    long taken = 0;
    for (BreakdownRow source : sources.rows()) {
      String channel = source.value().toLowerCase(Locale.ROOT);
      if (!channel.equals(ALL) && channels.contains(channel)) {
        clicks.merge(channel, source.clicks(), Long::sum);
        taken += source.clicks();
      }
    }
    if (channels.contains(ALL)) {
      clicks.merge(ALL, sources.total().clicks() - taken, Long::sum);
    }
  }

  private static CostReport.Row row(
      String channel, long clicks, long impressions, @Nullable BigDecimal spend, String currency) {
    return new CostReport.Row(
        channel,
        impressions,
        spend,
        currency,
        clicks,
        impressions == 0 ? null : Math.round((double) clicks / impressions * 10_000) / 10_000.0,
        spend == null || clicks == 0
            ? null
            : spend.divide(BigDecimal.valueOf(clicks), 2, RoundingMode.HALF_UP));
  }

  private List<LinkCost> entries(long linkId) throws SQLException {
    return Sql.of(
            """
            SELECT id, channel, period_start, period_end, impressions, spend, currency
            FROM link_cost WHERE link_id = ? ORDER BY period_start, id
            """,
            linkId)
        .list(
            dataSource,
            row ->
                new LinkCost(
                    row.getLong("id"),
                    row.getString("channel"),
                    row.getDate("period_start").toLocalDate(),
                    row.getDate("period_end").toLocalDate(),
                    row.getLong("impressions"),
                    row.getBigDecimal("spend"),
                    row.getString("currency")));
  }

  private long ownedLink(ApiRequest request) throws SQLException {
    long linkId = request.pathId("id", "The link");
    if (!stats.links().owns(request.workspaceId(), linkId)) {
      throw HttpError.notFound("The link");
    }
    return linkId;
  }

  private static LinkCost validate(LinkCost input) {
    if (input.id() != null) {
      throw HttpError.invalidField("id", "is given by the collector.");
    }
    if (input.channel() == null || input.channel().isBlank() || input.channel().length() > 64) {
      throw HttpError.invalidField("channel", "must be 1 to 64 characters, e.g. Instagram.");
    }
    if (input.periodStart() == null || input.periodEnd() == null) {
      throw HttpError.invalidField("periodStart", "and 'periodEnd' are required dates.");
    }
    if (input.periodEnd().isBefore(input.periodStart())) {
      throw HttpError.invalidField("periodEnd", "must not be before 'periodStart'.");
    }
    if (input.periodStart().getYear() < 2000 || input.periodEnd().getYear() > 2099) {
      throw HttpError.invalidField("periodStart", "the period must lie in the years 2000-2099.");
    }
    if (input.impressions() < 0) {
      throw HttpError.invalidField("impressions", "must not be negative.");
    }
    if (input.spend() == null
        || input.spend().signum() < 0
        || input.spend().scale() > 2
        || input.spend().compareTo(new BigDecimal("999999999999")) > 0) {
      throw HttpError.invalidField("spend", "must be an amount such as 120.50, not negative.");
    }
    if (input.currency() == null || !input.currency().matches("[A-Z]{3}")) {
      throw HttpError.invalidField("currency", "must be an ISO 4217 code such as EUR.");
    }
    return input;
  }
}
