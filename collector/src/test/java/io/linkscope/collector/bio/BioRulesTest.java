package io.linkscope.collector.bio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkscope.collector.http.HttpError;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BioRulesTest {

  @ParameterizedTest
  @CsvSource(
      textBlock =
          """
          https://www.youtube.com/watch?v=dQw4w9WgXcQ,        https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ
          https://youtube.com/watch?feature=x&v=dQw4w9WgXcQ,  https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ
          https://youtu.be/dQw4w9WgXcQ,                       https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ
          https://www.youtube.com/shorts/dQw4w9WgXcQ,         https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ
          https://vimeo.com/76979871,                         https://player.vimeo.com/video/76979871?dnt=1
          https://www.youtube.com/watch?v=short,              ''
          https://www.youtube.com/watch?v=dQw4w9WgXcQ%22x,    ''
          https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ, ''
          https://vimeo.com/channels/staff,                   ''
          https://example.com/video.mp4,                      ''
          """)
  void embedsOnlyRecognisedYouTubeAndVimeoVideos(String url, String embed) {
    assertThat(BioRules.videoEmbed(url).orElse("")).isEqualTo(embed == null ? "" : embed);
  }

  @ParameterizedTest
  @CsvSource(
      textBlock =
          """
          mailto:anna@example.com,                   true
          mailto:anna.berg+bio@studio.example.com,   true
          mailto:anna@example.com?subject=Hello%20there, true
          mailto:anna@example.com?subject=<script>,  false
          mailto:anna@example.com"onclick=x,         false
          mailto:,                                   false
          javascript:alert(1),                       false
          https://example.com/,                      false
          """)
  void acceptsOnlyPlainMailtoUrls(String url, boolean valid) {
    if (valid) {
      assertThat(BioRules.mailto("url", url)).isEqualTo(url);
    } else {
      assertThatThrownBy(() -> BioRules.mailto("url", url)).isInstanceOf(HttpError.class);
    }
  }

  @ParameterizedTest
  @CsvSource(
      textBlock =
          """
          Anna Berg,          AB
          mara lindqvist studio, ML
          Åsa,                Å
          '  --- Zed',        Z
          """)
  void showsUpToTwoInitialsWithoutAnAvatar(String title, String initials) {
    assertThat(BioRenderer.initials(title)).isEqualTo(initials);
  }
}
