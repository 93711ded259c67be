package io.linkscope.collector.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class UtmTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          utm_source=newsletter&utm_medium=email&utm_campaign=spring_sale&utm_term=running+shoes&utm_content=header_link | newsletter | email | spring_sale | running shoes | header_link
          ?utm_source=ig&utm_medium=social | ig | social | '' | '' | ''
          UTM_Source=Instagram&Utm_Medium=Social | Instagram | Social | '' | '' | ''
          utm_source=first&utm_source=second | first | '' | '' | '' | ''
          utm_source=&utm_source=second&utm_medium=cpc | '' | cpc | '' | '' | ''
          utm_campaign=Sommer%20Sale%202024 | '' | '' | Sommer Sale 2024 | '' | ''
          utm_campaign=caf%C3%A9+cr%c3%a8me | '' | '' | café crème | '' | ''
          utm_content=%F0%9F%98%80 | '' | '' | '' | '' | 😀
          utm_campaign=Grüße | '' | '' | Grüße | '' | ''
          utm_term=a%2Bb%26c%3Dd | '' | '' | '' | a+b&c=d | ''
          utm_source=a=b | a=b | '' | '' | '' | ''
          utm%5Fsource=encoded-name | encoded-name | '' | '' | '' | ''
          utm_source=+padded+&utm_medium=%20%20 | padded | '' | '' | '' | ''
          utm_source=line%0D%0Abreak%00 | linebreak | '' | '' | '' | ''
          utm_source=x#utm_medium=fragment | x | '' | '' | '' | ''
          a=1&&b&=orphan&utm_medium=cpc& | '' | cpc | '' | '' | ''
          utm_source&utm_medium | '' | '' | '' | '' | ''
          utm_sourcex=no&xutm_source=no&utm_=no&utm=no | '' | '' | '' | '' | ''
          """)
  void readsTheFiveUtmParameters(
      String query, String source, String medium, String campaign, String term, String content) {
    assertThat(Utm.fromQuery(query)).isEqualTo(new Utm(source, medium, campaign, term, content));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          utm_campaign=100% | 100%
          utm_campaign=100%25 | 100%
          utm_campaign=%zz%4 | %zz%4
          utm_campaign=%4 | %4
          utm_campaign=%%41 | %A
          utm_campaign=%C3 | \uFFFD
          utm_campaign=%C3%28 | \uFFFD(
          utm_campaign=%FF%FE | \uFFFD\uFFFD
          utm_campaign=%٣٣ | %٣٣
          """)
  void badPercentEncodingNeverThrows(String query, String campaign) {
    assertThat(Utm.fromQuery(query).campaign()).isEqualTo(campaign);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", " ", "?", "&", "a=1&b=2"})
  void noUtmParametersYieldsNone(String query) {
    assertThat(Utm.fromQuery(query)).isEqualTo(new Utm("", "", "", "", "")).isSameAs(Utm.NONE);
  }

  @Test
  void longValuesAreCroppedTo255Characters() {
    Utm utm = Utm.fromQuery("utm_campaign=" + "a".repeat(300) + "&utm_term=" + "%41".repeat(300));

    assertThat(utm.campaign()).isEqualTo("a".repeat(255));
    assertThat(utm.term()).isEqualTo("A".repeat(255));
  }

  @Test
  void croppingNeverSplitsAnEmoji() {
    Utm utm = Utm.fromQuery("utm_content=" + "a".repeat(254) + "%F0%9F%98%80");

    assertThat(utm.content()).isEqualTo("a".repeat(254));
  }
}
