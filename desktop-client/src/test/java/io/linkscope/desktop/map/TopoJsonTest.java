package io.linkscope.desktop.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopoJsonTest {
  private static final List<CountryShape> COUNTRIES = TopoJson.worldCountries();

  @ParameterizedTest
  @CsvSource(
      textBlock =
          """
          DE, Germany
          US, United States of America
          JP, Japan
          BR, Brazil
          RU, Russia
          FJ, Fiji
          """)
  void mapsNumericIdsToAlpha2Codes(String alpha2, String name) {
    assertThat(COUNTRIES)
        .anySatisfy(
            country -> {
              assertThat(country.alpha2()).isEqualTo(alpha2);
              assertThat(country.name()).isEqualTo(name);
            });
  }

  @Test
  void leavesAntarcticaOutAndKeepsEveryOtherCountry() {
    assertThat(COUNTRIES).hasSize(176).noneMatch(c -> c.name().equals("Antarctica"));
  }

  @Test
  void decodesQuantizedDeltaArcsToRealCoordinates() {
    CountryShape germany = shape("DE");
    double[] ring = germany.rings().getFirst();
    for (int i = 0; i < ring.length; i += 2) {
      assertThat(ring[i]).isBetween(5.8, 15.1);
      assertThat(ring[i + 1]).isBetween(47.2, 55.1);
    }
    // A stitched ring is closed: it ends where it starts.
    assertThat(ring[ring.length - 2]).isCloseTo(ring[0], org.assertj.core.data.Offset.offset(1e-9));
  }

  @ParameterizedTest
  @CsvSource(
      textBlock =
          """
      RU
      FJ
      """)
  void unwrapsRingsThatCrossTheAntimeridian(String alpha2) {
    for (double[] ring : shape(alpha2).rings()) {
      for (int i = 2; i < ring.length; i += 2) {
        assertThat(Math.abs(ring[i] - ring[i - 2])).isLessThan(180);
      }
    }
  }

  private static CountryShape shape(String alpha2) {
    return COUNTRIES.stream().filter(c -> c.alpha2().equals(alpha2)).findFirst().orElseThrow();
  }
}
