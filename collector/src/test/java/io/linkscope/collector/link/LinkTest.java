package io.linkscope.collector.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.collector.routing.Routing;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LinkTest {
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      textBlock =
          """
          open,                 ,                     ,                     ,   0, ACTIVE
          not yet,              2026-06-01T12:00:01Z, ,                     ,   0, NOT_YET_VALID
          starts now,           2026-06-01T12:00:00Z, ,                     ,   0, ACTIVE
          ended,                ,                     2026-06-01T12:00:00Z, ,   0, EXPIRED
          ends later,           ,                     2026-06-01T12:00:01Z, ,   0, ACTIVE
          limit not reached,    ,                     ,                     5,  4, ACTIVE
          limit reached,        ,                     ,                     5,  5, CLICK_LIMIT_REACHED
          """)
  void isAvailableOnlyInsideItsWindowAndUnderItsLimit(
      String name, Instant from, Instant until, Long max, long clicks, Link.Availability expected) {
    Link link =
        new Link(
            1,
            1,
            "",
            "s",
            "https://x.test",
            "",
            "",
            List.of(),
            302,
            from,
            until,
            max,
            null,
            true,
            clicks,
            NOW,
            NOW,
            null,
            null,
            null,
            Routing.NONE,
            0);
    assertThat(link.availability(NOW, clicks)).isEqualTo(expected);
  }
}
