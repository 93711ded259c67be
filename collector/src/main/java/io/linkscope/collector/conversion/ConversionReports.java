package io.linkscope.collector.conversion;

import io.linkscope.api.conversion.ConversionReport;
import io.linkscope.api.conversion.CostPerConversion;
import io.linkscope.api.conversion.Experiment;
import io.linkscope.api.routing.Variant;
import io.linkscope.collector.click.ClickEvent;
import io.linkscope.collector.db.Sql;
import io.linkscope.collector.http.ApiRequest;
import io.linkscope.collector.http.HttpError;
import io.linkscope.collector.http.Reply;
import io.linkscope.collector.routing.Routing;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Reading conversions: counts per link, source, campaign or variant; cost per conversion from the
 * link's cost entries; and a link's A/B test ({@link Significance}). Each conversion counts with
 * the click whose id it carries (same workspace), bots' clicks left out.
 */
public final class ConversionReports {
  /** Where a click's variant is recorded; added by the routing migration, absent before. */
  static final String VARIANT_COLUMN = "destination_key";

  private static final Map<String, String> GROUPS =
      Map.of(
          "link", "CAST(k.link_id AS CHAR)",
          "source", "k.referrer_source",
          "campaign", "k.utm_campaign",
          "variant", "COALESCE(k." + VARIANT_COLUMN + ", 'target')");

  private final DataSource dataSource;
  private final Clock clock;
  private volatile boolean variantsRecorded;

  public ConversionReports(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  /**
   * {@code GET /api/v1/stats/conversions?by=link|source|campaign|variant&link=&event=&from=&to=}:
   * clicks in the range (30 days up to now by default) and their conversions, by one dimension.
   */
  public Reply report(ApiRequest request) throws Exception {
    String by = request.query("by").orElse("link");
    String group = GROUPS.get(by);
    if (group == null) {
      throw HttpError.invalidParameter("by", "must be one of link, source, campaign, variant.");
    }
    if (by.equals("variant")) {
      requireVariants();
    }
    long workspaceId = request.workspaceId();
    Long linkId = optionalLink(request);
    Optional<String> event = request.query("event");
    Instant to = request.queryInstant("to").orElse(clock.instant());
    Instant from = request.queryInstant("from").orElse(to.minus(Duration.ofDays(30)));
    if (!from.isBefore(to)) {
      throw HttpError.invalidParameter("to", "must be after 'from'.");
    }
    Sql.Builder sql =
        new Sql.Builder()
            .append(
                "SELECT "
                    + group
                    + """
                     AS v, COUNT(*) AS clicks, COUNT(cv.click_id) AS converted,
                      COALESCE(SUM(cv.n), 0) AS conversions, SUM(cv.revenue) AS revenue,
                      MIN(cv.low_currency) AS low_currency, MAX(cv.high_currency) AS high_currency
                    FROM click k LEFT JOIN (
                      SELECT click_id, COUNT(*) AS n, SUM(value) AS revenue,
                        MIN(currency) AS low_currency, MAX(currency) AS high_currency
                      FROM conversion WHERE workspace_id = ?
                    """,
                workspaceId);
    event.ifPresent(name -> sql.append(" AND event_name = ?", name));
    sql.append(
        """
         GROUP BY click_id) cv ON cv.click_id = k.click_id
        WHERE k.workspace_id = ? AND k.kind = ? AND NOT k.bot
          AND k.clicked_at >= ? AND k.clicked_at < ?
        """,
        workspaceId,
        ClickEvent.Kind.LINK_CLICK.code(),
        from,
        to);
    if (linkId != null) {
      sql.append(" AND k.link_id = ?", linkId);
    }
    sql.append(" GROUP BY v ORDER BY conversions DESC, clicks DESC, v");
    List<Counted> counted =
        sql.build()
            .list(
                dataSource,
                row ->
                    new Counted(
                        Optional.ofNullable(row.getString("v")).orElse(""),
                        row.getLong("clicks"),
                        row.getLong("converted"),
                        row.getLong("conversions"),
                        row.getBigDecimal("revenue"),
                        row.getString("low_currency"),
                        row.getString("high_currency")));
    Counted total = new Counted("total", 0, 0, 0, null, null, null);
    List<ConversionReport.Row> rows = new ArrayList<>();
    for (Counted row : counted) {
      rows.add(row.row());
      total = total.plus(row);
    }
    return Reply.ok(
        new ConversionReport(by, rows, total.row(), unattributed(workspaceId, from, to)));
  }

  /** Clicks and conversions of one group, and the range of currencies of its values. */
  private record Counted(
      String value,
      long clicks,
      long converted,
      long conversions,
      @Nullable BigDecimal revenue,
      @Nullable String lowCurrency,
      @Nullable String highCurrency) {

    Counted plus(Counted other) {
      return new Counted(
          value,
          clicks + other.clicks,
          converted + other.converted,
          conversions + other.conversions,
          revenue == null
              ? other.revenue
              : other.revenue == null ? revenue : revenue.add(other.revenue),
          min(lowCurrency, other.lowCurrency),
          max(highCurrency, other.highCurrency));
    }

    ConversionReport.Row row() {
      boolean mixed = lowCurrency != null && !lowCurrency.equals(highCurrency);
      return new ConversionReport.Row(
          value,
          clicks,
          converted,
          conversions,
          clicks == 0 ? null : Math.round((double) converted / clicks * 10_000) / 10_000.0,
          mixed || revenue == null ? null : revenue.setScale(2, RoundingMode.HALF_UP),
          mixed ? "mixed" : lowCurrency == null ? "" : lowCurrency);
    }

    private static @Nullable String min(@Nullable String a, @Nullable String b) {
      return a == null ? b : b == null || a.compareTo(b) <= 0 ? a : b;
    }

    private static @Nullable String max(@Nullable String a, @Nullable String b) {
      return a == null ? b : b == null || a.compareTo(b) >= 0 ? a : b;
    }
  }

  /** Conversions that occurred in the range and match no click of the workspace. */
  private long unattributed(long workspaceId, Instant from, Instant to) throws SQLException {
    return Sql.of(
            """
            SELECT COUNT(*) FROM conversion cv
            WHERE cv.workspace_id = ? AND cv.occurred_at >= ? AND cv.occurred_at < ?
              AND NOT EXISTS (SELECT 1 FROM click k
                WHERE k.click_id = cv.click_id AND k.workspace_id = cv.workspace_id)
            """,
            workspaceId,
            from,
            to)
        .one(dataSource, row -> row.getLong(1))
        .orElse(0L);
  }

  /**
   * {@code GET /api/v1/links/{id}/cost-per-conversion}: per channel of the link's cost entries, the
   * spend and the conversions of the clicks the entries cover: clicks on the entries' days from the
   * channel's source ({@code all}: from sources without entries of their own).
   */
  public Reply costPerConversion(ApiRequest request) throws Exception {
    long linkId = ownedLink(request);
    record Entry(
        String channel, LocalDate start, LocalDate end, BigDecimal spend, String currency) {}
    List<Entry> entries =
        Sql.of(
                """
                SELECT channel, period_start, period_end, spend, currency FROM link_cost
                WHERE link_id = ? ORDER BY period_start, id
                """,
                linkId)
            .list(
                dataSource,
                row ->
                    new Entry(
                        row.getString("channel").toLowerCase(Locale.ROOT),
                        row.getDate("period_start").toLocalDate(),
                        row.getDate("period_end").toLocalDate(),
                        row.getBigDecimal("spend"),
                        row.getString("currency")));
    Map<String, List<Entry>> byChannel = new LinkedHashMap<>();
    for (Entry entry : entries) {
      byChannel.computeIfAbsent(entry.channel(), _ -> new ArrayList<>()).add(entry);
    }
    List<String> ownChannels = byChannel.keySet().stream().filter(c -> !c.equals("all")).toList();
    List<CostPerConversion.Row> rows = new ArrayList<>();
    for (Map.Entry<String, List<Entry>> channel : byChannel.entrySet()) {
      BigDecimal spend = BigDecimal.ZERO;
      String currency = null;
      Sql.Builder sql =
          new Sql.Builder()
              .append(
                  """
                  SELECT COUNT(*) AS clicks, COALESCE(SUM(cv.n), 0) AS conversions
                  FROM click k LEFT JOIN (
                    SELECT click_id, COUNT(*) AS n FROM conversion WHERE workspace_id = ?
                    GROUP BY click_id) cv ON cv.click_id = k.click_id
                  WHERE k.link_id = ? AND k.kind = ? AND NOT k.bot AND (
                  """,
                  request.workspaceId(),
                  linkId,
                  ClickEvent.Kind.LINK_CLICK.code());
      String or = "";
      for (Entry entry : channel.getValue()) {
        spend = spend.add(entry.spend());
        currency =
            currency == null || currency.equals(entry.currency()) ? entry.currency() : "mixed";
        sql.append(
            or + "(k.clicked_at >= ? AND k.clicked_at < ?)",
            entry.start().atStartOfDay(ZoneOffset.UTC).toInstant(),
            entry.end().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        or = " OR ";
      }
      sql.append(")");
      if (channel.getKey().equals("all")) {
        if (!ownChannels.isEmpty()) {
          sql.append(" AND LOWER(k.referrer_source) NOT").in(ownChannels);
        }
      } else {
        sql.append(" AND LOWER(k.referrer_source) = ?", channel.getKey());
      }
      long[] counts =
          sql.build()
              .one(dataSource, row -> new long[] {row.getLong(1), row.getLong(2)})
              .orElse(new long[2]);
      String money = currency == null ? "" : currency;
      rows.add(
          new CostPerConversion.Row(
              channel.getKey(),
              spend,
              money,
              counts[0],
              counts[1],
              counts[1] == 0 || money.equals("mixed")
                  ? null
                  : spend.divide(BigDecimal.valueOf(counts[1]), 2, RoundingMode.HALF_UP)));
    }
    return Reply.ok(new CostPerConversion(linkId, rows));
  }

  /**
   * {@code GET /api/v1/links/{id}/experiment?event=}: the link's A/B test over all its clicks. A
   * link with variants compares them, the first the control, each click counted for the variant
   * that served it; an ended split only up to its end. Without variants every destination the
   * link's clicks went to is an arm, the link's own target ({@code target}) the control. 409 while
   * the collector records no variants.
   */
  public Reply experiment(ApiRequest request) throws Exception {
    long linkId = request.pathId("id", "The link");
    Routing routing =
        routing(request.workspaceId(), linkId).orElseThrow(() -> HttpError.notFound("The link"));
    requireVariants();
    return Reply.ok(experiment(request.workspaceId(), linkId, routing, request.query("event")));
  }

  /**
   * The variant a split that reached its end date goes on with (decision 0019): the experiment's
   * winner over every conversion event, else the first variant, the control.
   */
  public long outcome(long workspaceId, long linkId, Routing routing) throws SQLException {
    Experiment experiment = experiment(workspaceId, linkId, routing, Optional.empty());
    String served = Objects.requireNonNull(experiment.servedAfterEnd());
    for (Variant variant : routing.variants()) {
      long id = Objects.requireNonNull(variant.id());
      if (Routing.variantKey(id).equals(served)) {
        return id;
      }
    }
    return Objects.requireNonNull(routing.variants().getFirst().id());
  }

  private Experiment experiment(
      long workspaceId, long linkId, Routing routing, Optional<String> event) throws SQLException {
    Instant now = clock.instant();
    boolean ended = routing.ended(now);
    List<String> keys =
        routing.variants().stream()
            .map(v -> Routing.variantKey(Objects.requireNonNull(v.id())))
            .toList();
    Sql.Builder sql =
        new Sql.Builder()
            .append(
                """
                SELECT COALESCE(k.destination_key, 'target') AS arm, COUNT(*) AS clicks,
                  COUNT(cv.click_id) AS converted
                FROM click k LEFT JOIN (
                  SELECT DISTINCT click_id FROM conversion WHERE workspace_id = ?
                """,
                workspaceId);
    event.ifPresent(name -> sql.append(" AND event_name = ?", name));
    sql.append(
        """
        ) cv ON cv.click_id = k.click_id
        WHERE k.link_id = ? AND k.kind = ? AND NOT k.bot
        """,
        linkId,
        ClickEvent.Kind.LINK_CLICK.code());
    if (!keys.isEmpty()) {
      sql.append(" AND k.destination_key").in(keys);
      if (ended) {
        // The finished test: what came after its end went to one variant and tests nothing.
        sql.append(" AND k.clicked_at < ?", Objects.requireNonNull(routing.endsAt()));
      }
    }
    sql.append(" GROUP BY arm ORDER BY arm <> 'target', arm");
    List<Significance.Arm> counted =
        sql.build()
            .list(
                dataSource,
                row ->
                    new Significance.Arm(
                        row.getString("arm"), row.getLong("clicks"), row.getLong("converted")));
    if (keys.isEmpty()) {
      return Significance.analyze(counted);
    }
    // Every variant in the link's order, those without clicks yet too.
    Map<String, Significance.Arm> byKey = new LinkedHashMap<>();
    counted.forEach(arm -> byKey.put(arm.key(), arm));
    List<Significance.Arm> arms =
        keys.stream().map(key -> byKey.getOrDefault(key, new Significance.Arm(key, 0, 0))).toList();
    Experiment experiment = Significance.analyze(arms);
    String served = null;
    if (routing.promotedVariantId() != null) {
      served = Routing.variantKey(routing.promotedVariantId());
    } else if (ended) {
      served =
          experiment.winner() != null && keys.contains(experiment.winner())
              ? experiment.winner()
              : keys.getFirst();
    }
    return experiment.withEnd(routing.endsAt(), ended, served);
  }

  /** The routing of a live link of the workspace; empty when there is no such link. */
  private Optional<Routing> routing(long workspaceId, long linkId) throws SQLException {
    return Sql.of(
            "SELECT routing FROM link WHERE id = ? AND workspace_id = ? AND deleted_at IS NULL",
            linkId,
            workspaceId)
        .one(dataSource, row -> Routing.fromJson(row.getString("routing")));
  }

  /** 409 unless the click table records which variant served a click. */
  private void requireVariants() throws SQLException {
    if (variantsRecorded) {
      return;
    }
    variantsRecorded =
        Sql.of(
                """
                SELECT 1 FROM information_schema.COLUMNS
                WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'click' AND COLUMN_NAME = ?
                """,
                VARIANT_COLUMN)
            .one(dataSource, row -> true)
            .isPresent();
    if (!variantsRecorded) {
      throw HttpError.conflict(
          "no_variants",
          "This collector does not record which variant served a click yet, so there is no"
              + " experiment to measure.");
    }
  }

  private @Nullable Long optionalLink(ApiRequest request) throws SQLException {
    Optional<String> text = request.query("link");
    if (text.isEmpty()) {
      return null;
    }
    long linkId;
    try {
      linkId = Long.parseLong(text.get());
    } catch (NumberFormatException e) {
      throw HttpError.invalidParameter("link", "must be a link id.");
    }
    if (!owns(request.workspaceId(), linkId)) {
      throw HttpError.notFound("The link");
    }
    return linkId;
  }

  private long ownedLink(ApiRequest request) throws SQLException {
    long linkId = request.pathId("id", "The link");
    if (!owns(request.workspaceId(), linkId)) {
      throw HttpError.notFound("The link");
    }
    return linkId;
  }

  private boolean owns(long workspaceId, long linkId) throws SQLException {
    return Sql.of(
            "SELECT 1 FROM link WHERE id = ? AND workspace_id = ? AND deleted_at IS NULL",
            linkId,
            workspaceId)
        .one(dataSource, row -> true)
        .isPresent();
  }
}
