package io.linkscope.desktop.links;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.api.link.LinkView;
import io.linkscope.desktop.connection.Session;
import io.linkscope.desktop.testsupport.Sessions;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LinksViewModelTest {
  @TempDir Path directory;
  private Session session;
  private LinksViewModel links;

  @BeforeEach
  void open() {
    session = Sessions.offlineWithSample(directory);
    links = new LinksViewModel(session);
    links.reload();
  }

  @AfterEach
  void close() {
    session.close();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # search  | tag              | min   | max   | slugs shown
          ''        | All tags         | ''    | ''    | 12
          store     | All tags         | ''    | ''    | menu-qr store-london store-berlin
          SHOP.ACME | campaign-holiday | ''    | ''    | holiday-gift-guide
          ''        | evergreen        | ''    | ''    | careers subscribe
          ''        | All tags         | 10000 | ''    | tiktok-cold-brew holiday-gift-guide spring-sale
          ''        | All tags         | ''    | 1000  | careers
          ''        | All tags         | oops  | ''    | 12
          """)
  void filtersBySearchTagAndClickRange(
      String search, String tag, String min, String max, String expected) {
    links.searchProperty().set(search);
    links.tagProperty().set(tag);
    links.minClicksProperty().set(min);
    links.maxClicksProperty().set(max);

    if (expected.matches("\\d+")) {
      assertThat(links.links()).hasSize(Integer.parseInt(expected));
    } else {
      assertThat(links.links()).extracting(LinkView::slug).containsExactly(expected.split(" "));
    }
    assertThat(links.summaryProperty().get()).endsWith(" of 12 links");
  }

  @Test
  void offersEveryTagOnceSortedAfterAllTags() {
    assertThat(links.tags())
        .startsWith("All tags", "campaign-coldbrew")
        .doesNotHaveDuplicates()
        .contains("stores");
  }

  @Test
  void refusesDeleteAndBulkTagWhileOfflineKeepingTheLinks() {
    links.delete(links.links().subList(0, 2));
    assertThat(links.messageProperty().get()).startsWith("You are offline");
    links.addTag(links.links().subList(0, 2), "vip");
    assertThat(links.messageProperty().get()).startsWith("You are offline");

    assertThat(session.store().links()).hasSize(12).noneMatch(link -> link.tags().contains("vip"));
  }
}
