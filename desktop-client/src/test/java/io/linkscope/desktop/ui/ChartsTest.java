package io.linkscope.desktop.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChartsTest {

  @ParameterizedTest
  @CsvSource({"0, 1", "1, 1", "6, 1", "7, 2", "12, 2", "20, 5", "40, 10", "61, 20", "8937, 2000"})
  void countAxesTickInWholeSteps(double max, double unit) {
    assertThat(Charts.wholeTickUnit(max)).isEqualTo(unit);
  }

  @org.junit.jupiter.api.Test
  void shortensLongNamesWithAnEllipsis() {
    assertThat(Charts.shorten("Holiday gift guide 2026 – every roaster and grinder"))
        .hasSize(28)
        .endsWith("…");
    assertThat(Charts.shorten("Spring sale")).isEqualTo("Spring sale");
  }
}
