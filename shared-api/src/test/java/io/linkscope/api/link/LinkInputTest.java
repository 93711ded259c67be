package io.linkscope.api.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.api.Json;
import io.linkscope.api.routing.Variant;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinkInputTest {
  private static final Instant END = Instant.parse("2026-06-01T12:00:00Z");

  @Test
  void eachWithMethodChangesItsFieldAndKeepsEveryOther() {
    LinkInput split =
        LinkInput.to("https://shop.example.com/")
            .withSlug("spring")
            .withTitle("Spring sale")
            .withTags(List.of("sale"))
            .withClickIdParam("lsclid")
            .withRouting(
                null,
                List.of(
                    Variant.of("https://shop.example.com/a", 50),
                    Variant.of("https://shop.example.com/b", 50)))
            .withExperimentEndsAt(END);

    LinkInput moved = split.withDomain("go.example.com");

    assertThat(moved.domain()).isEqualTo("go.example.com");
    assertThat(moved).usingRecursiveComparison().ignoringFields("domain").isEqualTo(split);
    assertThat(moved.experimentEndsAt()).isEqualTo(END);
    assertThat(moved.withPassword("secret").withDeepLinks(null).toBuilder().build())
        .isEqualTo(moved.withPassword("secret"));
  }

  @Test
  void aBuilderLeavesWhatItWasNotGivenAbsentInTheJson() {
    LinkInput input =
        LinkInput.builder().slug("later").targetUrl("https://e.example.com/").maxClicks(3L).build();

    assertThat(Json.write(input))
        .isEqualTo("{\"slug\":\"later\",\"targetUrl\":\"https://e.example.com/\",\"maxClicks\":3}");
  }
}
