package io.linkscope.collector.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class AcceptLanguageTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          de-CH, de;q=0.9, en;q=0.8 | de
          en-US,en;q=0.9 | en
          fr | fr
          EN-gb | en
          en_US | en
          pt-BR,pt;q=0.9,en-US;q=0.8,en;q=0.7 | pt
          en;q=0.5, fr;q=0.9, de;q=0.7 | fr
          en;q=0.8, fr;q=0.8 | en
          en;q=0.8, fr | fr
          en ; q = 0.4 , ja ; q = 0.6 | ja
          en;Q=0.2, nl;q=0.3 | nl
          zh-Hant-TW, zh;q=0.9 | zh
          gsw-CH | gsw
          *, de;q=0.5 | de
          *;q=1, es;q=0.1 | es
          en;q=0, fr;q=0.1 | fr
          en;q=abc, it;q=0.2 | it
          en;q=1.5, it;q=0.2 | it
          en;q=0.1234, it;q=0.2 | it
          en;level=1;q=0.3, it;q=0.2 | en
          x-klingon, sv;q=0.1 | sv
          i-default, da;q=0.1 | da
          1en, e1, nb;q=0.1 | nb
          ,,, ko | ko
          ;, ko | ko
          ; ;, ;q=1, ko;q=0.5 | ko
          """)
  void highestQualityRangeWins(String header, String language) {
    assertThat(AcceptLanguage.primary(header)).isEqualTo(language);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(
      strings = {
        "",
        "   ",
        "*",
        "*;q=0.8",
        ",;=",
        ";",
        ";;",
        " ; ",
        ";q=1",
        "garbage",
        "en;q=0",
        "en;q=-1",
        "<script>",
        "e",
        "😀",
        "en@x"
      })
  void noUsableRangeIsEmpty(String header) {
    assertThat(AcceptLanguage.primary(header)).isEmpty();
  }

  @Test
  void onlyTheStartOfAnAbsurdlyLongHeaderIsRead() {
    String header = "x,".repeat(2_000) + "de";

    assertThat(AcceptLanguage.primary(header)).isEmpty();
    assertThat(AcceptLanguage.primary("fi;q=0.1," + header)).isEqualTo("fi");
  }
}
