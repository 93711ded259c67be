package io.linkscope.desktop.links;

import io.linkscope.api.conversion.ConversionInput;
import io.linkscope.collector.testsupport.TestCollector;
import io.linkscope.desktop.testsupport.Visits;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.Response;

/**
 * A real A/B test on a real collector: visits to a link with variants and a click-id parameter from
 * many addresses (so that they draw different variants), and conversions reported through the API
 * for a share of each variant's clicks.
 */
final class Experiments {
  private Experiments() {}

  /**
   * Follows /{slug} from {@code visits} addresses and converts, per destination path, every {@code
   * everyNth.get(path)}-th click (absent: none); returns the clicks per destination path.
   */
  static Map<String, Integer> seed(
      TestCollector collector, String slug, String param, int visits, Map<String, Integer> everyNth)
      throws Exception {
    Map<String, Integer> clicks = new HashMap<>();
    int event = 0;
    for (int i = 0; i < visits; i++) {
      String ip = "198.51." + (100 + i / 250) + "." + (1 + i % 250);
      String location;
      try (Response response =
          collector.send(
              collector
                  .request("/" + slug)
                  .header("X-Forwarded-For", ip)
                  .header("User-Agent", Visits.IPHONE)
                  .build())) {
        if (response.code() != 302) {
          throw new AssertionError("/" + slug + " answered " + response.code());
        }
        location = response.header("Location", "");
      }
      HttpUrl url = HttpUrl.get(location);
      String path = url.encodedPath();
      int count = clicks.merge(path, 1, Integer::sum);
      Integer nth = everyNth.get(path);
      String clickId = url.queryParameter(param);
      if (nth != null && count % nth == 0 && clickId != null) {
        collector
            .client()
            .reportConversion(
                new ConversionInput(
                    "order-" + slug + "-" + event++, clickId, "purchase", null, null, null));
      }
    }
    collector.awaitBacklogDrained(Duration.ofSeconds(30));
    return clicks;
  }

  /** The number in a shown count such as "1,204". */
  static long number(String shown) {
    Matcher digits = Pattern.compile("[\\d,]+").matcher(shown);
    return digits.find() ? Long.parseLong(digits.group().replace(",", "")) : -1;
  }
}
