package io.linkscope.desktop.links;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.api.link.LinkView;
import io.linkscope.desktop.connection.Session;
import io.linkscope.desktop.testsupport.SampleWorkspace;
import io.linkscope.desktop.testsupport.Sessions;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LinkEditorViewModelTest {
  @TempDir Path directory;
  private Session session;
  private LinkEditorViewModel form;

  @BeforeEach
  void open() {
    session = Sessions.offlineWithSample(directory);
    form = new LinkEditorViewModel(session, ZoneOffset.UTC, null);
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
        new LinkView(
            link.id(),
            link.slug(),
            "",
            link.shortUrl(),
            "https://shop.example.com/?utm_medium=social&x=1",
            link.title(),
            null,
            link.tags(),
            301,
            null,
            null,
            250L,
            null,
            true,
            0,
            link.createdAt(),
            link.updatedAt());

    LinkEditorViewModel edit = new LinkEditorViewModel(session, ZoneOffset.UTC, tagged);

    assertThat(edit.utmProperty("utm_medium").get()).isEqualTo("social");
    assertThat(edit.redirectTypeProperty().get()).isEqualTo(301);
    assertThat(edit.maxClicksProperty().get()).isEqualTo("250");
    assertThat(edit.shortUrlProperty().get()).isEqualTo(link.shortUrl());
  }

  @Test
  void refusesToSaveWhileOfflineAndSaysSoWithoutLosingTheForm() {
    form.slugProperty().set("spring-sale-2");
    List<LinkView> saved = new ArrayList<>();

    form.save(saved::add);

    assertThat(saved).isEmpty();
    assertThat(form.formErrorProperty().get())
        .startsWith("You are offline: 127.0.0.1:9 cannot be reached")
        .contains("Nothing was changed");
    assertThat(form.slugProperty().get()).isEqualTo("spring-sale-2");
    assertThat(session.store().links()).hasSize(12);
  }

  @Test
  void previewsTheQrCodeOfTheShortUrlLocally() {
    form.slugProperty().set("spring");

    assertThat(form.shortUrlProperty().get()).isEqualTo("http://127.0.0.1:9/spring");
    assertThat(form.qrSvg()).startsWith("<svg").contains("<path");
    assertThat(form.qrPng()).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
  }

  @Test
  void sendsAClearedExpiryAndClickLimitAsNullsSoTheyClear() {
    var patch =
        LinkEditorViewModel.toPatch(
            io.linkscope.api.link.LinkInput.to("https://example.com/x").withTitle("Kept"));
    assertThat(patch.get("validUntil").isJsonNull()).isTrue();
    assertThat(patch.get("maxClicks").isJsonNull()).isTrue();
    assertThat(patch.has("fallbackUrl")).isFalse();
    assertThat(patch.get("title").getAsString()).isEqualTo("Kept");
  }
}
