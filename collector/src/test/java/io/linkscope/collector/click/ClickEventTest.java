package io.linkscope.collector.click;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkscope.collector.enrich.GeoLocation;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ClickEventTest {

  @Test
  void survivesTheJournalRoundTripFieldForField() {
    ClickEvent event =
        new ClickEvent(
            ClickCapture.timeOrderedId(1_760_000_000_000L),
            1_760_000_000_000L,
            ClickEvent.Kind.WIDGET_TAP,
            7,
            0,
            42,
            9,
            "link",
            "Shop the drop ✨",
            "go.example.com",
            "",
            new byte[32],
            new GeoLocation("DE", "Germany", "BE", "Land Berlin", "Berlin", 52.52, 13.41),
            "Mozilla/5.0",
            "https://l.instagram.com/",
            "utm_source=ig",
            "de-DE");
    ClickEvent decoded = ClickEvent.decode(event.encode());
    assertThat(decoded).usingRecursiveComparison().isEqualTo(event);
  }

  @Test
  void carriesTheDestinationAndStillReadsRecordsWrittenBeforeIt() {
    ClickEvent routed =
        new ClickEvent(
            ClickCapture.timeOrderedId(1_760_000_000_000L),
            1_760_000_000_000L,
            ClickEvent.Kind.LINK_CLICK,
            7,
            3,
            0,
            0,
            "",
            "",
            "",
            "",
            new byte[32],
            GeoLocation.unknown(),
            "Mozilla/5.0",
            "",
            "",
            "de",
            "variant:4",
            "https://shop.test/b");
    assertThat(ClickEvent.decode(routed.encode())).usingRecursiveComparison().isEqualTo(routed);

    // A record of format 1 (journaled by a collector before routing) is the same fields without
    // the two at the end: written here byte for byte as that collector did.
    byte[] current = routed.encode();
    int destinationBytes = 2 + "variant:4".length() + 2 + "https://shop.test/b".length();
    byte[] formatOne = java.util.Arrays.copyOf(current, current.length - destinationBytes);
    formatOne[0] = 1;
    ClickEvent old = ClickEvent.decode(formatOne);
    assertThat(old.destinationKey()).isEmpty();
    assertThat(old.destinationUrl()).isEmpty();
    assertThat(old.acceptLanguage()).isEqualTo("de");
    assertThat(old.linkId()).isEqualTo(3);
  }

  @Test
  void decodesEveryKindOfTextAsWrittenAndRejectsATruncatedRecord() {
    String[] texts = {"", "plain", "Zürich", "東京", "emoji 🎉", "nul\0inside", "tab\tand\nnewline"};
    for (String text : texts) {
      ClickEvent event =
          new ClickEvent(
              UUID.randomUUID(),
              -5,
              ClickEvent.Kind.PAGE_VIEW,
              Long.MAX_VALUE,
              0,
              3,
              0,
              text,
              text,
              text,
              text,
              new byte[] {1, -2, 3},
              new GeoLocation(text, text, text, text, text, -0.5, 181.0),
              text,
              text,
              text,
              text);
      byte[] record = event.encode();
      assertThat(ClickEvent.decode(record)).usingRecursiveComparison().isEqualTo(event);
      assertThatThrownBy(
              () -> ClickEvent.decode(java.util.Arrays.copyOf(record, record.length - 1)))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void keepsUnknownCoordinatesUnknown() {
    ClickEvent event =
        new ClickEvent(
            UUID.randomUUID(),
            1,
            ClickEvent.Kind.LINK_CLICK,
            1,
            2,
            0,
            0,
            "",
            "",
            "",
            "",
            new byte[32],
            GeoLocation.unknown(),
            "",
            "",
            "",
            "");
    assertThat(ClickEvent.decode(event.encode()).geo().latitude()).isNull();
  }

  @Test
  void refusesARecordOfAnUnknownFormat() {
    assertThatThrownBy(() -> ClickEvent.decode(new byte[] {9, 1, 2}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ordersIdsByTime() {
    UUID earlier = ClickCapture.timeOrderedId(1_000_000);
    UUID later = ClickCapture.timeOrderedId(1_000_001);
    assertThat(earlier.version()).isEqualTo(7);
    assertThat(
            Long.compareUnsigned(earlier.getMostSignificantBits(), later.getMostSignificantBits()))
        .isNegative();
  }
}
