package io.linkscope.collector.redirect;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.collector.link.Link;
import io.linkscope.collector.link.LinkCache;
import io.linkscope.collector.link.TargetUrl;
import io.linkscope.collector.routing.Routing;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedirectHandlerTest {

  @ParameterizedTest(name = "{0} + {1} -> {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          https://shop.test/p          | a=1     | true  | https://shop.test/p?a=1
          https://shop.test/p?x=2      | a=1     | true  | https://shop.test/p?x=2&a=1
          https://shop.test/p#top      | a=1     | true  | https://shop.test/p?a=1#top
          https://shop.test/p?x=2#top  | a=1     | true  | https://shop.test/p?x=2&a=1#top
          https://shop.test/p          | a=1     | false | https://shop.test/p
          https://shop.test/p          | ''      | true  | https://shop.test/p
          """)
  void forwardsTheVisitorsQueryOnlyWhenTheLinkAsksForIt(
      String target, String query, boolean forward, String expected) {
    Link link =
        new Link(
            1,
            1,
            "",
            "s",
            target,
            "",
            "",
            List.of(),
            302,
            null,
            null,
            null,
            null,
            forward,
            0,
            null,
            null,
            null,
            null,
            null,
            Routing.NONE,
            0);
    LinkCache.Entry entry = new LinkCache.Entry(link, new AtomicLong(), TargetUrl.of(target));
    assertThat(RedirectHandler.location(entry, query)).isEqualTo(expected);
  }
}
