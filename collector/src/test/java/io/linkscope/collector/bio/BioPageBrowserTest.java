package io.linkscope.collector.bio;

import static io.linkscope.collector.testsupport.TestGeoDatabase.LONDON_IP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.linkscope.api.ApiException;
import io.linkscope.api.LinkscopeClient;
import io.linkscope.api.bio.BioPageInput;
import io.linkscope.api.bio.BioPageView;
import io.linkscope.api.bio.BioSocialIcon;
import io.linkscope.api.bio.BioTheme;
import io.linkscope.api.bio.BioWidgetInput;
import io.linkscope.collector.testsupport.TestCollector;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium opens published bio pages served by a real collector, taps widgets,
 * meets hostile content, and takes the phone screenshots of {@code docs/screenshots/}.
 */
class BioPageBrowserTest {
  /**
   * Screenshots go to the module's build directory, so test runs leave the checkout untouched;
   * {@code -Dlinkscope.screenshots=docs} refreshes the ones in {@code docs/screenshots/}.
   */
  static final Path SCREENSHOTS =
      "docs".equals(System.getProperty("linkscope.screenshots"))
          ? repositoryRoot().resolve("docs").resolve("screenshots")
          : Path.of("target", "screenshots");

  @TempDir static Path directory;
  static TestCollector collector;
  static LinkscopeClient client;
  static ChromeDriver browser;

  @BeforeAll
  static void start() throws Exception {
    collector = TestCollector.start(directory.resolve("collector"));
    client = collector.client();
    browser = HeadlessChromium.start(directory.resolve("chromium-profile"));
    // The collector trusts 127.0.0.1 as a proxy, so this places the browser in London.
    browser.executeCdpCommand("Network.enable", Map.of());
    browser.executeCdpCommand(
        "Network.setExtraHTTPHeaders", Map.of("headers", Map.of("X-Forwarded-For", LONDON_IP)));
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    collector.close();
  }

  @Test
  void recordsThePageViewsAndEveryTapOfARealBrowser() throws Exception {
    // Targets on the collector itself keep the browser off the internet.
    String target = collector.baseUrl() + "/health";
    BioPageView page = client.createPage(BioPageInput.of("taps", "Tap test"));
    var shop = client.addWidget(page.id(), BioWidgetInput.link("Spring shop", target + "?shop"));
    var social =
        client.addWidget(
            page.id(),
            BioWidgetInput.social(
                List.of(
                    new BioSocialIcon("youtube", target + "?youtube"),
                    new BioSocialIcon("instagram", target + "?instagram"))));
    client.publishPage(page.id());

    browser.get(page.publicUrl());
    browser.findElement(By.linkText("Spring shop")).click();
    waitForUrl(target + "?shop");
    browser.get(page.publicUrl());
    browser.findElement(By.cssSelector("a[aria-label=Instagram]")).click();
    waitForUrl(target + "?instagram");

    List<RecordedVisits> visits = RecordedVisits.of(collector, page.id());
    assertThat(visits)
        .extracting(
            RecordedVisits::kind,
            RecordedVisits::widgetId,
            RecordedVisits::widgetType,
            RecordedVisits::widgetTitle)
        .containsExactly(
            tuple(RecordedVisits.PAGE_VIEW, 0L, "", ""),
            tuple(RecordedVisits.WIDGET_TAP, shop.id(), "link", "Spring shop"),
            tuple(RecordedVisits.PAGE_VIEW, 0L, "", ""),
            tuple(RecordedVisits.WIDGET_TAP, social.id(), "social", "Instagram"));
    assertThat(visits)
        .allSatisfy(
            visit -> {
              assertThat(visit.country()).isEqualTo("GB");
              assertThat(visit.deviceType()).isEqualTo("mobile");
              assertThat(visit.browser()).isEqualTo("Chrome");
            });
  }

  @Test
  void executesNoneOfTheHostileTitlesTextsOrUrls() throws Exception {
    String hostileTitle = "<img src=x onerror=\"document.title='pwned';window.pwned=1\">";
    BioPageView page =
        client.createPage(
            BioPageInput.of("hostile", hostileTitle)
                .withDescription("<script>window.pwned=2</script>"));
    client.addWidget(
        page.id(),
        BioWidgetInput.link("\"><svg onload=\"window.pwned=3\">", "https://a.example.com/"));
    client.addWidget(
        page.id(), BioWidgetInput.heading("<iframe src=\"javascript:window.pwned=5\">"));
    client.addWidget(page.id(), BioWidgetInput.text("</p><script>window.pwned=6</script>"));
    client.addWidget(
        page.id(),
        BioWidgetInput.image("https://img.example.com/a.png", "\" onerror=\"window.pwned=7", null));
    for (String url :
        List.of(
            "javascript:window.pwned=8",
            " JaVaScRiPt:window.pwned=9",
            "data:text/html,<script>x</script>",
            "https://a.example.com/\"onmouseover=\"window.pwned=4")) {
      assertThatThrownBy(() -> client.addWidget(page.id(), BioWidgetInput.link("Bad", url)))
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
    client.publishPage(page.id());

    browser.get(page.publicUrl());
    browser.findElement(By.tagName("h1"));

    assertThat(browser.executeScript("return typeof window.pwned")).isEqualTo("undefined");
    assertThat(browser.getTitle()).isEqualTo(hostileTitle);
    assertThatThrownBy(() -> browser.switchTo().alert())
        .isInstanceOf(NoAlertPresentException.class);
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(hostileTitle);
    assertThat(browser.findElement(By.cssSelector(".bio")).getText())
        .isEqualTo("<script>window.pwned=2</script>");
    assertThat(
            browser.executeScript(
                """
                const all = [...document.querySelectorAll('*')];
                return {
                  scripts: document.scripts.length,
                  iframes: document.querySelectorAll('iframe').length,
                  svgsOutsideIcons: document.querySelectorAll('svg:not(nav svg)').length,
                  handlers: all.filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length,
                  javascriptUrls: all.filter(e => ['href', 'src'].some(n =>
                      (e.getAttribute(n) || '').trim().toLowerCase().startsWith('javascript:'))).length
                };
                """))
        .isEqualTo(
            Map.of(
                "scripts",
                0L,
                "iframes",
                0L,
                "svgsOutsideIcons",
                0L,
                "handlers",
                0L,
                "javascriptUrls",
                0L));
  }

  @Test
  void showsAFocusRingWhenAKeyboardUserTabsToALink() {
    BioPageView page = client.createPage(BioPageInput.of("keyboard", "Keyboard"));
    client.addWidget(page.id(), BioWidgetInput.link("First link", "https://a.example.com/"));
    client.publishPage(page.id());
    browser.get(page.publicUrl());

    new Actions(browser).sendKeys(Keys.TAB).perform();

    assertThat(
            browser.executeScript(
                """
                const a = document.activeElement, style = getComputedStyle(a);
                return [a.textContent, style.outlineStyle, style.outlineWidth];
                """))
        .isEqualTo(List.of("First link", "solid", "3px"));
  }

  @Test
  void savesPhoneScreenshotsOfTwoThemes() throws Exception {
    Files.createDirectories(SCREENSHOTS);
    try (ShowcaseAvatar avatar = ShowcaseAvatar.serve()) {
      for (String theme : List.of("midnight", "sunset")) {
        screenshot(showcase(theme, avatar.url()), theme);
      }
    }
  }

  private static void screenshot(BioPageView page, String theme) throws Exception {
    browser.get(page.publicUrl());
    new WebDriverWait(browser, Duration.ofSeconds(10))
        .until(
            driver ->
                browser.executeScript(
                    "const a = document.querySelector('img.avatar');"
                        + " return a.complete && a.naturalWidth > 0"));
    byte[] png = browser.getScreenshotAs(OutputType.BYTES);
    Files.write(SCREENSHOTS.resolve("bio-" + theme + ".png"), png);

    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image.getWidth())
        .isEqualTo((int) (HeadlessChromium.WIDTH * HeadlessChromium.PIXEL_RATIO));
    assertThat(image.getHeight())
        .isEqualTo((int) (HeadlessChromium.HEIGHT * HeadlessChromium.PIXEL_RATIO));
    // The theme reached the browser: buttons have the theme's colour.
    int button = Integer.parseInt(page.theme().button().substring(1), 16);
    assertThat(
            browser.executeScript(
                "return getComputedStyle(document.querySelector('.btn')).backgroundColor"))
        .isEqualTo("rgb(%d, %d, %d)".formatted(button >> 16, (button >> 8) & 0xff, button & 0xff));
  }

  private static BioPageView showcase(String theme, String avatarUrl) {
    String target = collector.baseUrl() + "/health";
    BioPageView page =
        client.createPage(
            BioPageInput.of("mara-" + theme, "Mara Lindqvist")
                .withDescription(
                    "Ceramicist in Malmö. Small-batch stoneware, studio notes and workshops.")
                .withTheme(BioTheme.preset(theme))
                .withAvatarUrl(avatarUrl));
    client.addWidget(
        page.id(),
        BioWidgetInput.social(
            List.of(
                new BioSocialIcon("instagram", target),
                new BioSocialIcon("tiktok", target),
                new BioSocialIcon("youtube", target),
                new BioSocialIcon("spotify", target),
                new BioSocialIcon("email", "mailto:studio@example.com"))));
    client.addWidget(page.id(), BioWidgetInput.link("Spring collection is live", target));
    client.addWidget(page.id(), BioWidgetInput.link("Book a wheel-throwing workshop", target));
    client.addWidget(page.id(), BioWidgetInput.link("Studio newsletter", target));
    client.addWidget(page.id(), BioWidgetInput.heading("Elsewhere"));
    client.addWidget(page.id(), BioWidgetInput.link("Podcast: Slow Craft, episode 12", target));
    client.addWidget(page.id(), BioWidgetInput.divider());
    client.addWidget(page.id(), BioWidgetInput.text("Wholesale and commissions welcome."));
    client.addWidget(
        page.id(), BioWidgetInput.email("Write to the studio", "mailto:studio@example.com"));
    return client.publishPage(page.id());
  }

  /** The checkout's root, whether the tests run from the module (Maven) or from the root. */
  private static Path repositoryRoot() {
    Path directory = Path.of("").toAbsolutePath();
    while (directory != null
        && !Files.isDirectory(directory.resolve("docs").resolve("decisions"))) {
      directory = directory.getParent();
    }
    if (directory == null) {
      throw new IllegalStateException("not inside the Linkscope checkout");
    }
    return directory;
  }

  private static void waitForUrl(String url) {
    new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlToBe(url));
  }
}
