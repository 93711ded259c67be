package io.linkscope.collector.bio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HtmlTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          plain text                        | plain text
          <script>alert(1)</script>         | &lt;script&gt;alert(1)&lt;/script&gt;
          "><img src=x onerror=alert(1)>    | &quot;&gt;&lt;img src=x onerror=alert(1)&gt;
          ' onmouseover='x                  | &#39; onmouseover=&#39;x
          Tom & Jerry &amp;                 | Tom &amp; Jerry &amp;amp;
          Malmö — ✓                         | Malmö — ✓
          """)
  void escapesEveryCharacterThatCouldEndTextOrAnAttribute(String text, String escaped) {
    assertThat(Html.escape(text)).isEqualTo(escaped);
  }
}
