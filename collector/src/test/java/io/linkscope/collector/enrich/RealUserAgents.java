package io.linkscope.collector.enrich;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Real-world User-Agents from registry packages the detection was not written against (see the
 * notices next to them under {@code useragents/}): browsers with the device type they had before
 * the isbot list, and crawlers, tools and previewers.
 */
final class RealUserAgents {

  /** A browser's User-Agent and the device type recorded for it before. */
  record Browser(String deviceTypeBefore, String userAgent) {}

  private RealUserAgents() {}

  static List<Browser> browsers() {
    return lines("useragents/browsers.tsv").stream()
        .map(line -> line.split("\t", 2))
        .map(fields -> new Browser(fields[0], fields[1]))
        .toList();
  }

  static List<String> crawlers() {
    return lines("useragents/crawlers.txt");
  }

  private static List<String> lines(String resource) {
    try (InputStream in = RealUserAgents.class.getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(line -> !line.isBlank() && !line.startsWith("#"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
