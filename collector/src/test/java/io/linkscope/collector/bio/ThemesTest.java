package io.linkscope.collector.bio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.linkscope.api.bio.BioTheme;
import io.linkscope.collector.http.HttpError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ThemesTest {

  @Test
  void everyPresetIsReadableAsItIs() {
    for (String name : Themes.PRESETS.keySet()) {
      PageTheme theme = Themes.resolve(BioTheme.preset(name));
      assertThat(theme).as(name).isEqualTo(Themes.PRESETS.get(name));
      assertThat(Themes.contrast(theme.text(), theme.background())).as(name).isGreaterThan(7);
      assertThat(Themes.contrast(theme.buttonText(), theme.button()))
          .as(name)
          .isGreaterThanOrEqualTo(Themes.MIN_CONTRAST);
    }
  }

  @ParameterizedTest
  @CsvSource(
      textBlock =
          """
          '#000000', '#ffffff', 21.0
          '#ffffff', '#ffffff', 1.0
          '#767676', '#ffffff', 4.54
          '#777777', '#ffffff', 4.48
          """)
  void computesTheWcagContrastRatio(String a, String b, double ratio) {
    assertThat(Themes.contrast(a, b)).isCloseTo(ratio, within(0.01));
    assertThat(Themes.contrast(b, a)).isCloseTo(ratio, within(0.01));
  }

  @Test
  void refusesTextThatWouldBeHardToRead() {
    BioTheme grey = new BioTheme("daylight", null, null, "#777777", null, null, null, null);
    assertThatThrownBy(() -> Themes.resolve(grey))
        .isInstanceOf(HttpError.class)
        .hasMessageContaining("contrast of");
  }

  @Test
  void outlineButtonsNeedNoReadableButtonFill() {
    BioTheme outline =
        new BioTheme("forest", null, null, null, "#ffffff", "#ffffff", null, "outline");
    assertThat(Themes.resolve(outline).buttonStyle()).isEqualTo("outline");
  }

  @Test
  void takesTheDaylightPresetWhenNoThemeIsGiven() {
    assertThat(Themes.resolve(null)).isEqualTo(Themes.PRESETS.get("daylight"));
  }
}
