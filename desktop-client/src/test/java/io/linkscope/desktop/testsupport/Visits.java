package io.linkscope.desktop.testsupport;

import io.linkscope.collector.testsupport.TestCollector;
import java.time.Duration;
import okhttp3.Response;

/** Real visits to a real collector's short links, from a given (test GeoIP) address. */
public final class Visits {
  public static final String IPHONE =
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like"
          + " Gecko) Version/17.4 Mobile/15E148 Safari/604.1";

  private Visits() {}

  /** Follows /{slug} {@code times} times from {@code ip}, then waits until MariaDB has them. */
  public static void visit(TestCollector collector, String slug, String ip, int times)
      throws Exception {
    for (int i = 0; i < times; i++) {
      try (Response response =
          collector.send(
              collector
                  .request("/" + slug)
                  .header("X-Forwarded-For", ip)
                  .header("User-Agent", IPHONE)
                  .build())) {
        if (response.code() != 302) {
          throw new AssertionError("/" + slug + " answered " + response.code());
        }
      }
    }
    collector.awaitBacklogDrained(Duration.ofSeconds(30));
  }
}
