package io.linkscope.collector.click;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpRangesTest {
  private final IpRanges ranges =
      IpRanges.parse(List.of("10.0.0.0/8", "192.168.1.0/25", "203.0.113.7", "2001:db8::/32"));

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      textBlock =
          """
          10.1.2.3,        true
          11.0.0.1,        false
          192.168.1.127,   true
          192.168.1.128,   false
          203.0.113.7,     true
          203.0.113.8,     false
          2001:db8::1,     true
          2001:db9::1,     false
          """)
  void matchesAddressesInsideTheRanges(String address, boolean inside) {
    assertThat(ranges.contains(IpRanges.address(address))).isEqualTo(inside);
  }

  @ParameterizedTest
  @CsvSource(
      textBlock =
          """
      example.com
      10.0.0.0/33
      10.0.0/8
      not-an-ip
      """)
  void refusesWhatIsNotALiteralRange(String text) {
    assertThatThrownBy(() -> IpRanges.parse(List.of(text)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(text);
  }

  @Test
  void neverResolvesHostNames() {
    assertThat(IpRanges.address("localhost")).isNull();
    assertThat(IpRanges.address("")).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      textBlock =
          """
          0.0.0.0
          255.255.255.255
          1.2.3.4
          001.02.3.040
          ' 192.168.1.1 '
          """)
  void readsDottedQuadsAsTheJdkDoes(String text) throws Exception {
    assertThat(IpRanges.address(text)).isEqualTo(java.net.InetAddress.getByName(text.strip()));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      textBlock =
          """
          256.1.1.1
          1.2.3
          1.2.3.4.5
          1..2.3
          .1.2.3
          1.2.3.
          1.2.3.4x
          1234.1.1.1
          1.2.3.-4
          """)
  void refusesWhatIsNotADottedQuad(String text) {
    assertThat(IpRanges.address(text)).isNull();
  }
}
