package io.linkscope.collector.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReferrerTest {

  @ParameterizedTest(name = "{2}: {0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          https://l.instagram.com/?u=https%3A%2F%2Flnks.example%2Fa&e=AT0 | instagram.com | Instagram
          https://www.instagram.com/ | instagram.com | Instagram
          https://www.facebook.com/ | facebook.com | Facebook
          https://m.facebook.com/story.php?id=1 | facebook.com | Facebook
          https://l.facebook.com/l.php?u=https%3A%2F%2Fexample.com | facebook.com | Facebook
          https://lm.facebook.com/l.php?u=x | facebook.com | Facebook
          https://fb.me/abc | fb.me | Facebook
          https://web.fb.com/ | web.fb.com | Facebook
          https://m.me/somepage | m.me | Facebook
          https://t.co/AbCdEf123 | t.co | X
          https://x.com/someone/status/1 | x.com | X
          https://mobile.twitter.com/ | mobile.twitter.com | X
          https://www.tiktok.com/@someone | tiktok.com | TikTok
          https://www.youtube.com/watch?v=dQw4w9WgXcQ | youtube.com | YouTube
          https://m.youtube.com/ | youtube.com | YouTube
          https://youtu.be/dQw4w9WgXcQ | youtu.be | YouTube
          https://www.linkedin.com/feed/ | linkedin.com | LinkedIn
          https://lnkd.in/eAbCdE | lnkd.in | LinkedIn
          https://www.google.com/ | google.com | Google
          https://www.google.de/ | google.de | Google
          https://www.google.co.uk/ | google.co.uk | Google
          https://www.google.com.br/search?q=x | google.com.br | Google
          https://news.google.com/articles/x | news.google.com | Google
          https://www.bing.com/search?q=x | bing.com | Bing
          https://duckduckgo.com/ | duckduckgo.com | DuckDuckGo
          https://search.yahoo.com/search?p=x | search.yahoo.com | Yahoo
          https://www.yahoo.co.jp/ | yahoo.co.jp | Yahoo
          https://www.baidu.com/link?url=x | baidu.com | Baidu
          https://yandex.ru/search/?text=x | yandex.ru | Yandex
          https://ya.ru/ | ya.ru | Yandex
          https://www.reddit.com/r/java/ | reddit.com | Reddit
          https://out.reddit.com/t3_abc | out.reddit.com | Reddit
          https://www.pinterest.com/pin/1/ | pinterest.com | Pinterest
          https://www.pinterest.de/ | pinterest.de | Pinterest
          https://pin.it/abc | pin.it | Pinterest
          https://wa.me/4912345 | wa.me | WhatsApp
          https://web.whatsapp.com/ | web.whatsapp.com | WhatsApp
          https://t.me/somechannel | t.me | Telegram
          https://web.telegram.org/k/ | web.telegram.org | Telegram
          https://www.snapchat.com/ | snapchat.com | Snapchat
          https://www.threads.net/@someone | threads.net | Threads
          https://discord.com/channels/1/2 | discord.com | Discord
          https://app.slack.com/client/T1/C1 | app.slack.com | Slack
          https://slack-redir.net/link?url=x | slack-redir.net | Slack
          https://github.com/linkscope/linkscope | github.com | GitHub
          https://medium.com/@someone/post | medium.com | Medium
          https://someone.substack.com/p/post | someone.substack.com | Substack
          https://mail.google.com/ | mail.google.com | Email
          https://outlook.live.com/mail/0/ | outlook.live.com | Email
          https://outlook.office.com/mail/ | outlook.office.com | Email
          https://mail.yahoo.com/d/folders/1 | mail.yahoo.com | Email
          https://webmail.example.org/?_task=mail | webmail.example.org | Email
          android-app://com.google.android.gm/ | com.google.android.gm | Email
          android-app://com.linkedin.android/ | com.linkedin.android | LinkedIn
          android-app://com.instagram.android | com.instagram.android | Instagram
          android-app://com.google.android.googlequicksearchbox/https/www.google.com | com.google.android.googlequicksearchbox | Google
          android-app://com.Slack/ | com.slack | Slack
          """)
  void knownHostsAndAppsAreNamedChannels(String referer, String host, String source) {
    assertThat(Referrer.classify(referer, "")).isEqualTo(new Referrer(referer, host, source));
  }

  @ParameterizedTest(name = "{1}: {0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          https://www.example.com/blog/post?id=1 | example.com
          HTTPS://WWW.Example.COM/ | example.com
          https://user:secret@blog.example.com:8443/x | blog.example.com
          https://example.com./ | example.com
          http://192.168.1.10:8080/ | 192.168.1.10
          http://[::1]:8080/ | [::1]
          https://google.example.com/ | google.example.com
          https://notgoogle.com/ | notgoogle.com
          https://googleusercontent.com/ | googleusercontent.com
          https://www.google.com.evil.example/ | google.com.evil.example
          https://box.com/ | box.com
          https://bücher.example/ | bücher.example
          android-app://com.example.someapp/ | com.example.someapp
          ios-app://1234567/com.example/path | 1234567
          """)
  void hostsWithoutAChannelAreOtherButKeepTheirHost(String referer, String host) {
    assertThat(Referrer.classify(referer, "")).isEqualTo(new Referrer(referer, host, "Other"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "-",
        "not a url",
        "www.example.com/page",
        "//example.com/path",
        "https://",
        "https:///path",
        "https://exa mple.com/",
        "https://exa%6dple.com/",
        "https://..example.com/",
        "https://[::1/",
        "https://[zz::1]/",
        "1http://example.com/",
        "about:blank",
        "x?next=https://example.com/",
      })
  void malformedReferrersAreOtherWithoutAHost(String referer) {
    assertThat(Referrer.classify(referer, "")).isEqualTo(new Referrer(referer, "", "Other"));
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "  "})
  void noReferrerOutsideAnAppIsDirect(String referer) {
    assertThat(Referrer.classify(referer, "")).isEqualTo(new Referrer("", "", "Direct"));
    assertThat(Referrer.classify(referer, null)).isEqualTo(new Referrer("", "", "Direct"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          Instagram | Instagram
          Facebook | Facebook
          Messenger | Facebook
          TikTok | TikTok
          X | X
          LinkedIn | LinkedIn
          Snapchat | Snapchat
          WeChat | WeChat
          """)
  void noReferrerInsideAnAppIsThatAppsChannel(String inAppApp, String source) {
    assertThat(Referrer.classify(null, inAppApp)).isEqualTo(new Referrer("", "", source));
    assertThat(Referrer.classify("", inAppApp)).isEqualTo(new Referrer("", "", source));
  }

  @Test
  void aReferrerBeatsTheInAppApp() {
    assertThat(Referrer.classify("https://www.google.com/", "Instagram"))
        .isEqualTo(new Referrer("https://www.google.com/", "google.com", "Google"));
  }

  @Test
  void surroundingWhitespaceIsIgnored() {
    assertThat(Referrer.classify("  https://t.co/x \t", ""))
        .isEqualTo(new Referrer("https://t.co/x", "t.co", "X"));
  }

  @Test
  void longReferrersAreCroppedButStillClassified() {
    String referer = "https://www.google.com/search?q=" + "a".repeat(5_000);

    Referrer referrer = Referrer.classify(referer, "");

    assertThat(referrer.url())
        .hasSize(Referrer.MAX_URL_LENGTH)
        .isEqualTo(referer.substring(0, 1024));
    assertThat(referrer.host()).isEqualTo("google.com");
    assertThat(referrer.source()).isEqualTo("Google");
  }

  @ParameterizedTest
  @ValueSource(ints = {64, 2_000})
  void hostsBeyondDnsLimitsAreMalformed(int labelLength) {
    String referer = "https://" + "a".repeat(labelLength) + ".example.com/";

    assertThat(Referrer.classify(referer, ""))
        .isEqualTo(
            new Referrer(referer.substring(0, Math.min(1024, referer.length())), "", "Other"));
  }

  @Test
  void hostsWithinDnsLimitsAreKept() {
    String host = "a".repeat(63) + ".example.com";

    assertThat(Referrer.classify("https://" + host + "/", ""))
        .isEqualTo(new Referrer("https://" + host + "/", host, "Other"));
  }
}
