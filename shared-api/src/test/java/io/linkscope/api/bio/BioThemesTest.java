package io.linkscope.api.bio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BioThemesTest {
  @Test
  void everyPresetIsReadable() {
    for (String name : BioThemes.PRESET_NAMES) {
      assertThat(BioThemes.problems(BioThemes.PRESETS.get(name))).as(name).isEmpty();
    }
  }

  @ParameterizedTest
  // A text block would read the leading '#' as a comment.
  @CsvSource({"#000000, #ffffff, 21.0", "#777777, #ffffff, 4.48", "#1f1a17, #f6f3ee, 15.57"})
  void measuresTheWcagContrastRatio(String a, String b, double ratio) {
    assertThat(BioThemes.contrast(a, b)).isCloseTo(ratio, within(0.01));
  }

  @Test
  void namesEveryPairThatIsHardToReadWithTheFieldToChange() {
    BioTheme grey =
        new BioTheme(
            "daylight", "#888888", "#ffffff", "#777777", "#eeeeee", "#ffffff", "sans", "pill");

    assertThat(BioThemes.problems(grey))
        .extracting(BioThemes.Problem::field, BioThemes.Problem::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "theme.text",
                "#777777 on #888888 has a contrast of 1.3:1; at least 4.5:1 keeps the page"
                    + " readable."),
            org.assertj.core.groups.Tuple.tuple(
                "theme.text",
                "#777777 on #ffffff has a contrast of 4.5:1; at least 4.5:1 keeps the page"
                    + " readable."),
            org.assertj.core.groups.Tuple.tuple(
                "theme.buttonText",
                "#ffffff on #eeeeee has a contrast of 1.2:1; at least 4.5:1 keeps the page"
                    + " readable."));
  }

  @Test
  void outlineButtonsHaveNoFillToCheck() {
    BioTheme outline =
        new BioTheme(
            "daylight", "#ffffff", "#ffffff", "#111111", "#ffffff", "#ffffff", "sans", "outline");
    assertThat(BioThemes.problems(outline)).isEmpty();
  }
}
