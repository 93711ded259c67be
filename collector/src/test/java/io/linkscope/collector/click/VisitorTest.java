package io.linkscope.collector.click;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VisitorTest {
  private static final IpRanges PROXIES = IpRanges.parse(List.of("10.0.0.0/8"));

  @ParameterizedTest(name = "XFF [{0}] -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          81.2.69.160                         | 81.2.69.160
          81.2.69.160, 10.0.0.2               | 81.2.69.160
          6.6.6.6, 81.2.69.160, 10.0.0.2      | 81.2.69.160
          6.6.6.6, 81.2.69.160                | 81.2.69.160
          garbage, 10.0.0.3                   | 10.0.0.3
          ''                                  | 10.0.0.1
          """)
  void takesTheRightMostAddressThatIsNotATrustedProxy(String header, String expected) {
    assertThat(
            Visitor.forwardedClient(header, PROXIES, IpRanges.address("10.0.0.1")).getHostAddress())
        .isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      textBlock =
          """
      abc, 2, ab
      abc, 5, abc
      '  padded  ', 10, padded
      """)
  void cropsHeadersToTheirDocumentedMaximum(String value, int max, String expected) {
    assertThat(Visitor.crop(value, max)).isEqualTo(expected);
  }
}
