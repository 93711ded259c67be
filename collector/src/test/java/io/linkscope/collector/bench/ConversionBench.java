package io.linkscope.collector.bench;

import io.linkscope.api.LinkscopeClient;
import io.linkscope.api.conversion.Experiment;
import io.linkscope.api.conversion.ExperimentVariant;
import io.linkscope.api.link.LinkInput;
import io.linkscope.api.link.LinkView;
import io.linkscope.api.routing.Variant;
import io.linkscope.api.stats.StatsQuery;
import io.linkscope.collector.app.Collector;
import io.linkscope.collector.app.CollectorConfig;
import io.linkscope.collector.click.EnrichedClick;
import io.linkscope.collector.ingest.ClickBatch;
import io.linkscope.collector.ingest.ClickTable;
import io.linkscope.collector.ingest.RollupWriter;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The conversion reports over raw rows: loads clicks of the last four weeks (with their rollups)
 * and conversions of a share of them into a fresh database, then measures the conversion report by
 * link, campaign and variant, and a split link's experiment, through the real server and client;
 * the same link's statistics report (rollups) is the same run's baseline. Run by {@code
 * bench/conversion-bench.sh}.
 *
 * <p>Arguments: clicks, conversions, measured iterations. A third of the clicks go to one link
 * split between two variants (the second converting better), the rest to 99 plain links.
 */
public final class ConversionBench {
  static final int LINKS = 100;
  static final int BATCH = 20_000;

  private ConversionBench() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out));
    long clicks = Long.parseLong(args.length > 0 ? args[0] : "1000000");
    long conversions = Long.parseLong(args.length > 1 ? args[1] : "100000");
    int iterations = Integer.parseInt(args.length > 2 ? args[2] : "20");
    Path dir = Files.createTempDirectory("conversion-bench");
    CollectorConfig config =
        CollectorConfig.defaults(dir)
            .withDatabase(StatsBench.freshDatabase("ls_conversion_bench"), "root", "");
    try (Collector collector = Collector.start(config)) {
      LinkscopeClient client =
          new LinkscopeClient(
              collector.baseUrl().toString(), collector.bootstrapKey().orElseThrow());
      long workspaceId = client.workspace().id();
      LinkView split =
          client.createLink(
              LinkInput.to("https://example.com/split")
                  .withSlug("split")
                  .withClickIdParam("lsclid")
                  .withRouting(
                      null,
                      List.of(
                          Variant.of("https://example.com/a", 50),
                          Variant.of("https://example.com/b", 50))));
      long[] linkIds = new long[LINKS];
      linkIds[0] = split.id();
      for (int i = 1; i < LINKS; i++) {
        linkIds[i] = client.createLink(LinkInput.to("https://example.com/p/" + i)).id();
      }
      List<String> variants = split.variants().stream().map(v -> "variant:" + v.id()).toList();
      Instant now = Instant.now();
      Instant from = now.minus(Duration.ofDays(28));
      long started = System.nanoTime();
      List<UUID> converted =
          load(
              collector.database().dataSource(),
              workspaceId,
              linkIds,
              variants,
              clicks,
              conversions,
              from,
              now.minus(Duration.ofHours(1)));
      out.printf(
          "loaded %,d clicks (with rollups) and %,d conversions in %.0f s%n",
          clicks, converted.size(), (System.nanoTime() - started) / 1e9);
      // Stored behind the collector's back, the conversions are folded as ones whose click came
      // late: the conversion journal's thread finds them.
      long folding = System.nanoTime();
      try (Connection c = collector.database().connection();
          Statement s = c.createStatement()) {
        while (true) {
          try (ResultSet left =
              s.executeQuery("SELECT COUNT(*) FROM conversion WHERE NOT folded")) {
            left.next();
            if (left.getLong(1) == 0) {
              break;
            }
          }
          Thread.sleep(200);
        }
        out.printf(
            "conversions folded (as late arrivals) in %.1f s%n",
            (System.nanoTime() - folding) / 1e9);
        s.execute("ANALYZE TABLE click, conversion, conversion_fold");
      }

      StatsQuery splitMonth = StatsQuery.link(split.id(), from, now);
      StatsBench.measure(
          out,
          "baseline: statistics report of the split link, 28 days (rollups)",
          iterations,
          () -> client.statsReport(splitMonth, "day", 10).summary().current().clicks());
      StatsBench.measure(
          out,
          "conversions by link, workspace, 30 days",
          iterations,
          () -> client.conversions("link", null).total().clicks());
      StatsBench.measure(
          out,
          "conversions by campaign, workspace, 30 days",
          iterations,
          () -> client.conversions("campaign", null).total().clicks());
      StatsBench.measure(
          out,
          "conversions by variant, split link, 30 days",
          iterations,
          () -> client.conversions("variant", split.id()).total().clicks());
      StatsBench.measure(
          out,
          "experiment of the split link, all its clicks",
          iterations,
          () -> {
            Experiment experiment = client.experiment(split.id());
            return experiment.variants().stream().mapToLong(ExperimentVariant::clicks).sum();
          });
      Experiment experiment = client.experiment(split.id());
      out.printf("experiment verdict: %s%n", experiment.verdict());
    }
  }

  /**
   * Loads the clicks in time order through ClickTable and RollupWriter, then conversions of
   * randomly chosen ones; returns the converted clicks' ids.
   */
  static List<UUID> load(
      DataSource dataSource,
      long workspaceId,
      long[] linkIds,
      List<String> variants,
      long target,
      long conversions,
      Instant from,
      Instant to)
      throws Exception {
    Random random = new Random(42);
    double share = (double) conversions / target;
    long span = to.toEpochMilli() - from.toEpochMilli();
    List<UUID> converted = new ArrayList<>();
    for (long done = 0; done < target; done += BATCH) {
      List<EnrichedClick> batch = new ArrayList<>(BATCH);
      for (int i = 0; i < BATCH && done + i < target; i++) {
        long at = from.toEpochMilli() + (long) ((double) (done + i) / target * span);
        // A third of the clicks to the split link, its second variant converting twice as often.
        boolean onSplit = random.nextInt(3) == 0;
        int variant = random.nextInt(2);
        long link = onSplit ? linkIds[0] : linkIds[1 + random.nextInt(linkIds.length - 1)];
        String key = onSplit ? variants.get(variant) : "";
        EnrichedClick click = StatsBench.click(random, at, workspaceId, link, key);
        batch.add(click);
        double chance = onSplit ? share * (variant == 0 ? 2.0 / 3 : 4.0 / 3) : share;
        if (converted.size() < conversions && random.nextDouble() < chance) {
          converted.add(click.event().id());
        }
      }
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(false);
        ClickBatch clickBatch = new ClickBatch(batch);
        RollupWriter.decideUniques(c, RollupWriter.Uniques.of(clickBatch));
        ClickTable.write(c, ClickTable.Rows.of(clickBatch));
        RollupWriter.fold(c, RollupWriter.Cells.of(clickBatch));
        c.commit();
      }
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                """
                INSERT INTO conversion (workspace_id, event_id, click_id, event_name, value,
                  currency, occurred_at, received_at, via)
                VALUES (?, ?, ?, 'purchase', ?, 'EUR', ?, ?, 1)
                """)) {
      c.setAutoCommit(false);
      Timestamp when = Timestamp.from(to);
      for (int i = 0; i < converted.size(); i++) {
        UUID id = converted.get(i);
        insert.setLong(1, workspaceId);
        insert.setString(2, "order-" + i);
        insert.setBytes(
            3,
            ByteBuffer.allocate(16)
                .putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits())
                .array());
        insert.setBigDecimal(4, new BigDecimal("19.90"));
        insert.setTimestamp(5, when);
        insert.setTimestamp(6, when);
        insert.addBatch();
        if (i % 10_000 == 9_999) {
          insert.executeBatch();
          c.commit();
        }
      }
      insert.executeBatch();
      c.commit();
    }
    return converted;
  }
}
