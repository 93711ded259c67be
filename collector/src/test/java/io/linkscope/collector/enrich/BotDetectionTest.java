package io.linkscope.collector.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How well clicks are told apart from bots, measured on real-world User-Agents that the detection
 * was not written against (see {@link RealUserAgents}).
 */
class BotDetectionTest {

  private final UserAgentEnricher enricher = SharedEnrichers.USER_AGENT;

  @Test
  void flagsAtLeast99Point5PercentOfRealWorldCrawlersAndTools() {
    List<String> crawlers = RealUserAgents.crawlers();
    List<String> missed = crawlers.stream().filter(ua -> !enricher.parse(ua).bot()).toList();

    double caught = 1 - (double) missed.size() / crawlers.size();
    System.out.printf(
        "Bots flagged: %d of %d (%.2f %%); missed:%n  %s%n",
        crawlers.size() - missed.size(),
        crawlers.size(),
        100 * caught,
        String.join("\n  ", missed));
    assertThat(crawlers).hasSizeGreaterThan(2_000);
    assertThat(caught).isGreaterThanOrEqualTo(0.995);
  }

  @Test
  void flagsNoneOfTheRealWorldBrowsers() {
    List<RealUserAgents.Browser> browsers = RealUserAgents.browsers();

    assertThat(browsers).hasSizeGreaterThan(950);
    assertThat(browsers)
        .allSatisfy(browser -> assertThat(enricher.parse(browser.userAgent()).bot()).isFalse());
  }

  @Test
  void keepsTheDeviceTypeOfRealWorldBrowsers() {
    List<RealUserAgents.Browser> browsers = RealUserAgents.browsers();
    long same =
        browsers.stream()
            .filter(b -> enricher.parse(b.userAgent()).deviceType().equals(b.deviceTypeBefore()))
            .count();

    assertThat((double) same / browsers.size()).isGreaterThanOrEqualTo(0.999);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          HTTP library     | colly/2.1.0
          HTTP library     | colly - https://github.com/gocolly/colly
          HTTP library     | Jersey/2.25.1 (HttpUrlConnection 1.8.0_141)
          HTTP library     | newspaper/0.2.8
          HTTP library     | httpunit/1.x
          monitor          | check_http/v2.2.1 (nagios-plugins 2.2.1)
          scanner          | Mozilla/5.00 (Nikto/2.1.5) (Evasions:None) (Test:Port Check)
          scanner          | Mozilla/5.0 (X11; Linux x86_64) Nikto/2.5.0 (Evasions:None) (Test:Port Check)
          headless browser | Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Playwright/1.40.0
          headless browser | Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36; Selenium
          ad fetcher       | Mozilla/5.0 AppleWebKit/537.36 Chrome/139.0.7258.127 Safari/537.36 Google-Ads-Conversions
          link preview     | meta-externalfetcher/1.1 (+https://developers.facebook.com/docs/sharing/webmasters/crawler)
          link preview     | meta-externalfetcher/1.1
          link preview     | Bluesky/
          link preview     | BlueskyPreviewBot/1.0
          """)
  void flagsToolsAndFetchersTheFormerListMissed(String kind, String userAgent) {
    assertThat(enricher.parse(userAgent).bot()).isTrue();
  }
}
