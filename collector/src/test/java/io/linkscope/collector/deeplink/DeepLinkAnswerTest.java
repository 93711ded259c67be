package io.linkscope.collector.deeplink;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.api.gate.AppTarget;
import io.linkscope.api.gate.DeepLinks;
import io.linkscope.collector.enrich.DeviceInfo;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The decision of a deep link for each kind of device, from the recognised device alone. */
class DeepLinkAnswerTest {
  static final String WEB = "https://shop.example.com/p/42";
  static final DeepLinks LINKS =
      new DeepLinks(
          new AppTarget("shopapp://p/42", "https://apps.apple.com/app/id1", null),
          new AppTarget("https://app.example.com/p/42#top", null, "com.example.shop"));

  static DeviceInfo device(String type, String os, String inApp, boolean bot) {
    return new DeviceInfo(type, "", "", os, "", inApp, bot);
  }

  @Test
  void desktopsBotsAndUnknownSystemsGoToTheWeb() {
    assertThat(DeepLinkAnswer.decide(LINKS, device("desktop", "Mac OS", "", false), WEB).location())
        .isEqualTo(WEB);
    assertThat(DeepLinkAnswer.decide(LINKS, device("bot", "iOS", "", true), WEB).location())
        .isEqualTo(WEB);
    assertThat(DeepLinkAnswer.decide(LINKS, DeviceInfo.UNKNOWN, WEB).location()).isEqualTo(WEB);
    DeepLinks onlyAndroid = new DeepLinks(null, LINKS.android());
    assertThat(
            DeepLinkAnswer.decide(onlyAndroid, device("mobile", "iOS", "", false), WEB).location())
        .as("an iPhone when only Android has an app")
        .isEqualTo(WEB);
  }

  @Test
  void anAppLinkInTheSystemBrowserIsARedirectAndFromAnAppAPage() {
    DeepLinkAnswer.Decision chrome =
        DeepLinkAnswer.decide(LINKS, device("mobile", "Android", "", false), WEB);
    assertThat(chrome.location()).isEqualTo("https://app.example.com/p/42#top");
    assertThat(chrome.page()).isNull();
    DeepLinkAnswer.Decision facebook =
        DeepLinkAnswer.decide(LINKS, device("mobile", "Android", "Facebook", false), WEB);
    assertThat(facebook.location()).isNull();
    assertThat(text(facebook))
        .contains(
            "href=\"intent://app.example.com/p/42#Intent;scheme=https;package=com.example.shop;end\"")
        .contains("Links open best outside Facebook.");
  }

  @Test
  void aCustomSchemeOnAnIphoneIsAPageWithTheStore() {
    DeepLinkAnswer.Decision safari =
        DeepLinkAnswer.decide(LINKS, device("tablet", "iOS", "", false), WEB);
    assertThat(safari.location()).isNull();
    assertThat(text(safari))
        .contains("href=\"shopapp://p/42\">Open in the app")
        .contains("href=\"https://apps.apple.com/app/id1\">Get the app")
        .contains("href=\"" + WEB + "\">Open in the browser")
        .contains("Choose how to open this link.")
        .doesNotContain("Links open best outside");
  }

  private static String text(DeepLinkAnswer.Decision decision) {
    return StandardCharsets.UTF_8.decode(decision.page().duplicate()).toString();
  }
}
