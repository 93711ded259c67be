package io.linkscope.collector.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BotPatternSourceTest {

  /** A browser that no list flags, which the files below flag by its platform. */
  private static final String PROBE =
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0"
          + " Safari/537.36";

  private static final String CURL = "curl/8.5.0";
  private static final String COLLY = "colly/2.1.0";

  @TempDir Path directory;

  @Test
  void aReplacedPatternFileChangesAnswersAlreadyCached() throws IOException {
    Path file = directory.resolve("bots.txt");
    replace(file, "# only colly\ncolly\n");
    UserAgentEnricher enricher =
        SharedEnrichers.USER_AGENT.withBotPatterns(BotPatternSource.file(file, Duration.ZERO));

    assertThat(enricher.parse(COLLY).bot()).isTrue();
    assertThat(enricher.parse(PROBE).bot()).isFalse();
    // The built-in tokens and Yauaa still apply next to the file.
    assertThat(enricher.parse(CURL).bot()).isTrue();

    replace(file, "x11; linux\n");

    assertThat(enricher.parse(PROBE).bot()).isTrue();
    assertThat(enricher.parse(COLLY).bot()).isFalse();
  }

  @Test
  void aBrokenReplacementKeepsThePatternsInUse() throws IOException {
    Path file = directory.resolve("bots.txt");
    replace(file, "x11; linux\n");
    BotPatternSource source = BotPatternSource.file(file, Duration.ZERO);

    replace(file, "x11; linux\nbroken(\n");

    assertThat(source.current().matches(PROBE)).isTrue();
    assertThat(source.current().size()).isEqualTo(1);
  }

  @Test
  void usesTheBundledListUntilTheFileAppears() throws IOException {
    Path file = directory.resolve("bots.txt");
    BotPatternSource source = BotPatternSource.file(file, Duration.ZERO);

    assertThat(source.current().matches(COLLY)).isTrue();
    assertThat(source.current().matches(PROBE)).isFalse();

    replace(file, "x11; linux\n");

    assertThat(source.current().matches(PROBE)).isTrue();
    assertThat(source.current().matches(COLLY)).isFalse();
  }

  @Test
  void checksTheFileAtMostOncePerInterval() throws IOException {
    Path file = directory.resolve("bots.txt");
    replace(file, "colly\n");
    BotPatternSource source = BotPatternSource.file(file, Duration.ofHours(1));

    replace(file, "x11; linux\n");

    assertThat(source.current().matches(PROBE)).isFalse();
  }

  /** Replaces the file the way an update should: a complete file renamed over the old one. */
  private void replace(Path file, String content) throws IOException {
    Path next = Files.createTempFile(directory, "bots", ".tmp");
    Files.writeString(next, content);
    Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
