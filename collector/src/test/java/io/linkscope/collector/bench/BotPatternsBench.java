package io.linkscope.collector.bench;

import io.linkscope.collector.enrich.BotPatternSource;
import io.linkscope.collector.enrich.BotPatterns;
import io.linkscope.collector.enrich.UserAgentEnricher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What the bot pattern list costs: alone, as {@link BotPatterns} compiles it against the form its
 * authors use (one case-insensitive alternation of all patterns), and within a whole cache miss,
 * against the same analysis with an empty list, in one JVM so that only the list differs. Over a
 * file of real User-Agents; run by {@code bench/user-agent-bench.sh}.
 *
 * <p>Arguments: the pattern file, the User-Agent file, warm-up rounds, measured rounds.
 */
public final class BotPatternsBench {

  private BotPatternsBench() {}

  public static void main(String[] args) throws Exception {
    List<String> patterns = lines(Path.of(args[0]));
    List<String> userAgents = lines(Path.of(args[1]));
    int warmUpRounds = Integer.parseInt(args[2]);
    int rounds = Integer.parseInt(args[3]);
    BotPatterns compiled = BotPatterns.read(Path.of(args[0]));
    Pattern alternation = Pattern.compile(String.join("|", patterns), Pattern.CASE_INSENSITIVE);

    Path empty = Files.createTempFile("no-bot-patterns", ".txt");
    UserAgentEnricher withList = new UserAgentEnricher(0);
    UserAgentEnricher withoutList = withList.withBotPatterns(BotPatternSource.file(empty));
    List<Predicate<String>> forms =
        List.of(
            compiled::matches,
            ua -> alternation.matcher(ua).find(),
            ua -> withList.parse(ua).bot(),
            ua -> withoutList.parse(ua).bot());

    // Alternately, so that all forms see the same load on a shared machine.
    double[][] micros = new double[forms.size()][rounds];
    for (int round = -warmUpRounds; round < rounds; round++) {
      for (int form = 0; form < forms.size(); form++) {
        double perUserAgent = time(forms.get(form), userAgents);
        if (round >= 0) {
          micros[form][round] = perUserAgent;
        }
      }
    }
    Files.delete(empty);
    report("list compiled (pre-filter)", micros[0]);
    report("list as one alternation", micros[1]);
    report("cache miss with the list", micros[2]);
    report("cache miss, empty list", micros[3]);
  }

  private static double time(Predicate<String> isBot, List<String> userAgents) {
    long start = System.nanoTime();
    long bots = 0;
    for (String userAgent : userAgents) {
      if (isBot.test(userAgent)) {
        bots++;
      }
    }
    double micros = (System.nanoTime() - start) / 1_000.0 / userAgents.size();
    // Keeps the loop from being optimised away and shows both forms agree.
    return bots < 0 ? -1 : micros;
  }

  private static void report(String form, double[] micros) {
    Arrays.sort(micros);
    System.out.printf(
        "%-28s median %.2f µs, min %.2f µs, max %.2f µs per User-Agent%n",
        form, micros[micros.length / 2], micros[0], micros[micros.length - 1]);
  }

  private static List<String> lines(Path file) throws Exception {
    return Files.readAllLines(file).stream()
        .filter(line -> !line.isBlank() && !line.startsWith("#"))
        .toList();
  }
}
