package io.linkscope.desktop.links;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.api.link.LinkView;
import io.linkscope.collector.testsupport.TestCollector;
import io.linkscope.collector.testsupport.TestGeoDatabase;
import io.linkscope.desktop.connection.Session;
import io.linkscope.desktop.testsupport.SampleWorkspace;
import io.linkscope.desktop.testsupport.Sessions;
import io.linkscope.desktop.testsupport.Visits;
import io.linkscope.desktop.ui.Notice;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LinkEditorViewModelTest {
  @TempDir Path directory;
  private Session session;
  private LinkEditorViewModel form;
  private final List<Notice> notices = new ArrayList<>();

  @BeforeEach
  void open() {
    session = Sessions.offlineWithSample(directory);
    form = new LinkEditorViewModel(session, notices::add, ZoneOffset.UTC, null);
    form.targetProperty().set("https://shop.example.com/spring");
  }

  @AfterEach
  void close() {
    session.close();
  }

  @ParameterizedTest
  @CsvSource(
      textBlock =
          """
          spring-sale,         ''
          Spring_2026,         ''
          '',                  ''
          -leading-dash,       'Use 1–64 letters, digits, - or _, starting with a letter or digit.'
          winter sale,         'Use 1–64 letters, digits, - or _, starting with a letter or digit.'
          ümlaut,              'Use 1–64 letters, digits, - or _, starting with a letter or digit.'
          """)
  void checksTheSlugInline(String slug, String error) {
    form.slugProperty().set(slug);

    assertThat(form.validate()).isEqualTo(error.isEmpty());
    assertThat(form.slugErrorProperty().get()).isEqualTo(error);
  }

  @ParameterizedTest
  @CsvSource(
      textBlock =
          """
          https://shop.example.com/a?b=c,  ''
          http://example.com,              ''
          shop.example.com/winter,         'Start the URL with https:// or http://.'
          ftp://example.com/file,          'Start the URL with https:// or http://.'
          https://,                        'This is not a valid URL: Expected authority.'
          '',                              'Enter the URL visitors should go to.'
          """)
  void checksTheTargetInline(String target, String error) {
    form.targetProperty().set(target);

    form.validate();

    assertThat(form.targetErrorProperty().get()).isEqualTo(error);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          campaign-a, instagram | ''
          ''                    | ''
          #promo                | '#promo' is not a valid tag: letters, digits, spaces and . _ : / - only.
          """)
  void checksTagsInline(String tags, String error) {
    form.tagsProperty().set(tags);

    form.validate();

    assertThat(form.tagsErrorProperty().get()).isEqualTo(error);
  }

  @ParameterizedTest
  @CsvSource(
      textBlock =
          """
      '',    ''
      500,   ''
      0,     Enter a whole number above 0.
      -5,    Enter a whole number above 0.
      ten,   Enter a whole number above 0.
      """)
  void checksMaxClicksInline(String maxClicks, String error) {
    form.maxClicksProperty().set(maxClicks);

    form.validate();

    assertThat(form.maxClicksErrorProperty().get()).isEqualTo(error);
  }

  @Test
  void refusesAnExpiryInThePast() {
    form.expiresProperty().set(LocalDate.of(2026, 11, 19));

    assertThat(form.validate()).isFalse();
    assertThat(form.expiresErrorProperty().get()).isEqualTo("The expiry date is in the past.");
  }

  @Test
  void letsAnExpiredLinkBeEditedWithoutMovingItsExpiry() {
    LinkView link = SampleWorkspace.links().getFirst();
    LinkView expired =
        link.toBuilder().validUntil(java.time.Instant.parse("2026-11-01T00:00:00Z")).build();
    LinkEditorViewModel edit =
        new LinkEditorViewModel(session, notices::add, ZoneOffset.UTC, expired);
    edit.notesProperty().set("Ended with the October campaign.");

    assertThat(edit.validate()).isTrue();
    edit.expiresProperty().set(LocalDate.of(2026, 11, 5));
    assertThat(edit.validate()).isFalse();
    assertThat(edit.expiresErrorProperty().get()).isEqualTo("The expiry date is in the past.");
  }

  @Test
  void foldsUtmFieldsIntoTheTargetReplacingOnesAlreadyThere() {
    form.targetProperty().set("https://shop.example.com/spring?ref=bio&utm_source=old#top");
    form.utmProperty("utm_source").set("instagram");
    form.utmProperty("utm_campaign").set("spring 2026");

    assertThat(form.targetWithUtm())
        .isEqualTo(
            "https://shop.example.com/spring?ref=bio&utm_source=instagram&utm_campaign=spring+2026#top");
  }

  @Test
  void editingALinkSplitsItsUtmParametersIntoTheFields() {
    LinkView link = SampleWorkspace.links().getFirst();
    LinkView tagged =
        link.toBuilder()
            .targetUrl("https://shop.example.com/?utm_medium=social&x=1")
            .redirectType(301)
            .maxClicks(250L)
            .build();

    LinkEditorViewModel edit =
        new LinkEditorViewModel(session, notices::add, ZoneOffset.UTC, tagged);

    assertThat(edit.utmProperty("utm_medium").get()).isEqualTo("social");
    assertThat(edit.redirectTypeProperty().get()).isEqualTo(301);
    assertThat(edit.maxClicksProperty().get()).isEqualTo("250");
    assertThat(edit.shortUrlProperty().get()).isEqualTo(link.shortUrl());
  }

  @Test
  void refusesToSaveWhileOfflineAndSaysSoWithoutLosingTheForm() {
    form.slugProperty().set("spring-sale-2");
    List<LinkView> saved = new ArrayList<>();

    assertThat(form.canSaveProperty().get()).isFalse();
    assertThat(form.offlineReasonProperty().get())
        .startsWith("You are offline: 127.0.0.1:9 cannot be reached")
        .contains("stays here");
    form.save(saved::add);

    assertThat(saved).isEmpty();
    assertThat(notices)
        .singleElement()
        .satisfies(
            notice -> {
              assertThat(notice.level()).isEqualTo(Notice.Level.ERROR);
              assertThat(notice.title()).isEqualTo("Cannot create the link");
              assertThat(notice.message())
                  .startsWith("You are offline: 127.0.0.1:9 cannot be reached")
                  .contains("Nothing was changed");
            });
    assertThat(form.slugProperty().get()).isEqualTo("spring-sale-2");
    assertThat(session.store().links()).hasSize(12);
  }

  @Test
  void previewsTheQrCodeOfTheShortUrlButExportsOnlyASavedLink() {
    form.slugProperty().set("spring");

    assertThat(form.shortUrlProperty().get()).isEqualTo("http://127.0.0.1:9/spring");
    assertThat(form.exportableProperty().get()).isFalse();

    LinkView saved = SampleWorkspace.links().getFirst();
    LinkEditorViewModel edit =
        new LinkEditorViewModel(session, notices::add, ZoneOffset.UTC, saved);
    assertThat(edit.exportableProperty().get()).isTrue();
    assertThat(edit.qrExport().shortUrl()).isEqualTo(saved.shortUrl());
    edit.copiedShortUrl();
    assertThat(notices).containsExactly(Notice.info("Copied " + saved.shortUrl()));
    edit.slugProperty().set("renamed");
    assertThat(edit.exportableProperty().get()).isFalse();
  }

  @Test
  void clearsAnErrorOnceItsFieldIsFixedAndKeepsTheOthers() {
    form.targetProperty().set("shop.example.com");
    form.slugProperty().set("a b");
    form.maxClicksProperty().set("-1");
    form.fallbackProperty().set("ftp://x");

    assertThat(form.validate()).isFalse();
    form.slugProperty().set("still bad");
    assertThat(form.slugErrorProperty().get()).startsWith("Use 1–64 letters");
    form.slugProperty().set("good-slug");
    form.fallbackProperty().set("https://shop.example.com/sold-out");

    assertThat(form.slugErrorProperty().get()).isEmpty();
    assertThat(form.fallbackErrorProperty().get()).isEmpty();
    assertThat(form.targetErrorProperty().get())
        .isEqualTo("Start the URL with https:// or http://.");
    assertThat(form.maxClicksErrorProperty().get()).isEqualTo("Enter a whole number above 0.");
    assertThat(form.targetProperty().get()).isEqualTo("shop.example.com");
  }

  @Test
  void checksTitleAndNotesLengthsAndAnExpiryBeforeTheStart() {
    form.titleProperty().set("t".repeat(201));
    form.notesProperty().set("n".repeat(10_001));
    form.validFromProperty().set(LocalDate.of(2026, 12, 24));
    form.expiresProperty().set(LocalDate.of(2026, 12, 1));

    assertThat(form.validate()).isFalse();
    assertThat(form.titleErrorProperty().get()).isEqualTo("At most 200 characters; this has 201.");
    assertThat(form.notesErrorProperty().get())
        .isEqualTo("At most 10,000 characters; this has 10,001.");
    assertThat(form.expiresErrorProperty().get())
        .isEqualTo(
            "The link would end before it starts ("
                + io.linkscope.desktop.ui.Formats.date(LocalDate.of(2026, 12, 24))
                + ").");

    form.validFromProperty().set(LocalDate.of(2026, 11, 25));
    assertThat(form.expiresErrorProperty().get()).isEmpty();
  }

  @Test
  void sendsClearedOptionalFieldsAsNullsSoTheyClear() {
    var patch =
        LinkEditorViewModel.toPatch(
            io.linkscope.api.link.LinkInput.to("https://example.com/x").withTitle("Kept"));
    for (String cleared : List.of("validFrom", "validUntil", "maxClicks", "fallbackUrl", "notes")) {
      assertThat(patch.get(cleared).isJsonNull()).as(cleared).isTrue();
    }
    assertThat(patch.has("slug")).isFalse();
    assertThat(patch.get("title").getAsString()).isEqualTo("Kept");
  }

  /** Against a real collector on a real MariaDB, through the real client. */
  @Nested
  class WithTheCollector {
    @TempDir Path home;
    private TestCollector collector;
    private Session online;

    @BeforeEach
    void start() throws Exception {
      collector = TestCollector.start(home.resolve("collector"));
      online = Sessions.open(home, collector.baseUrl(), collector.adminKey());
    }

    @AfterEach
    void stop() {
      online.close();
      collector.close();
    }

    private LinkEditorViewModel newForm() {
      return new LinkEditorViewModel(online, notices::add, ZoneOffset.UTC, null);
    }

    @Test
    void createsALinkWithNotesFallbackAndValidityAndSaysSo() {
      LinkEditorViewModel create = newForm();
      create.targetProperty().set("https://shop.example.com/advent");
      create.slugProperty().set("advent");
      create.notesProperty().set("Printed on the December flyer.\nAsk Mia before changing.");
      create.fallbackProperty().set("https://shop.example.com/sold-out");
      create.validFromProperty().set(LocalDate.of(2026, 12, 1));
      create.expiresProperty().set(LocalDate.of(2026, 12, 24));
      create.maxClicksProperty().set("500");
      create.forwardQueryProperty().set(false);
      List<LinkView> saved = new ArrayList<>();

      assertThat(create.canSaveProperty().get()).isTrue();
      create.save(saved::add);

      LinkView stored = collector.client().link(saved.getFirst().id());
      assertThat(stored.notes())
          .isEqualTo("Printed on the December flyer.\nAsk Mia before changing.");
      assertThat(stored.fallbackUrl()).isEqualTo("https://shop.example.com/sold-out");
      assertThat(stored.validFrom()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
      assertThat(stored.validUntil()).isEqualTo(Instant.parse("2026-12-25T00:00:00Z"));
      assertThat(stored.maxClicks()).isEqualTo(500L);
      assertThat(stored.forwardQuery()).isFalse();
      assertThat(online.store().links()).extracting(LinkView::slug).containsExactly("advent");
      assertThat(notices).containsExactly(Notice.info("Created " + stored.shortUrl()));

      LinkEditorViewModel edit =
          new LinkEditorViewModel(online, notices::add, ZoneOffset.UTC, stored);
      assertThat(edit.notesProperty().get()).startsWith("Printed on the December flyer.");
      assertThat(edit.validFromProperty().get()).isEqualTo(LocalDate.of(2026, 12, 1));
      assertThat(edit.expiresProperty().get()).isEqualTo(LocalDate.of(2026, 12, 24));
      edit.fallbackProperty().set("");
      edit.notesProperty().set("");
      edit.validFromProperty().set(null);
      edit.save(saved::add);

      LinkView cleared = collector.client().link(stored.id());
      assertThat(cleared.fallbackUrl()).isNull();
      assertThat(cleared.notes()).isNullOrEmpty();
      assertThat(cleared.validFrom()).isNull();
      assertThat(cleared.validUntil()).isEqualTo(Instant.parse("2026-12-25T00:00:00Z"));
    }

    @Test
    void showsTheCollectorsRefusalNextToTheSlugAndKeepsEverythingTyped() {
      collector
          .client()
          .createLink(io.linkscope.api.link.LinkInput.to("https://a.example/").withSlug("taken"));
      LinkEditorViewModel create = newForm();
      create.targetProperty().set("https://shop.example.com/spring");
      create.slugProperty().set("taken");
      create.titleProperty().set("Spring");
      create.notesProperty().set("Keep me");

      create.save(saved -> {});
      assertThat(create.slugErrorProperty().get()).isEqualTo("The slug 'taken' is already used.");

      create.slugProperty().set("api");
      assertThat(create.slugErrorProperty().get()).as("cleared once changed").isEmpty();
      create.save(saved -> {});
      assertThat(create.slugErrorProperty().get())
          .isEqualTo("The slug 'api' is reserved by the collector.");
      assertThat(create.titleProperty().get()).isEqualTo("Spring");
      assertThat(create.notesProperty().get()).isEqualTo("Keep me");
      assertThat(create.targetProperty().get()).isEqualTo("https://shop.example.com/spring");
      assertThat(notices).isEmpty();
    }

    @Test
    void putsAFieldErrorOnlyTheCollectorFindsNextToThatField() {
      LinkEditorViewModel create = newForm();
      create.targetProperty().set("https://shop.example.com/spring");
      create.notesProperty().set("Bell \u0007 in the notes");

      assertThat(create.validate()).as("nothing the form itself checks").isTrue();
      create.save(saved -> {});

      assertThat(create.notesErrorProperty().get()).isEqualTo("Contains control characters.");
      assertThat(create.notesProperty().get()).isEqualTo("Bell \u0007 in the notes");
      assertThat(notices).isEmpty();
      create.notesProperty().set("Bell in the notes");
      assertThat(create.notesErrorProperty().get()).isEmpty();
    }

    @Test
    void warnsBeforeChangingTheSlugOfALinkWithClicks() throws Exception {
      LinkView link =
          collector
              .client()
              .createLink(
                  io.linkscope.api.link.LinkInput.to("https://a.example/").withSlug("flyer"));
      LinkEditorViewModel fresh =
          new LinkEditorViewModel(online, notices::add, ZoneOffset.UTC, link);
      fresh.slugProperty().set("flyer-2");
      assertThat(fresh.slugChangeWarning()).as("no clicks yet").isEmpty();

      Visits.visit(collector, "flyer", TestGeoDatabase.BERLIN_IP, 3);
      LinkView clicked = collector.client().link(link.id());
      LinkEditorViewModel edit =
          new LinkEditorViewModel(online, notices::add, ZoneOffset.UTC, clicked);
      assertThat(edit.slugChangeWarning()).as("slug unchanged").isEmpty();
      edit.titleProperty().set("Flyer");
      assertThat(edit.slugChangeWarning()).as("only the title changed").isEmpty();
      edit.slugProperty().set("flyer-2");

      assertThat(edit.slugChangeWarning())
          .hasValue(
              "The old short URL "
                  + clicked.shortUrl()
                  + " has 3 clicks and stops working once you save: anyone who follows it, from a"
                  + " post, an e-mail or a printed QR code, gets a not-found page. The new short URL"
                  + " is "
                  + collector.baseUrl().replaceFirst("/+$", "")
                  + "/flyer-2. The clicks so far stay in this link's analytics.");
    }
  }
}
