package io.linkscope.collector.redirect;

import static io.linkscope.collector.testsupport.TestGeoDatabase.BERLIN_IP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.google.gson.JsonObject;
import io.linkscope.api.LinkscopeClient;
import io.linkscope.api.click.ClickView;
import io.linkscope.api.link.LinkInput;
import io.linkscope.api.link.LinkView;
import io.linkscope.collector.testsupport.TestCollector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A visitor's query merged into the target of a real link on the real server, and the UTM tags the
 * click is recorded with.
 */
class QueryForwardingTest {
  private static final AtomicInteger SLUGS = new AtomicInteger();

  @TempDir static Path directory;
  static TestCollector collector;
  static LinkscopeClient client;

  @BeforeAll
  static void start() throws Exception {
    collector = TestCollector.start(directory);
    client = collector.client();
  }

  @AfterAll
  static void stop() {
    collector.close();
  }

  @ParameterizedTest(name = "{0} + {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          https://shop.test/p                                          | a=1                          | https://shop.test/p?a=1
          https://shop.test/p?x=2                                      | a=1                          | https://shop.test/p?x=2&a=1
          https://shop.test/p#top                                      | a=1                          | https://shop.test/p?a=1#top
          https://shop.test/p?x=2#top                                  | a=1                          | https://shop.test/p?x=2&a=1#top
          https://shop.test/p                                          | ''                           | https://shop.test/p
          https://shop.test/p?utm_source=newsletter&utm_medium=email   | utm_source=override          | https://shop.test/p?utm_source=override&utm_medium=email
          https://shop.test/p?a=1&utm_source=newsletter&b=2            | utm_source=override&c=3      | https://shop.test/p?a=1&utm_source=override&b=2&c=3
          https://shop.test/p?tag=a&x=1&tag=b                          | tag=c&tag=d                  | https://shop.test/p?tag=c&tag=d&x=1
          https://shop.test/p?q=caf%C3%A9&n=a+b                        | n=x%20y&z=%E2%82%AC          | https://shop.test/p?q=caf%C3%A9&n=x%20y&z=%E2%82%AC
          https://shop.test/p?utm%5Fsource=newsletter                  | utm_source=override          | https://shop.test/p?utm_source=override
          https://shop.test/p?flag&x=1                                 | flag=on                      | https://shop.test/p?flag=on&x=1
          https://shop.test/p?x=1                                      | &&                           | https://shop.test/p?x=1
          """)
  void mergesTheVisitorsQueryIntoTheTargetsOneParameterEach(
      String target, String query, String expected) throws Exception {
    LinkView link = client.createLink(LinkInput.to(target).withSlug(nextSlug()));
    assertThat(follow(link.slug(), query)).isEqualTo(expected);
  }

  @Test
  void keepsTheTargetAsItIsWhenTheLinkDoesNotForwardTheQuery() throws Exception {
    LinkView link = notForwarding("https://shop.test/p?utm_source=newsletter");
    assertThat(follow(link.slug(), "utm_source=override&a=1"))
        .isEqualTo("https://shop.test/p?utm_source=newsletter");
  }

  @Test
  void recordsTheTargetsUtmTagsWhereTheVisitorsQueryBringsNone() throws Exception {
    LinkView link =
        client.createLink(
            LinkInput.to(
                    "https://shop.test/p?utm_source=newsletter&utm_medium=email"
                        + "&utm_campaign=spring%2026")
                .withSlug(nextSlug()));
    follow(link.slug(), "");
    follow(link.slug(), "utm_source=override&ref=x");
    follow(link.slug(), "UTM_Medium=sms&utm_content=banner");
    collector.awaitBacklogDrained(Duration.ofSeconds(20));
    assertThat(client.clicks(link.id(), null, null, 0, 10).items().reversed())
        .extracting(
            ClickView::utmSource,
            ClickView::utmMedium,
            ClickView::utmCampaign,
            ClickView::utmContent)
        .containsExactly(
            tuple("newsletter", "email", "spring 26", ""),
            tuple("override", "email", "spring 26", ""),
            tuple("newsletter", "sms", "spring 26", "banner"));
  }

  @Test
  void recordsTheTargetsUtmTagsAlsoWhenTheLinkDoesNotForwardTheQuery() throws Exception {
    LinkView link = notForwarding("https://shop.test/p?utm_source=newsletter");
    follow(link.slug(), "");
    follow(link.slug(), "utm_medium=qr");
    collector.awaitBacklogDrained(Duration.ofSeconds(20));
    assertThat(client.clicks(link.id(), null, null, 0, 10).items().reversed())
        .extracting(ClickView::utmSource, ClickView::utmMedium)
        .containsExactly(tuple("newsletter", ""), tuple("newsletter", "qr"));
  }

  private static LinkView notForwarding(String target) {
    LinkView link = client.createLink(LinkInput.to(target).withSlug(nextSlug()));
    JsonObject patch = new JsonObject();
    patch.addProperty("forwardQuery", false);
    return client.updateLink(link.id(), patch);
  }

  private static String nextSlug() {
    return "fwd-" + SLUGS.incrementAndGet();
  }

  private static String follow(String slug, String query) throws Exception {
    try (Response response =
        collector.send(
            collector
                .request("/" + slug + (query.isEmpty() ? "" : "?" + query))
                .header("X-Forwarded-For", BERLIN_IP)
                .header(
                    "User-Agent",
                    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like"
                        + " Gecko) Chrome/131.0.0.0 Safari/537.36")
                .build())) {
      assertThat(response.code()).isEqualTo(302);
      return response.header("Location");
    }
  }
}
