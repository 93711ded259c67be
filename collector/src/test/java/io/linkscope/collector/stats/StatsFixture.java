package io.linkscope.collector.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.collector.click.ClickTarget;
import io.linkscope.collector.click.Visitor;
import io.linkscope.collector.testsupport.SettableClock;
import io.linkscope.collector.testsupport.TestCollector;
import java.net.InetAddress;
import java.time.Instant;
import okhttp3.Request;
import okhttp3.Response;

/** Visits at chosen instants through the real capture path: redirects, or captured page events. */
final class StatsFixture {
  static final String IPHONE_INSTAGRAM =
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like"
          + " Gecko) Mobile/15E148 Instagram 307.0.0.34.111 (iPhone15,3; iOS 17_1; en_US; en;"
          + " scale=3.00; 1290x2796; 532277048)";
  static final String DESKTOP_CHROME =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/131.0.0.0 Safari/537.36";
  static final String CURL = "curl/8.4.0";

  private final TestCollector collector;
  private final SettableClock clock;

  StatsFixture(TestCollector collector, SettableClock clock) {
    this.collector = collector;
    this.clock = clock;
  }

  /** Follows {@code /slug?query} at {@code at} from {@code ip} with {@code userAgent}. */
  void click(String at, String slug, String query, String ip, String userAgent) throws Exception {
    clock.set(Instant.parse(at));
    Request.Builder request =
        collector
            .request("/" + slug + (query.isEmpty() ? "" : "?" + query))
            .header("X-Forwarded-For", ip)
            .header("User-Agent", userAgent);
    try (Response response = collector.send(request.build())) {
      assertThat(response.code()).isIn(302, 301, 404);
    }
  }

  /** Captures a bio page event the way the bio page handler does. */
  void capture(String at, ClickTarget target, String ip, String userAgent) throws Exception {
    clock.set(Instant.parse(at));
    Visitor visitor = new Visitor(InetAddress.getByName(ip), "localhost", userAgent, "", "", "");
    assertThat(collector.collector().capture().capture("GET", visitor, target)).isTrue();
  }
}
