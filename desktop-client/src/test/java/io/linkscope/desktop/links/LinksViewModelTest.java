package io.linkscope.desktop.links;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.linkscope.api.link.LinkInput;
import io.linkscope.api.link.LinkView;
import io.linkscope.collector.testsupport.TestCollector;
import io.linkscope.desktop.connection.Session;
import io.linkscope.desktop.testsupport.Sessions;
import io.linkscope.desktop.ui.Notice;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LinksViewModelTest {
  @TempDir Path directory;
  private Session session;
  private LinksViewModel links;
  private final List<Notice> notices = new ArrayList<>();

  @BeforeEach
  void open() {
    session = Sessions.offlineWithSample(directory);
    links = new LinksViewModel(session, notices::add);
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
  void disablesChangesWhileOfflineSayingWhyAndRefusesThemKeepingTheLinks() {
    assertThat(links.canChangeProperty().get()).isFalse();
    assertThat(links.offlineReasonProperty().get())
        .startsWith("You are offline: 127.0.0.1:9 cannot be reached, so changes are not possible.");
    assertThat(links.checkCanChange("Cannot create a link")).isFalse();

    links.delete(links.links().subList(0, 2));
    links.addTag(links.links().subList(0, 2), "vip");

    assertThat(notices)
        .extracting(Notice::level, Notice::title)
        .containsExactly(
            tuple(Notice.Level.ERROR, "Cannot create a link"),
            tuple(Notice.Level.ERROR, "Cannot delete the links"),
            tuple(Notice.Level.ERROR, "Cannot add the tag"));
    assertThat(notices).allSatisfy(n -> assertThat(n.message()).startsWith("You are offline"));
    assertThat(session.store().links()).hasSize(12).noneMatch(link -> link.tags().contains("vip"));
  }

  @Test
  void confirmsACopiedShortUrl() {
    LinkView first = links.links().getFirst();

    links.copied(first);

    assertThat(notices).containsExactly(Notice.info("Copied " + first.shortUrl()));
  }

  /** Against a real collector on a real MariaDB, through the real client. */
  @Nested
  class WithTheCollector {
    @TempDir Path home;
    private TestCollector collector;
    private Session online;
    private LinksViewModel table;

    @BeforeEach
    void start() throws Exception {
      collector = TestCollector.start(home.resolve("collector"));
      List<LinkView> created = new ArrayList<>();
      for (String slug : List.of("alpha", "beta", "gamma")) {
        created.add(
            collector
                .client()
                .createLink(LinkInput.to("https://shop.example.com/" + slug).withSlug(slug)));
      }
      online = Sessions.open(home, collector.baseUrl(), collector.adminKey());
      // As the app stores a link it created; a sync holds back changes younger than a second.
      online.store().upsertLinks(created, List.of());
      table = new LinksViewModel(online, notices::add);
      table.reload();
      notices.clear();
    }

    @AfterEach
    void stop() {
      online.close();
      collector.close();
    }

    @Test
    void deletesOnTheCollectorAndLocallyThenSaysDeleted() {
      assertThat(table.canChangeProperty().get()).isTrue();
      assertThat(table.offlineReasonProperty().get()).isEmpty();
      List<LinkView> chosen =
          table.links().stream().filter(link -> !link.slug().equals("beta")).toList();

      table.delete(chosen);

      assertThat(notices).containsExactly(Notice.info("Deleted 2 links"));
      assertThat(table.links()).extracting(LinkView::slug).containsExactly("beta");
      assertThat(collector.client().links(io.linkscope.api.link.LinkQuery.firstPage()).items())
          .extracting(LinkView::slug)
          .containsExactly("beta");
    }

    @Test
    void tagsLinksAndShowsTheCollectorsRefusalAsADialog() {
      table.addTag(table.links(), "winter");
      assertThat(notices).containsExactly(Notice.info("Tagged 3 links with 'winter'"));
      assertThat(online.store().links()).allMatch(link -> link.tags().contains("winter"));

      notices.clear();
      table.addTag(table.links(), "#promo");

      assertThat(notices)
          .singleElement()
          .satisfies(
              notice -> {
                assertThat(notice.level()).isEqualTo(Notice.Level.ERROR);
                assertThat(notice.title()).isEqualTo("Cannot add the tag");
                assertThat(notice.message()).startsWith("Field 'tags'");
              });
    }
  }
}
