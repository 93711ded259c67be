package io.linkscope.collector.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The header parsers that run for every click promise never to throw: one that threw would answer a
 * routed visit with a 500 and stop the click pipeline at that click. Headers made of their own
 * separators, spaces, percent signs and a few letters, drawn from a fixed seed so that a failure
 * repeats, are the inputs most likely to reach an edge (an {@code Accept-Language} of {@code ;}
 * once did).
 */
class EnrichersNeverThrowTest {
  private static final String PIECES = ";,=&?#%/:.-_ qQ+0123456789abcdeinsutmx%2g%zz\u00e9\uFFFD";
  private static final int HEADERS = 20_000;

  @Test
  void acceptLanguageReferrerAndUtmReadAnyHeader() {
    Random random = new Random(14);
    for (int i = 0; i < HEADERS; i++) {
      String header = header(random);
      assertThatNoException()
          .as("header '%s'", header)
          .isThrownBy(
              () -> {
                AcceptLanguage.primary(header);
                Referrer.classify(header, "");
                Referrer.classify("https://" + header, "Instagram");
                Utm.fromQuery(header);
                Utm.fromQuery("utm_source=" + header);
              });
    }
  }

  @Test
  void separatorsAloneGiveEmptyValues() {
    for (String header : new String[] {";", ",", "=", "&", "?", "%", ";;,,", " ; "}) {
      assertThat(AcceptLanguage.primary(header)).as(header).isEmpty();
      assertThat(Utm.fromQuery(header)).as(header).isEqualTo(Utm.NONE);
    }
  }

  private static String header(Random random) {
    int length = random.nextInt(12);
    StringBuilder header = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      header.append(PIECES.charAt(random.nextInt(PIECES.length())));
    }
    return header.toString();
  }
}
