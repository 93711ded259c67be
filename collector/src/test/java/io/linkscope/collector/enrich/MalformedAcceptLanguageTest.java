package io.linkscope.collector.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.api.LinkscopeClient;
import io.linkscope.api.click.ClickView;
import io.linkscope.api.link.LinkInput;
import io.linkscope.api.link.LinkView;
import io.linkscope.api.routing.RoutingRule;
import io.linkscope.api.routing.RuleConditions;
import io.linkscope.collector.testsupport.TestCollector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An Accept-Language header made of separators only ({@code ;}) is any visitor's to send. It is
 * read twice: on the request thread when a routing rule asks for the language, and by the click
 * pipeline for every stored click. Neither may fail on it: the visitor is answered, and the
 * pipeline goes on storing that click and those after it.
 */
class MalformedAcceptLanguageTest {
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

  @Test
  void aClickWithOnlySeparatorsAsLanguageIsStoredAndTheNextOnesToo() throws Exception {
    LinkView link = client.createLink(LinkInput.to("https://example.com/separators"));

    for (String language : List.of(";", "en", ";;", "de")) {
      assertThat(status(link, language)).isEqualTo(302);
    }
    collector.awaitBacklogDrained(Duration.ofSeconds(10));

    assertThat(client.clicks(link.id(), null, null, 0, 10).items())
        .extracting(ClickView::language)
        .containsExactlyInAnyOrder("", "en", "", "de");
  }

  @Test
  void aLanguageRuleIsAnsweredForASeparatorOnlyHeader() throws Exception {
    LinkView link =
        client.createLink(
            LinkInput.to("https://example.com/default")
                .withRouting(
                    List.of(
                        RoutingRule.redirect(
                            RuleConditions.any().withLanguages(List.of("de")),
                            "https://example.com/de")),
                    null));

    try (Response response = send(link, ";")) {
      assertThat(response.code()).isEqualTo(302);
      assertThat(response.header("Location")).isEqualTo("https://example.com/default");
    }
    try (Response response = send(link, "de;q=0.9, ;")) {
      assertThat(response.header("Location")).isEqualTo("https://example.com/de");
    }
  }

  private static int status(LinkView link, String language) throws Exception {
    try (Response response = send(link, language)) {
      return response.code();
    }
  }

  private static Response send(LinkView link, String language) throws Exception {
    return collector.send(
        collector.request("/" + link.slug()).header("Accept-Language", language).build());
  }
}
