package io.linkscope.collector.conversion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClickIdsTest {
  private static final UUID ID = UUID.fromString("0190c6c2-5b4e-7a8e-9d3f-2a1b3c4d5e6f");

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          https://shop.example.com                   | https://shop.example.com?cid=0190c6c2-5b4e-7a8e-9d3f-2a1b3c4d5e6f
          https://shop.example.com/p                 | https://shop.example.com/p?cid=0190c6c2-5b4e-7a8e-9d3f-2a1b3c4d5e6f
          https://shop.example.com/p?a=1             | https://shop.example.com/p?a=1&cid=0190c6c2-5b4e-7a8e-9d3f-2a1b3c4d5e6f
          https://shop.example.com/p?a=1#top         | https://shop.example.com/p?a=1&cid=0190c6c2-5b4e-7a8e-9d3f-2a1b3c4d5e6f#top
          https://shop.example.com/p#top?x           | https://shop.example.com/p?cid=0190c6c2-5b4e-7a8e-9d3f-2a1b3c4d5e6f#top?x
          https://shop.example.com/p?cid=forged&a=1  | https://shop.example.com/p?a=1&cid=0190c6c2-5b4e-7a8e-9d3f-2a1b3c4d5e6f
          https://shop.example.com/p?cid&cidx=1      | https://shop.example.com/p?cidx=1&cid=0190c6c2-5b4e-7a8e-9d3f-2a1b3c4d5e6f
          https://shop.example.com/p?                | https://shop.example.com/p?cid=0190c6c2-5b4e-7a8e-9d3f-2a1b3c4d5e6f
          """)
  void appendsTheIdBeforeTheFragmentAndReplacesAForgedOne(String url, String expected) {
    assertThat(ClickIds.append(url, "cid", ID)).isEqualTo(expected);
  }

  @Test
  void parsesOnlyCanonicalUuids() {
    assertThat(ClickIds.parse(ID.toString())).contains(ID);
    assertThat(ClickIds.parse(ID.toString().toUpperCase(java.util.Locale.ROOT))).contains(ID);
    assertThat(ClickIds.parse("1-2-3-4-5")).isEmpty();
    assertThat(ClickIds.parse("")).isEmpty();
  }

  @Test
  void storesTheIdAsItsSixteenBytes() {
    byte[] bytes = ClickIds.bytes(ID);
    assertThat(bytes).hasSize(16);
    assertThat(bytes[0]).isEqualTo((byte) 0x01);
    assertThat(bytes[15]).isEqualTo((byte) 0x6f);
  }
}
