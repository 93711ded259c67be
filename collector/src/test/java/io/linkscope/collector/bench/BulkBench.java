package io.linkscope.collector.bench;

import io.linkscope.api.LinkscopeClient;
import io.linkscope.api.bulk.BulkCreate;
import io.linkscope.api.bulk.BulkIds;
import io.linkscope.api.importing.ImportReport;
import io.linkscope.api.link.LinkInput;
import io.linkscope.api.link.LinkView;
import io.linkscope.collector.testsupport.TestCollector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A thousand links created through the API three ways, alternately in each round on one real
 * collector and database: one {@code POST /api/v1/links} each (the baseline), one bulk create, and
 * one import of a 1,000-row CSV. Prints the milliseconds of each. Run by {@code
 * bench/bulk-bench.sh}.
 *
 * <p>Arguments: rounds, links per round.
 */
public final class BulkBench {
  private BulkBench() {}

  public static void main(String[] args) throws Exception {
    int rounds = Integer.parseInt(args[0]);
    int count = Integer.parseInt(args[1]);
    Path directory = Files.createTempDirectory("linkscope-bulk-bench");
    try (TestCollector collector = TestCollector.start(directory)) {
      LinkscopeClient client = collector.client();
      // Warm-up: the JIT, the pool and the caches, not measured.
      measure(client, "warmup", count);
      System.out.println("round,way,links,ms,links_per_s");
      for (int round = 1; round <= rounds; round++) {
        for (String line : measure(client, "r" + round, count)) {
          System.out.println(round + "," + line);
        }
      }
    }
  }

  private static List<String> measure(LinkscopeClient client, String prefix, int count) {
    List<String> lines = new ArrayList<>();
    List<LinkInput> inputs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      inputs.add(
          LinkInput.to("https://shop.example.com/single/" + prefix + "/" + i)
              .withSlug(prefix + "-single-" + i)
              .withTags(List.of("bench", "single")));
    }
    long start = System.nanoTime();
    List<Long> ids = new ArrayList<>();
    for (LinkInput input : inputs) {
      ids.add(client.createLink(input).id());
    }
    lines.add(line("single", count, start));

    List<LinkInput> bulk = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      bulk.add(
          LinkInput.to("https://shop.example.com/bulk/" + prefix + "/" + i)
              .withSlug(prefix + "-bulk-" + i)
              .withTags(List.of("bench", "bulk")));
    }
    start = System.nanoTime();
    List<LinkView> created = client.bulkCreateLinks(new BulkCreate(bulk)).links();
    lines.add(line("bulk", created.size(), start));
    created.forEach(link -> ids.add(link.id()));

    StringBuilder csv = new StringBuilder("slug,url,tags,clicks\n");
    for (int i = 0; i < count; i++) {
      csv.append(prefix)
          .append("-import-")
          .append(i)
          .append(",https://shop.example.com/import/")
          .append(prefix)
          .append('/')
          .append(i)
          .append(",bench|import,")
          .append(i)
          .append('\n');
    }
    byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);
    start = System.nanoTime();
    ImportReport report = client.importLinks(file, "text/csv", Map.of());
    lines.add(line("import", report.totals().created(), start));
    report.rows().forEach(row -> ids.add(row.linkId()));

    // Deleted again so that every round starts from the same table.
    for (int from = 0; from < ids.size(); from += 1_000) {
      client.bulkDeleteLinks(new BulkIds(ids.subList(from, Math.min(ids.size(), from + 1_000))));
    }
    return lines;
  }

  private static String line(String way, int links, long start) {
    double ms = (System.nanoTime() - start) / 1e6;
    return String.format("%s,%d,%.1f,%.0f", way, links, ms, links / (ms / 1000));
  }
}
