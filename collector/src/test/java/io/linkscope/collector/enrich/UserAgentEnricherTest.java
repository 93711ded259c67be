package io.linkscope.collector.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class UserAgentEnricherTest {

  private static final String IPHONE_INSTAGRAM =
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like"
          + " Gecko) Mobile/15E148 Instagram 307.0.0.34.111 (iPhone15,3; iOS 17_1; en_US; en;"
          + " scale=3.00; 1290x2796; 532277048)";
  private static final String WINDOWS_CHROME =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/120.0.0.0 Safari/537.36";

  private final UserAgentEnricher enricher = SharedEnrichers.USER_AGENT;

  @Test
  void iphoneInstagramInAppBrowserIsAMobileInstagramClickOnIos17() {
    assertThat(enricher.parse(IPHONE_INSTAGRAM))
        .isEqualTo(new DeviceInfo("mobile", "Instagram", "307", "iOS", "17", "Instagram", false));
  }

  @ParameterizedTest(name = "{1} {2} on {3} {4}: {0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 | desktop | Chrome | 120 | Windows | ''
          Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0 | desktop | Edge | 120 | Windows | >=10
          Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0 | desktop | Firefox | 121 | Windows | >=10
          Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15 | desktop | Safari | 17 | Mac OS | >=10.15
          Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 | desktop | Chrome | 120 | Linux | ''
          Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1.2 Mobile/15E148 Safari/604.1 | mobile | Safari | 17 | iOS | 17
          Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/120.0.6099.119 Mobile/15E148 Safari/604.1 | mobile | Chrome | 120 | iOS | 17
          Mozilla/5.0 (iPad; CPU OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1 | tablet | Safari | 17 | iOS | 17
          Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36 | mobile | Chrome | 120 | Android | 14
          Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36 | mobile | Chrome | 120 | Android | ''
          Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36 | mobile | SamsungBrowser | 23 | Android | 13
          Mozilla/5.0 (Linux; Android 13; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 | tablet | Chrome | 120 | Android | 13
          Mozilla/5.0 (SMART-TV; Linux; Tizen 6.0) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/4.0 Chrome/76.0.3809.146 TV Safari/537.36 | tv | SamsungBrowser | 4 | Tizen | 6
          Mozilla/5.0 (PlayStation; PlayStation 5/2.26) AppleWebKit/605.1.15 (KHTML, like Gecko) | console | AppleWebKit | 605 | PS5 OS | 2
          Mozilla/5.0 (Linux; Android 10; Quest 2) AppleWebKit/537.36 (KHTML, like Gecko) OculusBrowser/30.0.0.4.64 SamsungBrowser/4.0 Chrome/118.0.5993.117 VR Safari/537.36 | wearable | OculusBrowser | 30 | Android | 10
          """)
  void regularBrowsersAreHumanClicksOutsideAnyApp(
      String userAgent,
      String deviceType,
      String browser,
      String browserVersion,
      String os,
      String osVersion) {
    assertThat(enricher.parse(userAgent))
        .isEqualTo(new DeviceInfo(deviceType, browser, browserVersion, os, osVersion, "", false));
  }

  @ParameterizedTest(name = "{6}: {0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/436.0.0.35.101;FBBV/534337416;FBDV/iPhone14,5;FBMD/iPhone;FBSN/iOS;FBSV/17.0;FBSS/3;FBID/phone;FBLC/en_US;FBOP/5;FBRV/535857720] | mobile | Facebook | '' | iOS | 17 | Facebook
          Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/430.0.0.28.112;FBBV/525040447;FBDV/iPad7,5;FBMD/iPad;FBSN/iPadOS;FBSV/16.6;FBSS/2;FBID/tablet;FBLC/de_DE;FBOP/5;FBRV/527181049] | tablet | Facebook | '' | iOS | 16 | Facebook
          Mozilla/5.0 (Linux; Android 13; SM-G998B Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/119.0.6045.193 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/442.0.0.33.113;] | mobile | Facebook | '' | Android | 13 | Facebook
          Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/UD1A.230803.041; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/120.0.6099.193 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/447.0.0.40.107;IABMV/1;] | mobile | Facebook | '' | Android | 14 | Facebook
          Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/MessengerForiOS;FBAV/439.0.0.39.115;FBBV/540397044;FBDV/iPhone15,2;FBMD/iPhone;FBSN/iOS;FBSV/17.1;FBSS/3;FBCR/;FBID/phone;FBLC/en_US;FBOP/5] | mobile | Messenger | '' | iOS | 17 | Messenger
          Mozilla/5.0 (Linux; Android 13; SM-S918B Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/119.0.6045.193 Mobile Safari/537.36 Instagram 309.0.0.40.113 Android (33/13; 450dpi; 1080x2340; samsung; SM-S918B; b0q; qcom; en_US; 541635890) | mobile | Instagram | '' | Android | 13 | Instagram
          Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Barcelona 306.0.0.34.111 (iPhone15,3; iOS 17_1; en_US; en; scale=3.00; 1290x2796; 531000000) | mobile | Threads | 306 | iOS | 17 | Threads
          Mozilla/5.0 (Linux; Android 12; SM-G991B Build/SP1A.210812.016; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/120.0.6099.43 Mobile Safari/537.36 musical_ly_2023208030 JsSdk/1.0 NetType/WIFI Channel/googleplay AppName/musical_ly app_version/32.8.3 ByteLocale/en ByteFullLocale/en Region/DE BytedanceWebview/d8a21c6 | mobile | TikTok | 32 | Android | 12 | TikTok
          Mozilla/5.0 (Linux; Android 13; SM-S908B Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/119.0.6045.163 Mobile Safari/537.36 trill_320304 JsSdk/1.0 NetType/WIFI Channel/googleplay AppName/trill app_version/32.3.4 ByteLocale/en ByteFullLocale/en Region/US BytedanceWebview/d8a21c6 | mobile | TikTok | 32 | Android | 13 | TikTok
          Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 musical_ly_32.9.0 JsSdk/2.0 NetType/WIFI Channel/App Store ByteLocale/en Region/US ByteFullLocale/en isDarkMode/0 WKWebView/1 RevealType/Dialog BytedanceWebview/d8a21c6 | mobile | TikTok | 32 | iOS | 17 | TikTok
          Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Snapchat/12.62.0.36 (like Safari/8616.2.9.10.6, panda) | mobile | Snapchat | 12 | iOS | 16 | Snapchat
          Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [LinkedInApp]/9.29.8176 | mobile | LinkedIn | '' | iOS | 17 | LinkedIn
          Mozilla/5.0 (Linux; Android 13; SM-G991B Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/120.0.6099.144 Mobile Safari/537.36 [LinkedInApp]/4.1.881 | mobile | LinkedIn | '' | Android | 13 | LinkedIn
          Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Twitter for iPhone/10.15 | mobile | X | 10 | iOS | 17 | X
          Mozilla/5.0 (Linux; Android 13; Pixel 6 Build/TQ3A.230805.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 TwitterAndroid | mobile | X | '' | Android | 13 | X
          Mozilla/5.0 (Linux; Android 13; SM-A536B Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/119.0.6045.193 Mobile Safari/537.36 [Pinterest/Android] | mobile | Pinterest | '' | Android | 13 | Pinterest
          Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [Pinterest/iOS] | mobile | Pinterest | '' | iOS | 17 | Pinterest
          Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.43(0x1800552f) NetType/WIFI Language/zh_CN | mobile | WeChat | 8 | iOS | 17 | WeChat
          Mozilla/5.0 (Linux; Android 13; V2219A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/107.0.5304.141 Mobile Safari/537.36 XWEB/5023 MMWEBSDK/20230303 MMWEBID/6571 MicroMessenger/8.0.34.2340(0x2800225D) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64 | mobile | WeChat | 8 | Android | 13 | WeChat
          Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Safari Line/13.19.0 | mobile | Line | 13 | iOS | 17 | Line
          Mozilla/5.0 (Linux; Android 13; SM-S911N Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/119.0.6045.163 Mobile Safari/537.36 Line/13.21.0/IAB | mobile | Line | '' | Android | 13 | Line
          Mozilla/5.0 (Linux; Android 13; Pixel 7 Build/TQ3A.230805.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/118.0.5993.111 Mobile Safari/537.36 Telegram-Android/10.2.3 (Google Pixel 7; Android 13; SDK 33; AVERAGE) | mobile | Telegram | '' | Android | 13 | Telegram
          """)
  void inAppBrowsersAreNamedAfterTheirAppNotTheirWebView(
      String userAgent,
      String deviceType,
      String browser,
      String browserVersion,
      String os,
      String osVersion,
      String inAppApp) {
    assertThat(enricher.parse(userAgent))
        .isEqualTo(
            new DeviceInfo(deviceType, browser, browserVersion, os, osVersion, inAppApp, false));
  }

  @ParameterizedTest(name = "{1}: {0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html) | Googlebot | 2 | Google Cloud | ''
          Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; Googlebot/2.1; +http://www.google.com/bot.html) Chrome/120.0.6099.129 Safari/537.36 | Googlebot | 2 | Google Cloud | ''
          Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm) | Bingbot | 2 | Microsoft Cloud | Microsoft Azure
          curl/8.5.0 | Curl | 8 | Cloud | ''
          Wget/1.21.4 | Wget | 1 | Cloud | ''
          python-requests/2.31.0 | Python-Requests | 2 | Cloud | ''
          Go-http-client/1.1 | Go http client | 1 | Cloud | ''
          okhttp/4.12.0 | Okhttp | 4 | Cloud | ''
          Java/17.0.2 | Java | 17 | Cloud | ''
          libwww-perl/6.72 | Libwww-Perl | 6 | Cloud | ''
          facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php) | Facebookexternalhit | 1 | Cloud | ''
          Mozilla/5.0 (compatible; Facebot/1.0) | Facebot | 1 | Cloud | ''
          Twitterbot/1.0 | Twitterbot | 1 | Cloud | ''
          Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots) | Slackbot-LinkExpanding | 1 | Cloud | ''
          Slack-ImgProxy (+https://api.slack.com/robots) | Slack-ImgProxy | '' | Cloud | ''
          Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com) | Discordbot | 2 | Cloud | ''
          TelegramBot (like TwitterBot) | TelegramBot | '' | Cloud | ''
          WhatsApp/2.23.20.0 | WhatsApp | 2 | '' | ''
          LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com) | LinkedInBot | 1 | Cloud | ''
          Pinterestbot/1.0 (+http://www.pinterest.com/bot.html) | Pinterestbot | 1 | Cloud | ''
          Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5 skype-url-preview@microsoft.com | SkypeUriPreview Preview | 0 | Windows | 7
          Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.6099.28 Safari/537.36 | Chrome | 120 | Linux | ''
          Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.1.1 Safari/605.1.15 (Applebot/0.1; +http://www.apple.com/go/applebot) | Applebot | 0 | Cloud | ''
          Mozilla/5.0 (Linux; Android 5.0) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36 (compatible; Bytespider; spider-feedback@bytedance.com) | Bytespider | '' | Cloud | ''
          Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.0; +https://openai.com/gptbot) | GPTBot | 1 | Cloud | ''
          Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; ClaudeBot/1.0; +claudebot@anthropic.com) | ClaudeBot | 1 | Cloud | ''
          """)
  void crawlersPreviewersAndHttpToolsAreBots(
      String userAgent, String browser, String browserVersion, String os, String osVersion) {
    assertThat(enricher.parse(userAgent))
        .isEqualTo(new DeviceInfo("bot", browser, browserVersion, os, osVersion, "", true));
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "   ", "\t"})
  void missingUserAgentIsABotWithNothingElseKnown(String userAgent) {
    assertThat(enricher.parse(userAgent))
        .isEqualTo(new DeviceInfo("bot", "", "", "", "", "", true))
        .isSameAs(DeviceInfo.NO_USER_AGENT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"hello", "-", "'; DROP TABLE clicks; --"})
  void garbageIsABotAndYauaaPlaceholdersNeverLeakOut(String userAgent) {
    assertThat(enricher.parse(userAgent))
        .isEqualTo(new DeviceInfo("bot", "", "", "", "", "", true));
  }

  @Test
  void absurdlyLongUserAgentIsCroppedAndStillRecognised() {
    String padded = WINDOWS_CHROME + " " + "x".repeat(100_000);

    assertThat(enricher.parse(padded))
        .isEqualTo(new DeviceInfo("desktop", "Chrome", "120", "Windows", "", "", false));
  }

  @Test
  void cropKeepsShortUserAgentsAndCutsLongOnesWithoutSplittingASurrogatePair() {
    assertThat(UserAgentEnricher.crop(WINDOWS_CHROME)).isSameAs(WINDOWS_CHROME);
    assertThat(UserAgentEnricher.crop("a".repeat(600)))
        .hasSize(UserAgentEnricher.MAX_USER_AGENT_LENGTH);
    String emojiAcrossTheLimit = "a".repeat(UserAgentEnricher.MAX_USER_AGENT_LENGTH - 1) + "😀";
    assertThat(UserAgentEnricher.crop(emojiAcrossTheLimit))
        .isEqualTo("a".repeat(UserAgentEnricher.MAX_USER_AGENT_LENGTH - 1));
  }

  @Test
  void concurrentCallersGetTheSameAnswersAsASingleCaller() throws Exception {
    List<String> userAgents =
        List.of(
            IPHONE_INSTAGRAM,
            WINDOWS_CHROME,
            "curl/8.5.0",
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko)"
                + " Chrome/120.0.6099.144 Mobile Safari/537.36",
            // not seen by any other test, so the threads race on an uncached analysis
            "Mozilla/5.0 (Linux; Android 11; SM-A125F) AppleWebKit/537.36 (KHTML, like Gecko)"
                + " Chrome/111.0.0.0 Mobile Safari/537.36");
    List<DeviceInfo> expected = userAgents.stream().map(enricher::parse).toList();

    List<Callable<List<DeviceInfo>>> tasks = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      tasks.add(
          () -> {
            List<DeviceInfo> seen = new ArrayList<>();
            for (int round = 0; round < 50; round++) {
              seen.addAll(userAgents.stream().map(enricher::parse).toList());
            }
            return seen;
          });
    }
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      for (Future<List<DeviceInfo>> result : pool.invokeAll(tasks)) {
        List<DeviceInfo> seen = result.get();
        for (int i = 0; i < seen.size(); i++) {
          assertThat(seen.get(i)).isEqualTo(expected.get(i % userAgents.size()));
        }
      }
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      nullValues = "NULL",
      textBlock =
          """
          Desktop | desktop
          Phone | mobile
          Mobile | mobile
          Phablet | mobile
          Tablet | tablet
          TV | tv
          Set-top box | tv
          Game Console | console
          Handheld Game Console | console
          Watch | wearable
          Augmented Reality | wearable
          Virtual Reality | wearable
          Robot | bot
          Robot Mobile | bot
          Robot Imitator | bot
          Spy | bot
          Hacker | bot
          eReader | other
          Car | other
          Unknown | other
          NULL | other
          """)
  void yauaaDeviceClassesMapToDeviceTypes(String deviceClass, String deviceType) {
    assertThat(UserAgentEnricher.deviceType(deviceClass)).isEqualTo(deviceType);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      nullValues = "NULL",
      textBlock =
          """
          Chrome | Chrome
          ' 17 ' | 17
          Unknown | ''
          unknown | ''
          ?? | ''
          Unknown Webview App | ''
          Hacker | ''
          '' | ''
          NULL | ''
          """)
  void yauaaPlaceholdersBecomeEmpty(String value, String expected) {
    assertThat(UserAgentEnricher.known(value)).isEqualTo(expected);
  }
}
