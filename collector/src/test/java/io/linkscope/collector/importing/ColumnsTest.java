package io.linkscope.collector.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How rows are read: the dates, tags and click counts the exports write, and their columns. */
class ColumnsTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "2024-03-01T09:15:00Z|2024-03-01T09:15:00Z",
        "2024-03-01T09:15:00.123Z|2024-03-01T09:15:00.123Z",
        "2024-03-01T10:15:00+01:00|2024-03-01T09:15:00Z",
        "2024-03-01T10:15:00+0100|2024-03-01T09:15:00Z",
        "2024-03-01 09:15:00|2024-03-01T09:15:00Z",
        "2024-03-01T09:15|2024-03-01T09:15:00Z",
        "2024-03-01|2024-03-01T00:00:00Z",
        "1709284500|2024-03-01T09:15:00Z",
        "1709284500000|2024-03-01T09:15:00Z"
      })
  void datesInTheFormsTheExportsWrite(String text, String expected) {
    assertThat(Columns.date(text)).isEqualTo(Instant.parse(expected));
  }

  @Test
  void aDateThatIsNoneIsRefused() {
    assertThatThrownBy(() -> Columns.date("next week")).isInstanceOf(DateTimeException.class);
    assertThatThrownBy(() -> Columns.date("2024-13-01")).isInstanceOf(DateTimeException.class);
  }

  @Test
  void tagsInOneCell() {
    assertThat(Columns.tags("promo|q1")).containsExactly("promo", "q1");
    assertThat(Columns.tags("campaign-a, spring")).containsExactly("campaign-a", "spring");
    assertThat(Columns.tags("a; ;b")).containsExactly("a", "b");
    assertThat(Columns.tags(null)).isNull();
  }

  @Test
  void formatsAreToldByTheirColumns() {
    assertThat(
            ImportFormat.fromColumns(
                Set.of("createdat", "domain", "shortcode", "shorturl", "longurl", "title")))
        .isEqualTo(ImportFormat.SHLINK);
    assertThat(ImportFormat.fromColumns(Set.of("title", "link", "customlink", "destinationurl")))
        .isEqualTo(ImportFormat.BITLY);
    assertThat(ImportFormat.fromColumns(Set.of("keyword", "url", "title", "timestamp")))
        .isEqualTo(ImportFormat.YOURLS);
    assertThat(ImportFormat.fromColumns(Set.of("address", "target", "visitcount")))
        .isEqualTo(ImportFormat.KUTT);
    assertThat(ImportFormat.fromColumns(Set.of("slashtag", "destination")))
        .isEqualTo(ImportFormat.REBRANDLY);
    assertThat(ImportFormat.fromColumns(Set.of("slug", "targeturl", "tags")))
        .isEqualTo(ImportFormat.LINKSCOPE);
    assertThat(ImportFormat.fromColumns(Set.of("name", "url"))).isEqualTo(ImportFormat.CSV);
  }

  @Test
  void aShortUrlGivesTheSlugAndDomainAndSharedDomainsBecomeTheDefault() {
    Columns columns = new Columns(Map.of());
    SourceRow branded =
        columns.row(
            2,
            Map.of(
                "link",
                "https://bit.ly/abc",
                "customlink",
                "go.example.com/spring",
                "longurl",
                "https://shop.example.com/"));
    assertThat(branded.input().slug()).isEqualTo("spring");
    assertThat(branded.input().domain()).isEqualTo("go.example.com");
    SourceRow shared =
        columns.row(
            3, Map.of("link", "https://bit.ly/abc", "longurl", "https://shop.example.com/"));
    assertThat(shared.input().slug()).isEqualTo("abc");
    assertThat(shared.input().domain()).isNull();
    SourceRow clicks =
        columns.row(4, Map.of("url", "https://shop.example.com/", "clicks", "1,204"));
    assertThat(clicks.clicks()).isEqualTo(1204);
    assertThat(columns.row(5, Map.of("url", "https://a.example/", "clicks", "-3")).problem())
        .contains("negative");
  }

  @Test
  void aShortUrlCellOfSeveralLinksGivesItsFirstAndOneOfSeparatorsOnlyIsAProblem() {
    Columns columns = new Columns(Map.of());
    SourceRow listed =
        columns.row(
            2,
            Map.of(
                "customlink",
                "| go.example.com/spring, go.example.com/other",
                "longurl",
                "https://shop.example.com/"));
    assertThat(listed.problem()).isNull();
    assertThat(listed.input().slug()).isEqualTo("spring");
    assertThat(listed.input().domain()).isEqualTo("go.example.com");
    SourceRow separators =
        columns.row(3, Map.of("customlink", ",|;", "longurl", "https://shop.example.com/"));
    assertThat(separators.problem()).isEqualTo("the short URL ',|;' is not a URL");
  }

  @Test
  void theRequestCanNameAColumn() {
    Columns columns = new Columns(Map.of("slug", "Code", "target", "Landing page"));
    SourceRow row =
        columns.row(2, Map.of("code", "x1", "landingpage", "https://a.example.com/", "url", "no"));
    assertThat(row.input().slug()).isEqualTo("x1");
    assertThat(row.input().targetUrl()).isEqualTo("https://a.example.com/");
    assertThat(columns.hasTarget(Set.of("landingpage"))).isTrue();
    assertThat(columns.hasTarget(Set.of("url"))).isFalse();
  }
}
