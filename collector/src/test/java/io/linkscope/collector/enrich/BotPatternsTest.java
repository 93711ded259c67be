package io.linkscope.collector.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BotPatternsTest {

  @ParameterizedTest(name = "{0} -> \"{1}\"")
  @CsvSource(
      delimiterString = "=>",
      quoteCharacter = '"',
      textBlock =
          """
          (?<! cu)bots?(?:\\b|_)               => bot
          (?:^|[^g])news(?!sapphire)           => news
          ^mozilla/\\d\\.\\d\\s[\\w\\.-]+$     => mozilla/
          \\bperl\\b                           => perl
          \\.com\\b                            => .com
          \\(\\)                               => ()
          ^ad muncher                          => ad muncher
          ^[\\w \\.\\-\\(?:\\):%]+(?:/v?\\d+)? => ""
          ^[^ ]{50,}$                          => ""
          Google-Ads(?:-Conversions)?          => google-ads
          abc+d                                => abc
          xy{0,3}z                             => x
          ab{2}c                               => ab
          colly|jersey                         => ""
          [ab]crawl(?:er)?                     => crawl
          Check_HTTP/                          => check_http/
          \\x41gent                            => gent
          \\x{1F916}robot                      => robot
          \\u0041pp                            => pp
          \\p{L}crawl                          => crawl
          \\pLcrawl                            => crawl
          (?<n>x)\\k<n>yz                      => yz
          \\Qa.b\\Ecrawler                     => crawler
          \\cAbc                               => bc
          \\0101pp                             => pp
          (?ix)b o t                           => ""
          (?iu)crawler                         => ""
          """)
  void requiredLiteralIsWhatEveryMatchContains(String regex, String literal) {
    assertThat(BotPatterns.requiredLiteral(regex)).isEqualTo(literal);
  }

  /**
   * The literal pre-filter must never change an answer: the compiled list answers exactly like
   * isbot's own form, one case-insensitive alternation, on every real User-Agent we have.
   */
  @Test
  void compiledListAnswersLikeOneAlternationOfThePatterns() throws IOException {
    List<String> patterns = new ArrayList<>();
    try (InputStream in = BotPatterns.class.getResourceAsStream("bot-patterns.txt")) {
      new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(line -> !line.isBlank() && !line.startsWith("#"))
          .forEach(patterns::add);
    }
    Pattern alternation = Pattern.compile(String.join("|", patterns), Pattern.CASE_INSENSITIVE);
    BotPatterns compiled = BotPatterns.bundled();

    List<String> userAgents =
        Stream.concat(
                RealUserAgents.browsers().stream().map(RealUserAgents.Browser::userAgent),
                RealUserAgents.crawlers().stream())
            .toList();
    assertThat(compiled.size()).isEqualTo(patterns.size()).isGreaterThan(200);
    assertThat(userAgents)
        .hasSizeGreaterThan(3_000)
        .allSatisfy(
            ua -> assertThat(compiled.matches(ua)).isEqualTo(alternation.matcher(ua).find()));
  }

  @Test
  void keepsLeadingSpacesAndSkipsCommentsAndBlankLines() {
    BotPatterns patterns = BotPatterns.parse("test", List.of("# a comment", "", " daum[ /]"));

    assertThat(patterns.size()).isEqualTo(1);
    assertThat(patterns.matches("Mozilla/5.0 (compatible;Daum/4.1)")).isFalse();
    assertThat(patterns.matches("Mozilla/5.0 (compatible) Daum/4.1")).isTrue();
  }

  @Test
  void matchesWithUnicodeCaseWhereLowerCasingDoesNotFoldTheLetter() {
    BotPatterns patterns = BotPatterns.parse("test", List.of("(?iu)spider"));

    // U+017F, the long s, is an s to Unicode case folding but stays itself when lower-cased.
    assertThat(patterns.matches("Mozilla/5.0 (compatible; \u017Fpider/1.0)")).isTrue();
  }

  @Test
  void namesTheLineOfAPatternThatDoesNotCompile() {
    assertThatThrownBy(() -> BotPatterns.parse("bots.txt", List.of("# list", "crawler", "bot(")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("bots.txt line 3: ")
        .hasMessageContaining("bot(");
  }
}
