package io.linkscope.collector.bench;

import io.linkscope.api.Json;
import io.linkscope.api.link.LinkInput;
import io.linkscope.collector.click.Visitor;
import io.linkscope.collector.enrich.GeoLocation;
import io.linkscope.collector.enrich.UserAgentEnricher;
import io.linkscope.collector.routing.Route;
import io.linkscope.collector.routing.RouteVisit;
import io.linkscope.collector.routing.Routing;
import io.linkscope.collector.routing.RoutingValidation;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The routing decision alone: the five rules and the 50/50 split of {@code bench/routing-bench.sh}
 * decided for visits made of real User-Agents (answered from the shared User-Agent cache, as on the
 * redirect path once a User-Agent has been seen), several countries, languages and queries. Prints
 * nanoseconds per decision. Run by {@code bench/routing-bench.sh --decision-only}.
 *
 * <p>Arguments: the User-Agent file, warm-up rounds, measured rounds.
 */
public final class RouteBench {
  private static final String LINK =
      """
      {"rules": [
        {"when":{"bot":true},"targetUrl":"https://preview.example.com/card"},
        {"when":{"countries":["JP"],"os":["iOS"]},"targetUrl":"https://shop.example.com/jp-ios"},
        {"when":{"languages":["de"],"devices":["mobile"]},"targetUrl":"https://shop.example.com/de"},
        {"when":{"inApp":["Instagram","Facebook","TikTok"]},"targetUrl":"https://shop.example.com/s"},
        {"when":{"query":[{"name":"utm_source","equals":"newsletter"}]},
         "targetUrl":"https://shop.example.com/news"}],
       "variants": [{"targetUrl":"https://shop.example.com/a","weight":50},
                    {"targetUrl":"https://shop.example.com/b","weight":50}]}
      """;

  private RouteBench() {}

  public static void main(String[] args) throws Exception {
    List<String> userAgents =
        Files.readAllLines(Path.of(args[0])).stream()
            .filter(line -> !line.isBlank() && !line.startsWith("#"))
            .toList();
    int warmUpRounds = Integer.parseInt(args[1]);
    int rounds = Integer.parseInt(args[2]);
    LinkInput input = Json.read(LINK, LinkInput.class);
    Route route =
        Route.compile(
            RoutingValidation.validate(
                input.rules(), input.variants(), Routing.NONE, (field, url) -> url));
    UserAgentEnricher enricher = new UserAgentEnricher(10_000);

    String[] languages = {"en-US,en;q=0.9", "de-DE,de;q=0.9,en;q=0.8", "ja-JP,ja;q=0.9", "fr"};
    String[] countries = {"US", "DE", "JP", "GB", ""};
    String[] queries = {"", "", "utm_source=newsletter&utm_medium=email", "utm_source=twitter"};
    Random random = new Random(1);
    List<Visit> visits = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      byte[] hash = new byte[32];
      random.nextBytes(hash);
      byte[] address = new byte[4];
      random.nextBytes(address);
      String userAgent = userAgents.get(random.nextInt(userAgents.size()));
      Visitor visitor =
          new Visitor(
              InetAddress.getByAddress(address),
              "",
              // A new string per visit, as a request's header is, so its hash is computed again.
              new String(userAgent.toCharArray()),
              "",
              queries[random.nextInt(queries.length)],
              languages[random.nextInt(languages.length)]);
      String country = countries[random.nextInt(countries.length)];
      visits.add(new Visit(visitor, new GeoLocation(country, "", "", "", "", null, null), hash));
    }
    for (int round = 0; round < warmUpRounds; round++) {
      decideAll(route, visits, enricher);
    }
    double[] nanos = new double[rounds];
    long routed = 0;
    for (int round = 0; round < rounds; round++) {
      long start = System.nanoTime();
      routed = decideAll(route, visits, enricher);
      nanos[round] = (System.nanoTime() - start) / (double) visits.size();
    }
    Arrays.sort(nanos);
    System.out.printf(
        "%d visits (%d by a rule), %d rounds: median %.0f ns per decision, min %.0f, max %.0f%n",
        visits.size(), routed, rounds, nanos[rounds / 2], nanos[0], nanos[rounds - 1]);
  }

  /** A visit as the redirect handler has it before deciding. */
  private record Visit(Visitor visitor, GeoLocation geo, byte[] hash) {}

  /** Decides every visit as the handler does: a RouteVisit made for it, then the decision. */
  private static long decideAll(Route route, List<Visit> visits, UserAgentEnricher agents) {
    long byRule = 0;
    for (Visit visit : visits) {
      RouteVisit routeVisit =
          new RouteVisit(
              visit.visitor(),
              visit.geo(),
              visit.hash(),
              1_760_000_000_000L,
              v -> agents.parse(v.userAgent()));
      String key = route.decide(routeVisit).key();
      if (key != null && key.startsWith("rule:")) {
        byRule++;
      }
    }
    return byRule;
  }
}
