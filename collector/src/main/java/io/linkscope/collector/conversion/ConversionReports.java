package io.linkscope.collector.conversion;

import io.linkscope.api.conversion.ConversionReport;
import io.linkscope.api.conversion.CostPerConversion;
import io.linkscope.api.conversion.Experiment;
import io.linkscope.api.routing.Variant;
import io.linkscope.api.stats.Dimension;
import io.linkscope.collector.click.ClickEvent;
import io.linkscope.collector.db.Sql;
import io.linkscope.collector.http.ApiRequest;
import io.linkscope.collector.http.HttpError;
import io.linkscope.collector.http.Reply;
import io.linkscope.collector.routing.Routing;
import io.linkscope.collector.stats.Dim;
import io.linkscope.collector.stats.Range;
import io.linkscope.collector.stats.StatsService;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Reading conversions: counts per link, source, campaign or variant; cost per conversion from the
 * link's cost entries; and a link's A/B test ({@link Significance}). Each conversion counts with
 * the click whose id it carries (same workspace), bots' clicks left out. Whole UTC hours are read
 * from the statistics cells (clicks) and {@link ConversionFold}'s table (conversions), less than an
 * hour at either end of a range from the raw rows ({@link Piece}).
 */
public final class ConversionReports {
  /** Where a click's variant is recorded; added by the routing migration, absent before. */
  static final String VARIANT_COLUMN = "destination_key";

  /** The fold's column of each grouping. */
  private static final Map<String, String> FOLD_GROUPS =
      Map.of(
          "link", "CAST(link_id AS CHAR)",
          "source", "source",
          "campaign", "campaign",
          "variant", "destination");

  /** Where an experiment's clicks are counted from; statistics start in 2000 too. */
  private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

  private static final String VARIANT_GROUP = "COALESCE(k." + VARIANT_COLUMN + ", 'target')";

  private static final Map<String, String> GROUPS =
      Map.of(
          "link", "CAST(k.link_id AS CHAR)",
          "source", "k.referrer_source",
          "campaign", "k.utm_campaign",
          "variant", VARIANT_GROUP);

  private final DataSource dataSource;
  private final StatsService stats;
  private final Clock clock;
  private volatile boolean variantsRecorded;

  public ConversionReports(DataSource dataSource, StatsService stats, Clock clock) {
    this.dataSource = dataSource;
    this.stats = stats;
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
    Map<String, Counted> byValue = new LinkedHashMap<>();
    for (Piece piece : Piece.of(from, to)) {
      List<Counted> part =
          piece.whole()
              ? wholeHours(workspaceId, linkId, by, event, piece.range())
              : raw(workspaceId, linkId, group, event, piece.from(), piece.to());
      part.forEach(row -> byValue.merge(row.value(), row, Counted::plus));
    }
    List<Counted> counted =
        byValue.values().stream()
            .sorted(
                Comparator.comparingLong(Counted::conversions)
                    .reversed()
                    .thenComparing(Comparator.comparingLong(Counted::clicks).reversed())
                    .thenComparing(Counted::value))
            .toList();
    Counted total = new Counted("total", 0, 0, 0, null, null, null);
    List<ConversionReport.Row> rows = new ArrayList<>();
    for (Counted row : counted) {
      rows.add(row.row());
      total = total.plus(row);
    }
    return Reply.ok(
        new ConversionReport(by, rows, total.row(), unattributed(workspaceId, from, to)));
  }

  /**
   * One group's counts over whole UTC hours: clicks from the statistics rollups, conversions from
   * their fold.
   */
  private List<Counted> wholeHours(
      long workspaceId, @Nullable Long linkId, String by, Optional<String> event, Range range)
      throws SQLException {
    int dim =
        switch (by) {
          case "link" -> linkId == null ? Dim.LINK : Dim.TOTAL;
          case "source" -> Dim.code(Dimension.SOURCE);
          case "campaign" -> Dim.code(Dimension.UTM_CAMPAIGN);
          default -> Dim.code(Dimension.DESTINATION);
        };
    Map<String, Counted> byValue = new LinkedHashMap<>();
    stats
        .humanClicks(workspaceId, linkId, range, dim)
        .forEach(
            (value, clicks) -> {
              String v = dim == Dim.TOTAL ? Long.toString(Objects.requireNonNull(linkId)) : value;
              byValue.put(v, new Counted(v, clicks, 0, 0, null, null, null));
            });
    Sql.Builder sql =
        new Sql.Builder()
            .append(
                "SELECT "
                    + FOLD_GROUPS.get(by)
                    + " AS v, SUM("
                    + (event.isPresent() ? "converted_clicks" : "first_conversions")
                    + """
                    ) AS converted, SUM(conversions) AS conversions, SUM(revenue) AS revenue,
                      MIN(NULLIF(currency, '')) AS low_currency,
                      MAX(NULLIF(currency, '')) AS high_currency
                    FROM conversion_fold WHERE workspace_id = ? AND hour >= ? AND hour < ?
                    """,
                workspaceId,
                range.from(),
                range.to());
    if (linkId != null) {
      sql.append(" AND link_id = ?", linkId);
    }
    event.ifPresent(name -> sql.append(" AND event_name = ?", name));
    sql.append(" GROUP BY v");
    sql.build()
        .list(
            dataSource,
            row ->
                new Counted(
                    Optional.ofNullable(row.getString("v")).orElse(""),
                    0,
                    row.getLong("converted"),
                    row.getLong("conversions"),
                    row.getBigDecimal("revenue"),
                    row.getString("low_currency"),
                    row.getString("high_currency")))
        .forEach(row -> byValue.merge(row.value(), row, Counted::plus));
    return List.copyOf(byValue.values());
  }

  /** One group's counts over less than an hour at an edge of a range, from the raw rows. */
  private List<Counted> raw(
      long workspaceId,
      @Nullable Long linkId,
      String group,
      Optional<String> event,
      Instant from,
      Instant to)
      throws SQLException {
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
    sql.append(" GROUP BY v");
    return sql.build()
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
  }

  /**
   * A part of a range: its whole UTC hours, read from rollups and folds, or less than an hour at
   * either edge, read from the raw rows.
   */
  record Piece(Instant from, Instant to, boolean whole) {
    Range range() {
      return new Range(from, to);
    }

    static List<Piece> of(Instant from, Instant to) {
      Instant firstHour = from.truncatedTo(ChronoUnit.HOURS);
      if (firstHour.isBefore(from)) {
        firstHour = firstHour.plus(Duration.ofHours(1));
      }
      Instant lastHour = to.truncatedTo(ChronoUnit.HOURS);
      if (!firstHour.isBefore(lastHour)) {
        return from.isBefore(to) ? List.of(new Piece(from, to, false)) : List.of();
      }
      List<Piece> pieces = new ArrayList<>(3);
      if (from.isBefore(firstHour)) {
        pieces.add(new Piece(from, firstHour, false));
      }
      pieces.add(new Piece(firstHour, lastHour, true));
      if (lastHour.isBefore(to)) {
        pieces.add(new Piece(lastHour, to, false));
      }
      return pieces;
    }
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

  /**
   * Conversions that occurred in the range and match no click of the workspace: of those not folded
   * (a folded one's click was found), so a purge of old clicks leaves this unchanged.
   */
  private long unattributed(long workspaceId, Instant from, Instant to) throws SQLException {
    return Sql.of(
            """
            SELECT COUNT(*) FROM conversion cv
            WHERE cv.workspace_id = ? AND cv.occurred_at >= ? AND cv.occurred_at < ?
              AND NOT cv.folded AND NOT EXISTS (SELECT 1 FROM click k
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
      List<Range> days = new ArrayList<>();
      for (Entry entry : channel.getValue()) {
        spend = spend.add(entry.spend());
        currency =
            currency == null || currency.equals(entry.currency()) ? entry.currency() : "mixed";
        days.add(
            new Range(
                entry.start().atStartOfDay(ZoneOffset.UTC).toInstant(),
                entry.end().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
      }
      // A click under several entries of its channel counts once: their days are joined first.
      long[] counts = new long[2];
      for (Range range : union(days)) {
        Predicate<String> ofChannel =
            source -> {
              String lower = source.toLowerCase(Locale.ROOT);
              return channel.getKey().equals("all")
                  ? !ownChannels.contains(lower)
                  : lower.equals(channel.getKey());
            };
        stats
            .humanClicks(request.workspaceId(), linkId, range, Dim.code(Dimension.SOURCE))
            .forEach(
                (source, clicks) -> {
                  if (ofChannel.test(source)) {
                    counts[0] += clicks;
                  }
                });
        Sql.of(
                """
                SELECT source, SUM(conversions) FROM conversion_fold
                WHERE workspace_id = ? AND link_id = ? AND hour >= ? AND hour < ?
                GROUP BY source
                """,
                request.workspaceId(),
                linkId,
                range.from(),
                range.to())
            .list(dataSource, row -> Map.entry(row.getString(1), row.getLong(2)))
            .forEach(
                source -> {
                  if (ofChannel.test(source.getKey())) {
                    counts[1] += source.getValue();
                  }
                });
      }
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

  /** The ranges of {@code ranges} joined where they overlap or meet, in order. */
  private static List<Range> union(List<Range> ranges) {
    List<Range> sorted = ranges.stream().sorted(Comparator.comparing(Range::from)).toList();
    List<Range> joined = new ArrayList<>();
    for (Range range : sorted) {
      Range last = joined.isEmpty() ? null : joined.getLast();
      if (last != null && !range.from().isAfter(last.to())) {
        if (range.to().isAfter(last.to())) {
          joined.set(joined.size() - 1, new Range(last.from(), range.to()));
        }
      } else {
        joined.add(range);
      }
    }
    return joined;
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
    // Every click of the link up to now; of a finished test, only up to its end: what came after
    // it went to one variant and tests nothing.
    Instant to =
        !keys.isEmpty() && ended
            ? Objects.requireNonNull(routing.endsAt())
            : now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(2));
    Map<String, Counted> byArm = new TreeMap<>();
    for (Piece piece : Piece.of(EARLIEST, to)) {
      List<Counted> part =
          piece.whole()
              ? wholeHours(workspaceId, linkId, "variant", event, piece.range())
              : raw(workspaceId, linkId, VARIANT_GROUP, event, piece.from(), piece.to());
      part.forEach(row -> byArm.merge(row.value(), row, Counted::plus));
    }
    List<Significance.Arm> counted = new ArrayList<>();
    Counted target = byArm.remove(Dim.OWN_TARGET);
    if (target != null) {
      counted.add(new Significance.Arm(target.value(), target.clicks(), target.converted()));
    }
    byArm
        .values()
        .forEach(
            arm -> counted.add(new Significance.Arm(arm.value(), arm.clicks(), arm.converted())));
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
